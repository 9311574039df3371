package dev.hotpatch.operator.e2e;

import static dev.hotpatch.operator.e2e.OperatorHarness.NAMESPACE;
import static dev.hotpatch.operator.e2e.OperatorHarness.SUBSCRIPTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hotpatch.operator.HotpatchOperator;
import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.azure.AzureGateways;
import dev.hotpatch.operator.azure.AzureTarget;
import dev.hotpatch.operator.azure.RequestListener;
import dev.hotpatch.operator.reconciler.Conditions;
import dev.hotpatch.operator.reconciler.OperatorSettings;
import dev.hotpatch.operator.reconciler.Shard;
import dev.hotpatch.operator.simulator.OperationRecord;
import dev.hotpatch.operator.simulator.OperationTimings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two shards on one API server and one Azure: each installation lists, watches and acts on only the
 * HotpatchVMs and PatchBaselines labelled with its shard, leads its own lease, and a baseline wave
 * runs in both at once with each baseline's maxUnavailable held. Checked from JOSDK's side (what
 * each installation reconciled) and from Azure's (which VMs got reboot-capable calls).
 */
class ShardsE2eTest {
  private static final List<String> SHARD_A = List.of("a-1", "a-2", "a-3");
  private static final List<String> SHARD_B = List.of("b-1", "b-2", "b-3");

  /** Labelled shard a, its baseline is shard b's: acted on by neither. */
  private static final String STRAY = "stray-1";

  /** No shard label: no sharded installation sees it. */
  private static final String LOOSE = "loose-1";

  private static final String LEASES = "hotpatch-system";

  /** Long enough for three transitions one after the other in each shard, in one night. */
  private static final String LONG_WINDOWS =
      "maintenanceWindows:\n"
          + "  - {days: [Sat, Sun], start: \"22:00\", duration: 8h, timeZone: Europe/Berlin}";

  private OperatorHarness h;
  private final List<HotpatchOperator> shards = new ArrayList<>();
  private final Map<String, Set<String>> reconciledBy = new ConcurrentHashMap<>();

  @AfterEach
  void stop() {
    shards.forEach(HotpatchOperator::close);
    if (h != null) {
      h.close();
    }
  }

  @Test
  void twoShardsOnOneApiServerNeverBothActOnOneVm() throws Exception {
    StringBuilder seed = new StringBuilder("vms:\n");
    List<String> all = new ArrayList<>(SHARD_A);
    all.addAll(SHARD_B);
    all.add(STRAY);
    all.add(LOOSE);
    for (String name : all) {
      seed.append(
          """
            - {subscriptionId: %s, resourceGroup: rg-fleet, name: %s, osBuild: "%s",
               patchSettings: {patchMode: AutomaticByPlatform, enableHotpatching: true, assessmentMode: AutomaticByPlatform, rebootSetting: Never}}
          """
              .formatted(SUBSCRIPTION, name, RolloutScenariosTest.JANUARY));
    }
    // Real-time reconciles, the clock inside the window from the start; the harness's own
    // (unsharded) operator is stopped before anything is applied.
    h =
        OperatorHarness.start(
            seed.toString(),
            RolloutScenariosTest.WINDOW_OPENS.plusSeconds(60),
            OperationTimings.defaults());
    h.stopOperator();
    h.client()
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(LEASES).endMetadata().build())
        .create();
    StringBuilder yaml = new StringBuilder();
    yaml.append(baseline("ws2022-a", "a")).append(baseline("ws2022-b", "b"));
    SHARD_A.forEach(vm -> yaml.append(vm(vm, "a", "ws2022-a")));
    SHARD_B.forEach(vm -> yaml.append(vm(vm, "b", "ws2022-b")));
    yaml.append(vm(STRAY, "a", "ws2022-b"));
    yaml.append(vm(LOOSE, null, "ws2022-a"));
    Path file = Files.createTempFile("shards", ".yaml");
    Files.writeString(file, yaml.toString());
    h.kube.applyFile(file, NAMESPACE);
    Files.delete(file);

    shards.add(startShard("a"));
    shards.add(startShard("b"));

    int transitions = SHARD_A.size() + SHARD_B.size();
    // Both shards lead and have looked at each of their VMs before simulated time moves on.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                all.subList(0, transitions + 1).stream()
                    .allMatch(vm -> h.vm(vm).getStatus() != null));
    List<String> sharded = all.subList(0, transitions);
    for (int wave = 0;
        wave < 45 && !(allConverged(transitions) && sharded.stream().allMatch(this::ready));
        wave++) {
      await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> true);
      h.clock.advance(Duration.ofMinutes(10));
    }
    assertThat(sharded.stream().allMatch(this::ready)).as("all Ready: %s", describe(all)).isTrue();

    // JOSDK's side: each installation reconciled only its shard's objects.
    assertThat(reconciledBy.get("a"))
        .containsExactlyInAnyOrder("a-1", "a-2", "a-3", STRAY, "ws2022-a");
    assertThat(reconciledBy.get("b")).containsExactlyInAnyOrder("b-1", "b-2", "b-3", "ws2022-b");
    assertThat(h.vm(LOOSE).getStatus()).as("no installation wrote the unlabelled VM").isNull();
    assertThat(h.vm(STRAY).getStatus().conditions)
        .anySatisfy(
            c -> {
              assertThat(c.getReason()).isEqualTo("BaselineNotFound");
              assertThat(c.getMessage()).contains("ws2022-b").contains("shard a");
            });

    // Azure's side: one reboot-capable call per VM of a shard, none for the others, and never two
    // at once in one baseline (maxUnavailable 1 each, both baselines rolling at the same time).
    Map<String, Long> callsPerVm =
        rebootCapable().stream()
            .collect(Collectors.groupingBy(ShardsE2eTest::vmName, Collectors.counting()));
    assertThat(callsPerVm)
        .containsOnlyKeys(all.subList(0, transitions))
        .allSatisfy((vm, calls) -> assertThat(calls).as(vm).isEqualTo(1));
    assertThat(mostAtOnce(SHARD_A)).isEqualTo(1);
    assertThat(mostAtOnce(SHARD_B)).isEqualTo(1);
    assertThat(overlapped(SHARD_A, SHARD_B)).as("the two shards rolled at the same time").isTrue();

    // Each shard leads a lease of its own.
    Lease a = h.client().leases().inNamespace(LEASES).withName("hotpatch-operator-leader-a").get();
    Lease b = h.client().leases().inNamespace(LEASES).withName("hotpatch-operator-leader-b").get();
    assertThat(a.getSpec().getHolderIdentity()).isNotBlank();
    assertThat(b.getSpec().getHolderIdentity()).isNotBlank();
    assertThat(h.client().leases().inNamespace(LEASES).withName(HotpatchOperator.LEASE_NAME).get())
        .isNull();
  }

  @Test
  void aShardNameThatIsNoLabelValueIsRefusedInOneLine() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Shard.of("team a/b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shard \"team a/b\" is not a label value");
    assertThat(Shard.of(" ").sharded()).isFalse();
    assertThat(Shard.of("eu-1").labelSelector()).contains("hotpatch.dev/shard=eu-1");
    assertThat(Shard.NONE.leaseName("l")).isEqualTo("l");
  }

  private HotpatchOperator startShard(String shard) {
    Set<String> reconciled = ConcurrentHashMap.newKeySet();
    reconciledBy.put(shard, reconciled);
    Metrics seen =
        new Metrics() {
          @Override
          public void reconcileCustomResource(
              HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
            reconciled.add(resource.getMetadata().getName());
          }
        };
    return HotpatchOperator.start(
        h.client(),
        AzureGateways.sdk(AzureTarget.simulator(h.simulator.endpoint()), RequestListener.NONE),
        OperatorSettings.defaults(h.clock).withPollInterval(Duration.ofMillis(100)),
        new HotpatchOperator.Options(Set.of(), LEASES, Duration.ZERO)
            .withShard(Shard.of(shard))
            .withJosdk(o -> o.withMetrics(seen)));
  }

  private String describe(List<String> vms) {
    StringBuilder b = new StringBuilder();
    for (String vm : vms) {
      var st = h.vm(vm).getStatus();
      b.append("\n").append(vm).append(": ");
      if (st != null) {
        b.append(st.phase).append(" ");
        st.conditions.forEach(
            c ->
                b.append(c.getType())
                    .append("=")
                    .append(c.getStatus())
                    .append(" ")
                    .append(c.getReason())
                    .append(" (")
                    .append(c.getMessage())
                    .append(") "));
      }
    }
    return b + "\nreboot-capable: " + rebootCapable();
  }

  private boolean ready(String vm) {
    HotpatchVM r = h.vm(vm);
    return r.getStatus() != null && Conditions.isTrue(r.getStatus().conditions, Conditions.READY);
  }

  private static String baseline(String name, String shard) {
    return RolloutScenariosTest.baseline("maxUnavailable: 1\n" + LONG_WINDOWS)
            .replace(
                "metadata: {name: ws2022}",
                "metadata: {name: %s, labels: {hotpatch.dev/shard: %s}}".formatted(name, shard))
        + "---\n";
  }

  private static String vm(String name, String shard, String baseline) {
    String labels = shard == null ? "" : ", labels: {hotpatch.dev/shard: " + shard + "}";
    return """
        apiVersion: hotpatch.dev/v1alpha1
        kind: HotpatchVM
        metadata: {name: %s%s}
        spec:
          azure: {subscriptionId: %s, resourceGroup: rg-fleet, name: %s}
          baselineRef: {name: %s}
        ---
        """
        .formatted(name, labels, SUBSCRIPTION, name, baseline);
  }

  private boolean allConverged(int transitions) {
    return rebootCapable().size() == transitions
        && rebootCapable().stream().noneMatch(o -> o.ended() == null);
  }

  private List<OperationRecord> rebootCapable() {
    return h.simulator.operationHistory().stream().filter(OperationRecord::rebootCapable).toList();
  }

  private static String vmName(OperationRecord o) {
    return o.vmId().replaceAll(".*/(?i:virtualMachines)/([^/]+).*", "$1");
  }

  private List<OperationRecord> of(List<String> vms) {
    return rebootCapable().stream().filter(o -> vms.contains(vmName(o))).toList();
  }

  /** The largest number of these VMs' reboot-capable operations running at one instant. */
  private int mostAtOnce(List<String> vms) {
    List<OperationRecord> ops = of(vms);
    int most = 0;
    for (OperationRecord o : ops) {
      most =
          Math.max(most, (int) ops.stream().filter(other -> running(other, o.started())).count());
    }
    return most;
  }

  private boolean overlapped(List<String> one, List<String> other) {
    return of(one).stream()
        .anyMatch(o -> of(other).stream().anyMatch(p -> running(p, o.started())));
  }

  private static boolean running(OperationRecord o, Instant t) {
    Instant end = o.ended() == null ? Instant.MAX : o.ended();
    return !o.started().isAfter(t) && end.isAfter(t);
  }
}
