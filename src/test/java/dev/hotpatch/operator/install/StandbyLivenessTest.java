package dev.hotpatch.operator.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hotpatch.operator.HotpatchOperator;
import dev.hotpatch.operator.cli.RunCommand;
import dev.hotpatch.operator.devtools.LocalKubernetes;
import dev.hotpatch.operator.devtools.SimulatedClock;
import dev.hotpatch.operator.simulator.ArmSimulator;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A standby replica (another holds the lease) fills its caches but reconciles nothing: its liveness
 * watchdog sees no work, so /healthz stays 200 however far its clock moves, and /readyz says it is
 * ready to take over.
 */
class StandbyLivenessTest {
  private static final String SYSTEM = "hotpatch-system";

  @Test
  void aStandbyStaysLiveAndReconcilesNothing() throws Exception {
    try (LocalKubernetes kube = LocalKubernetes.start();
        ArmSimulator simulator = ArmSimulator.builder().start()) {
      for (String ns : new String[] {"fleet", SYSTEM}) {
        kube.client()
            .namespaces()
            .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
            .create();
      }
      // The leader is another replica, renewing its lease.
      kube.client()
          .resource(
              new LeaseBuilder()
                  .withNewMetadata()
                  .withName(HotpatchOperator.LEASE_NAME)
                  .withNamespace(SYSTEM)
                  .endMetadata()
                  .withNewSpec()
                  .withHolderIdentity("the-leader")
                  .withLeaseDurationSeconds(3600)
                  .withAcquireTime(ZonedDateTime.now())
                  .withRenewTime(ZonedDateTime.now())
                  .endSpec()
                  .build())
          .create();
      RunCommand command = new RunCommand();
      new CommandLine(command)
          .parseArgs(
              "--arm-endpoint",
              simulator.endpoint(),
              "--insecure-plain-http-arm",
              "--http-port",
              "0",
              "--leader-election",
              "--leader-election-namespace",
              SYSTEM,
              "--liveness-stuck-after",
              "10m");
      SimulatedClock clock = new SimulatedClock(Instant.now());
      RunCommand.Running standby =
          command.start(new ConfigBuilder(kube.client().getConfiguration()).build(), clock);
      try {
        kube.applyFolder(Path.of("examples"), "fleet");
        // Its informers see the VMs (Pending: nobody reconciles them here).
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    java.util.regex.Pattern.compile(
                            "hotpatch_vms\\{phase=\"Pending\",resource_namespace=\"fleet\"} [1-9]")
                        .matcher(get(standby, "/metrics"))
                        .find());
        clock.advance(Duration.ofHours(2));
        assertThat(get(standby, "/healthz")).isEqualTo("200 ok\n");
        assertThat(get(standby, "/readyz")).startsWith("200");
        assertThat(get(standby, "/metrics"))
            .doesNotContain("hotpatch_reconcile_duration_seconds_count")
            .doesNotContain("hotpatch_reconciles_total{");
        Lease lease =
            kube.client().leases().inNamespace(SYSTEM).withName(HotpatchOperator.LEASE_NAME).get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("the-leader");
      } finally {
        standby.close();
      }
    }
  }

  private static String get(RunCommand.Running running, String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + running.http().port() + path))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body();
  }
}
