package dev.hotpatch.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.HotpatchVMStatus;
import dev.hotpatch.operator.devtools.LocalKubernetes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `forecast` from the project's examples, from a cluster, and its refusals. */
class ForecastCommandTest {
  /** The demo's start: a week after the January 2026 baseline the examples declare. */
  static final Clock JAN_20 = Clock.fixed(Instant.parse("2026-01-20T09:00:00Z"), ZoneOffset.UTC);

  static final Path EXAMPLES = Path.of("examples");

  @TempDir Path dir;

  record Ran(int code, String out, String err) {}

  static Ran forecast(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new ForecastCommand(JAN_20));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Ran(code, out.toString(), err.toString());
  }

  @Test
  void theExamplesInGitRebootEachVmInTheFirstSaturdayAfterEachPlannedBaseline() {
    Ran ran = forecast("--files", EXAMPLES.toString(), "--months", "6");

    assertThat(ran.code()).as(ran.err()).isZero();
    assertThat(ran.err()).isEmpty();
    List<String> lines = ran.out().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "Reboot forecast from 2026-01-20 09:00 to 2026-07-20 09:00 UTC (6 months), 8"
                + " HotpatchVMs.");
    assertThat(lines.get(1)).matches("VM +NAMESPACE +BASELINE +EXPECTED REBOOT \\(UTC\\) +WHY");
    // Without status every VM is taken to be eligible and on its baseline: ws2022 has six, one a
    // slot, four slots a night, so the fifth and sixth (by name) slip to Sunday night.
    assertThat(lines)
        .anyMatch(
            l ->
                l.matches(
                    "app-1 +default +ws2022 +2026-04-18 20:00 +2026-04 planned baseline \\(commit"
                        + " 2026-04-14\\), window Sat 22:00 Europe/Berlin, slot 1 of 4"))
        .anyMatch(
            l -> l.matches("web-2 +default +ws2022 +2026-04-19 20:00 .*Sun 22:00.*slot 1 of 4"))
        .anyMatch(
            l -> l.matches("web-3 +default +ws2022 +2026-04-19 21:00 .*Sun 22:00.*slot 2 of 4"))
        // ws2025: 50% of its two VMs is one a slot.
        .anyMatch(l -> l.matches("api-2 +default +ws2025 +2026-07-18 21:00 .*slot 2 of 4"));
    assertThat(lines.stream().filter(l -> l.startsWith("web-1 "))).hasSize(2);
    assertThat(ran.out()).contains("Assumptions:", "committed to every PatchBaseline on its");
  }

  @Test
  void jsonIsOneDocumentWithEveryVmAndItsReboots() throws Exception {
    Ran ran = forecast("--files", EXAMPLES.toString(), "--months", "3", "--json", "-n", "fleet");

    assertThat(ran.code()).as(ran.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(ran.out());
    assertThat(doc.path("from").asText()).isEqualTo("2026-01-20T09:00:00Z");
    assertThat(doc.path("until").asText()).isEqualTo("2026-04-20T09:00:00Z");
    assertThat(doc.path("months").asInt()).isEqualTo(3);
    assertThat(doc.path("assumptions")).hasSize(2);
    assertThat(doc.path("vms")).hasSize(8);
    JsonNode web1 = doc.path("vms").get(5);
    assertThat(web1.path("name").asText()).isEqualTo("web-1");
    assertThat(web1.path("namespace").asText()).isEqualTo("fleet");
    assertThat(web1.path("baseline").asText()).isEqualTo("ws2022");
    JsonNode april = web1.path("reboots").get(0);
    assertThat(april.path("at").asText()).isEqualTo("2026-04-18T23:00:00Z");
    assertThat(april.path("cause").asText()).isEqualTo("PLANNED_BASELINE");
    assertThat(april.path("released").asText()).isEqualTo("2026-04-14");
    assertThat(april.path("committed").asText()).isEqualTo("2026-04-14T18:00:00Z");
    assertThat(april.path("windowStart").asText()).isEqualTo("2026-04-18T20:00:00Z");
    assertThat(april.path("windowEnd").asText()).isEqualTo("2026-04-19T00:00:00Z");
    assertThat(april.path("slot").asInt()).isEqualTo(4);
    assertThat(april.path("slotsInWindow").asInt()).isEqualTo(4);
    // The sixth VM of ws2022 slips to the second slot of Sunday night.
    JsonNode web3 = doc.path("vms").get(7);
    assertThat(web3.path("reboots").get(0).path("window").asText())
        .isEqualTo("Sun 22:00 Europe/Berlin");
    assertThat(web3.path("reboots").get(0).path("slot").asInt()).isEqualTo(2);
    assertThat(web3.path("notes")).isEmpty();
  }

  @Test
  void filesThatAreNotManifestsAreSkippedWithAWarningAndOtherNamespacesLeftOut() throws Exception {
    Files.copy(EXAMPLES.resolve("patchbaselines.yaml"), dir.resolve("patchbaselines.yaml"));
    Files.createDirectories(dir.resolve("apps"));
    Files.writeString(
        dir.resolve("apps/vm.yml"),
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: unrelated}
        ---
        apiVersion: v1
        kind: List
        items:
          - apiVersion: hotpatch.dev/v1alpha1
            kind: HotpatchVM
            metadata: {name: db-1, namespace: team-a}
            spec:
              azure: {subscriptionId: 00000000-0000-0000-0000-000000000001, resourceGroup: rg, name: db-1}
              baselineRef: {name: ws2022}
          - apiVersion: hotpatch.dev/v1alpha1
            kind: HotpatchVM
            metadata: {name: db-2, namespace: team-b}
            spec:
              azure: {subscriptionId: 00000000-0000-0000-0000-000000000001, resourceGroup: rg, name: db-2}
              baselineRef: {name: ws2022}
        """);
    Files.writeString(dir.resolve("apps/template.yaml"), "name: {{ .Values.name }\n  bad: [\n");

    Ran ran = forecast("--files", dir.toString(), "--namespace", "team-a");

    assertThat(ran.code()).as(ran.err()).isZero();
    assertThat(ran.err()).contains("template.yaml skipped: not YAML");
    assertThat(ran.out())
        .contains("1 HotpatchVM.")
        .doesNotContain("db-2")
        // The baselines file names no namespace: with -n it is in team-a, as kubectl -n puts it.
        .containsPattern("db-1 +team-a +ws2022 +2026-04-18 20:00");
  }

  @Test
  void aClusterIsReadWithListCallsAndTheVmsStatusCounts() throws Exception {
    try (LocalKubernetes kube = LocalKubernetes.start()) {
      kube.applyFolder(EXAMPLES, "fleet");
      HotpatchVM legacy =
          kube.client().resources(HotpatchVM.class).inNamespace("fleet").withName("legacy-1").get();
      legacy.setStatus(new HotpatchVMStatus());
      legacy.getStatus().phase = "Ineligible";
      legacy.getStatus().osBuild = "17763.6000";
      kube.client().resource(legacy).updateStatus();
      HotpatchVM behind =
          kube.client().resources(HotpatchVM.class).inNamespace("fleet").withName("web-2").get();
      behind.setStatus(new HotpatchVMStatus());
      behind.getStatus().phase = "WaitingForWindow";
      behind.getStatus().osBuild = "20348.3250";
      behind.getStatus().nextReboot = "2026-01-24T21:00:00Z";
      kube.client().resource(behind).updateStatus();
      Path kubeconfig = kubeconfig("http://127.0.0.1:" + kube.server().getPort());

      Ran ran = forecast("--kubeconfig", kubeconfig.toString(), "--months", "3");

      assertThat(ran.code()).as(ran.err()).isZero();
      assertThat(ran.out())
          .containsPattern(
              "web-2 +fleet +ws2022 +2026-01-24 21:00 +behind baseline KB5260001 now"
                  + " \\(status.nextReboot 2026-01-24T21:00Z\\), window Sat 22:00 Europe/Berlin,"
                  + " slot 1 of 4")
          .containsPattern("legacy-1 +fleet +ws2022 +- +phase Ineligible: the operator starts no")
          .containsPattern("app-1 +fleet +ws2022 +2026-04-18 20:00");
    }
  }

  @Test
  void aClusterThatDoesNotAnswerIsOneLineAndExitCodeOne() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Ran ran = forecast("--kubeconfig", kubeconfig("https://127.0.0.1:" + port).toString());

    assertThat(ran.code()).isEqualTo(1);
    assertThat(ran.out()).isEmpty();
    assertThat(ran.err().lines())
        .singleElement()
        .asString()
        .startsWith(
            "hotpatch-operator forecast: Cannot reach the Kubernetes API server at https://127.0.0.1:"
                + port)
        .contains("The address is from --kubeconfig ");
  }

  @Test
  void badOptionsAreRefusedWithExitCodeTwo() {
    assertThat(forecast("--months", "0").err()).contains("--months 0: want 1 to 60");
    assertThat(forecast("--months", "0").code()).isEqualTo(2);
    assertThat(forecast("--files", dir.resolve("nothing").toString()).err())
        .contains("no such file or folder");
    Ran both = forecast("--files", EXAMPLES.toString(), "--context", "kind");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("--files reads manifests, not a cluster");
    assertThat(forecast("--commit-lag", "-1").code()).isEqualTo(2);
  }

  @Test
  void theProductionCommandLineHasForecast() {
    assertThat(Main.commandLine().getSubcommands()).containsKey("forecast");
  }

  private Path kubeconfig(String server) throws Exception {
    Path file = dir.resolve("kubeconfig");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
          - name: c
            cluster: {server: "%s", insecure-skip-tls-verify: true}
        users:
          - name: u
            user: {token: t}
        contexts:
          - name: x
            context: {cluster: c, user: u}
        current-context: x
        """
            .formatted(server));
    return file;
  }
}
