package dev.hotpatch.operator.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo served on a real kube-apiserver, and the real kubectl against it, as a user would: get,
 * describe, wait, explain and apply (what `demo --kube real --serve` offers).
 */
class RealServerKubectlTest {
  private static Demo demo;
  private static Thread serving;
  private static final AtomicBoolean stop = new AtomicBoolean();
  private static Path kubeconfig;

  @BeforeAll
  static void serve() throws Exception {
    demo = Demo.start(Path.of("examples"), null, RealKubernetes::shared);
    kubeconfig = demo.cluster().kubeconfig().orElseThrow();
    serving =
        new Thread(
            () -> {
              try {
                demo.serve(stop::get);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "demo-serve");
    serving.start();
  }

  @AfterAll
  static void end() throws Exception {
    stop.set(true);
    serving.join(10_000);
    demo.close();
  }

  private record Result(int exit, String out) {}

  private static Result kubectl(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(RealKubernetes.kubectl().toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("kubectl " + String.join(" ", args)).isTrue();
    return new Result(p.exitValue(), out);
  }

  @Test
  void waitGetAndDescribeShowTheFleet() throws Exception {
    Result wait =
        kubectl("wait", "--for=condition=Ready", "hpvm/web-1", "-n", "fleet", "--timeout=90s");
    assertThat(wait.exit()).as(wait.out()).isZero();
    assertThat(wait.out()).contains("condition met");

    Result get = kubectl("get", "hpvm", "-n", "fleet");
    assertThat(get.exit()).as(get.out()).isZero();
    String header = get.out().lines().findFirst().orElseThrow();
    // The CRD generator orders the columns by JSON path; the build moves Age last.
    assertThat(header.split("\\s+"))
        .containsExactly(
            "NAME", "VM", "BASELINE", "READY", "NEXT", "REBOOT", "OS", "BUILD", "PHASE", "AGE");
    assertThat(get.out())
        .containsPattern("web-1\\s+web-1\\s+ws2022\\s+True\\s+\\d+\\.\\d+\\s+Converged\\s+\\S+");

    Result pbl = kubectl("get", "pbl", "-n", "fleet");
    assertThat(pbl.exit()).as(pbl.out()).isZero();
    assertThat(pbl.out().lines().findFirst().orElseThrow().split("\\s+"))
        .containsExactly("NAME", "BUILD", "KB", "OS", "READY", "CONVERGED", "TARGETED", "AGE");

    Result describe = kubectl("describe", "hpvm", "web-1", "-n", "fleet");
    assertThat(describe.exit()).as(describe.out()).isZero();
    assertThat(describe.out()).contains("AzureOrchestrated").contains("Events:");
  }

  @Test
  void explainReadsTheSchema() throws Exception {
    Result explain = kubectl("explain", "hotpatchvm.spec");
    assertThat(explain.exit()).as(explain.out()).isZero();
    assertThat(explain.out()).contains("KIND:").contains("HotpatchVM").contains("baselineRef");

    Result field = kubectl("explain", "hotpatchvm.status.pendingOperation.deadline");
    assertThat(field.exit()).as(field.out()).isZero();
    assertThat(field.out()).contains("DESCRIPTION:").contains("overdue");
  }

  @Test
  void aUsersOwnYamlIsAppliedAndReconciled() throws Exception {
    Path yaml = Files.createTempFile("hpvm-", ".yaml");
    Files.writeString(
        yaml,
        """
        apiVersion: hotpatch.dev/v1alpha1
        kind: HotpatchVM
        metadata:
          name: mine
          namespace: fleet
        spec:
          azure:
            subscriptionId: 00000000-0000-0000-0000-000000000001
            resourceGroup: rg-web
            name: no-such-vm
          baselineRef:
            name: ws2022
        """);
    Result apply = kubectl("apply", "-f", yaml.toString());
    assertThat(apply.exit()).as(apply.out()).isZero();
    assertThat(apply.out()).contains("hotpatchvm.hotpatch.dev/mine created");
    Result wait =
        kubectl(
            "wait",
            "--for=jsonpath={.status.phase}=NotFound",
            "hpvm/mine",
            "-n",
            "fleet",
            "--timeout=90s");
    assertThat(wait.exit()).as(wait.out()).isZero();
    Files.delete(yaml);
  }
}
