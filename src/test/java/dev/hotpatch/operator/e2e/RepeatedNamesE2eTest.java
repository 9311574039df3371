package dev.hotpatch.operator.e2e;

import static dev.hotpatch.operator.e2e.OperatorHarness.SUBSCRIPTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hotpatch.operator.simulator.OperationRecord;
import dev.hotpatch.operator.simulator.OperationTimings;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Names repeat across namespaces. Regression: with real-time reconciles, four namespaces holding
 * the same HotpatchVM names and maxUnavailable 1 ran two reboot-capable installs at once in one
 * namespace in 4 of 9 runs, because a VM finishing in one namespace released the reservation of the
 * VM with the same name in another. Checked on Azure's side, from the operation history.
 */
class RepeatedNamesE2eTest {
  private static final List<String> NAMESPACES = List.of("team-a", "team-b", "team-c", "team-d");
  private static final List<String> NAMES = List.of("web-1", "web-2", "web-3");
  private OperatorHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void maxUnavailableHoldsPerNamespaceWhenNamesRepeat() throws Exception {
    StringBuilder seed = new StringBuilder("vms:\n");
    for (String ns : NAMESPACES) {
      for (String name : NAMES) {
        seed.append(
            """
              - {subscriptionId: %s, resourceGroup: rg-%s, name: %s, osBuild: "%s",
                 patchSettings: {patchMode: AutomaticByPlatform, enableHotpatching: true, assessmentMode: AutomaticByPlatform, rebootSetting: Never}}
            """
                .formatted(SUBSCRIPTION, ns, name, RolloutScenariosTest.JANUARY));
      }
    }
    // Real-time reconciles (polls every 100 ms), the clock inside the window from the start.
    h =
        OperatorHarness.start(
            seed.toString(),
            RolloutScenariosTest.WINDOW_OPENS.plusSeconds(60),
            OperationTimings.defaults());
    for (String ns : NAMESPACES) {
      h.client()
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
      StringBuilder yaml =
          new StringBuilder(
              RolloutScenariosTest.baseline("maxUnavailable: 1\n" + RolloutScenariosTest.WINDOWS));
      for (String name : NAMES) {
        yaml.append(
            """
            ---
            apiVersion: hotpatch.dev/v1alpha1
            kind: HotpatchVM
            metadata: {name: %s}
            spec:
              azure: {subscriptionId: %s, resourceGroup: rg-%s, name: %s}
              baselineRef: {name: ws2022}
            """
                .formatted(name, SUBSCRIPTION, ns, name));
      }
      Path file = Files.createTempFile("fleet", ".yaml");
      Files.writeString(file, yaml.toString());
      h.kube.applyFile(file, ns);
      Files.delete(file);
    }
    // Let each wave of installs run to its end while reconciles race in real time.
    int total = NAMESPACES.size() * NAMES.size();
    for (int wave = 0; wave < 30 && !allConverged(total); wave++) {
      await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> true);
      h.clock.advance(Duration.ofMinutes(10));
    }
    assertThat(transitions()).hasSize(total);
    for (String ns : NAMESPACES) {
      assertThat(mostAtOnce(ns)).as("reboot-capable installs at once in %s", ns).isEqualTo(1);
    }
  }

  private boolean allConverged(int total) {
    return transitions().size() == total
        && transitions().stream().noneMatch(o -> o.ended() == null);
  }

  private List<OperationRecord> transitions() {
    return h.simulator.operationHistory().stream().filter(OperationRecord::rebootCapable).toList();
  }

  /** The largest number of one namespace's reboot-capable operations running at one instant. */
  private int mostAtOnce(String ns) {
    List<OperationRecord> ops =
        transitions().stream()
            .filter(o -> o.vmId().toLowerCase().contains("/resourcegroups/rg-" + ns + "/"))
            .toList();
    int most = 0;
    for (OperationRecord o : ops) {
      Instant t = o.started();
      int running = 0;
      for (OperationRecord other : ops) {
        Instant end = other.ended() == null ? Instant.MAX : other.ended();
        if (!other.started().isAfter(t) && end.isAfter(t)) {
          running++;
        }
      }
      most = Math.max(most, running);
    }
    return most;
  }
}
