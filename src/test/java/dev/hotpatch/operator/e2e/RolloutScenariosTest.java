package dev.hotpatch.operator.e2e;

import static dev.hotpatch.operator.e2e.OperatorHarness.NAMESPACE;
import static dev.hotpatch.operator.e2e.OperatorHarness.SUBSCRIPTION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.HotpatchVMStatus;
import dev.hotpatch.operator.reconciler.Conditions;
import dev.hotpatch.operator.reconciler.Phases;
import dev.hotpatch.operator.simulator.OperationTimings;
import dev.hotpatch.operator.simulator.RebootRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rollout's safety rules, each on a small fleet declared onto the April 2026 baseline while it
 * runs January's. Saturday 2026-04-18: the window opens 22:00 Europe/Berlin (20:00Z) for 4 hours.
 */
class RolloutScenariosTest {
  static final Instant SATURDAY_NOON = Instant.parse("2026-04-18T12:00:00Z");
  static final Instant WINDOW_OPENS = Instant.parse("2026-04-18T20:00:00Z");
  static final String JANUARY = "20348.3300";
  static final String APRIL = "20348.3450";
  static final String APRIL_KB = "KB5260004";

  private OperatorHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private void start(Map<String, String> buildByVm, String rollout) throws Exception {
    start(buildByVm, rollout, dev.hotpatch.operator.simulator.SimulatorBehaviour.azureLike());
  }

  private void start(
      Map<String, String> buildByVm,
      String rollout,
      dev.hotpatch.operator.simulator.SimulatorBehaviour behaviour)
      throws Exception {
    StringBuilder manifests = new StringBuilder(baseline(rollout));
    buildByVm.keySet().forEach(name -> manifests.append(hotpatchVm(name)));
    h = OperatorHarness.startDriven(seed(buildByVm), SATURDAY_NOON, behaviour);
    h.applyYaml(manifests.toString());
    h.driver.settle();
    buildByVm.keySet().forEach(vm -> h.awaitStatus(vm, st -> st.phase != null));
  }

  /** A HotpatchVM on the baseline ws2022, for the simulator's VM of that name. */
  static String hotpatchVm(String name) {
    return """
        ---
        apiVersion: hotpatch.dev/v1alpha1
        kind: HotpatchVM
        metadata: {name: %s}
        spec:
          azure: {subscriptionId: %s, resourceGroup: rg-app, name: %s}
          baselineRef: {name: ws2022}
        """
        .formatted(name, SUBSCRIPTION, name);
  }

  /** The simulator's fleet: the VMs at their builds, orchestrated already. */
  static String seed(Map<String, String> buildByVm) {
    StringBuilder seed = new StringBuilder("vms:\n");
    buildByVm.forEach(
        (name, build) ->
            seed.append(
                """
              - {subscriptionId: %s, resourceGroup: rg-app, name: %s, osBuild: "%s",
                 patchSettings: {patchMode: AutomaticByPlatform, enableHotpatching: true, assessmentMode: AutomaticByPlatform, rebootSetting: Never}}
            """
                    .formatted(SUBSCRIPTION, name, build)));
    return seed.toString();
  }

  static String baseline(String rollout) {
    return """
        apiVersion: hotpatch.dev/v1alpha1
        kind: PatchBaseline
        metadata: {name: ws2022}
        spec:
          os: WindowsServer2022AzureEdition
          type: Planned
          kb: %s
          build: "%s"
          released: "2026-04-14"
          rollout:
        %s
        """
        .formatted(APRIL_KB, APRIL, rollout.indent(4).stripTrailing());
  }

  static final String WINDOWS =
      "maintenanceWindows:\n  - {days: [Sat, Sun], start: \"22:00\", duration: 4h, timeZone: Europe/Berlin}";

  private List<String> installsStarted() {
    return installsAnswered(202);
  }

  /** The VMs whose installPatches Azure answered with this status, in order. */
  private List<String> installsAnswered(int status) {
    return h.simulator.requestLog().stream()
        .filter(
            r ->
                r.method().equals("POST")
                    && r.path().toLowerCase().endsWith("/installpatches")
                    && r.status() == status)
        .map(r -> r.path().replaceAll(".*/virtualMachines/([^/]+)/.*", "$1"))
        .toList();
  }

  /** As Azure ran them, answers lost or not. */
  private List<dev.hotpatch.operator.simulator.OperationRecord> rebootCapableOperations() {
    return h.simulator.operationHistory().stream()
        .filter(dev.hotpatch.operator.simulator.OperationRecord::rebootCapable)
        .toList();
  }

  private Map<String, Long> reboots() {
    return h.simulator.rebootLedger().stream()
        .collect(Collectors.groupingBy(RebootRecord::vmName, Collectors.counting()));
  }

  private void advanceTenMinutes(int times) {
    for (int i = 0; i < times; i++) {
      h.driver.advance(Duration.ofMinutes(10));
    }
  }

  private void assertTheOthersWaitOnTheSpentBudget(String failed) {
    List.of("app-1", "app-2", "app-3").stream()
        .filter(vm -> !vm.equals(failed))
        .forEach(vm -> assertThat(readyReason(status(vm))).isEqualTo("FailureBudgetSpent"));
  }

  private HotpatchVMStatus status(String vm) {
    return h.vm(vm).getStatus();
  }

  private static String readyReason(HotpatchVMStatus s) {
    return Conditions.find(s.conditions, Conditions.READY).map(c -> c.getReason()).orElse("");
  }

  /** status.nextReboot: the window the transition can start in, then nothing once converged. */
  @Test
  void theForecastNamesTheWindowOfTheNextRebootAndNoneOnceConverged() throws Exception {
    start(Map.of("app-1", JANUARY, "app-2", APRIL), "maxUnavailable: 1\n" + WINDOWS);
    HotpatchVMStatus behind = status("app-1");
    assertThat(behind.nextReboot).isEqualTo(WINDOW_OPENS.toString());
    assertThat(behind.nextRebootReason)
        .contains("transition to baseline " + APRIL_KB)
        .contains("window opening 2026-04-18T20:00Z");
    HotpatchVMStatus onBaseline = status("app-2");
    assertThat(onBaseline.nextReboot).isNull();
    assertThat(onBaseline.nextRebootReason).contains("none is due");
    h.driver.jumpTo(WINDOW_OPENS.plusSeconds(60));
    for (int i = 0; i < 6 && !APRIL.equals(status("app-1").osBuild); i++) {
      h.driver.advance(Duration.ofMinutes(10));
    }
    assertThat(status("app-1").osBuild).isEqualTo(APRIL);
    assertThat(status("app-1").nextReboot).isNull();
    assertThat(status("app-1").nextRebootReason).contains("on baseline " + APRIL_KB);
  }

  @Test
  void pausedRolloutMakesNoTransitionEvenInsideAWindow() throws Exception {
    start(
        Map.of("app-1", JANUARY, "app-2", JANUARY), "maxUnavailable: 1\npaused: true\n" + WINDOWS);
    h.driver.jumpTo(WINDOW_OPENS.plusSeconds(600));
    h.driver.advance(Duration.ofHours(1));
    assertThat(installsStarted()).isEmpty();
    assertThat(h.simulator.rebootLedger()).isEmpty();
    for (String vm : List.of("app-1", "app-2")) {
      assertThat(status(vm).phase).isEqualTo(Phases.WAITING);
      assertThat(readyReason(status(vm))).isEqualTo("RolloutPaused");
    }
    var status =
        h.awaitBaselineStatus("ws2022", s -> Conditions.isTrue(s.conditions, Conditions.PAUSED));
    var paused = Conditions.find(status.conditions, Conditions.PAUSED).orElseThrow();
    assertThat(paused.getReason()).isEqualTo("PausedBySpec");
  }

  /** Three VMs behind, maxUnavailable 1, failure budget 1, every transition fails; in a window. */
  private void startWithEveryTransitionFailing() throws Exception {
    start(
        Map.of("app-1", JANUARY, "app-2", JANUARY, "app-3", JANUARY),
        "maxUnavailable: 1\nfailureBudget: 1\n" + WINDOWS);
    List.of("app-1", "app-2", "app-3").forEach(vm -> h.simulator.faults().failTransition(vm));
    h.driver.jumpTo(WINDOW_OPENS.plusSeconds(60));
  }

  /** Azure's answer when the subscription's guest patch quota is spent, to the next install. */
  private void throttleTheNextInstall() {
    h.simulator
        .faults()
        .failNext(
            "POST",
            "(?i).*/installPatches$",
            429,
            "OperationNotAllowed",
            "The server rejected the request because too many requests have been received for"
                + " this subscription. Policy:"
                + " Microsoft.Compute/VMGuestPatchOperationSubscriptionMaximum.",
            1);
  }

  /** The first VM's transition failed, which spends the budget of 1: that VM's name. */
  private String firstTransitionFailed() throws Exception {
    startWithEveryTransitionFailing();
    advanceTenMinutes(6);
    assertThat(installsStarted()).hasSize(1);
    String failed = installsStarted().get(0);
    assertThat(status(failed).failedTransition).isEqualTo(APRIL_KB);
    return failed;
  }

  @Test
  void failuresBeyondTheBudgetPauseTheRolloutWithAReason() throws Exception {
    startWithEveryTransitionFailing();
    advanceTenMinutes(12);
    assertThat(installsStarted()).hasSize(1);
    assertThat(h.simulator.rebootLedger()).isEmpty();
    String failed = installsStarted().get(0);
    assertThat(status(failed).phase).isEqualTo(Phases.FAILED);
    assertThat(readyReason(status(failed))).isEqualTo("TransitionFailed");
    assertThat(status(failed).failedTransition).isEqualTo(APRIL_KB);
    var baseline =
        h.awaitBaselineStatus(
            "ws2022", s -> s.failed == 1 && Conditions.isTrue(s.conditions, Conditions.PAUSED));
    assertThat(baseline.failed).isEqualTo(1);
    var paused = Conditions.find(baseline.conditions, Conditions.PAUSED).orElseThrow();
    assertThat(paused.getStatus()).isEqualTo("True");
    assertThat(paused.getReason()).isEqualTo("FailureBudgetSpent");
    assertThat(paused.getMessage()).contains("1 transition(s)").contains("failure budget 1");
    assertTheOthersWaitOnTheSpentBudget(failed);
  }

  /**
   * Regression (fuzzer I1, seed 3940 of seed 1): the failed VM later reached its baseline another
   * way (there a platform reboot; here it is rebuilt out of band at the baseline's build), the
   * operator cleared its failedTransition, and after a restart (the pod's memory of the failure
   * gone) the budget counted no failure any more and two more reboot-capable installs went out. A
   * failure onto a baseline stays counted while that baseline is declared: the rollout resumes when
   * a person raises failureBudget or declares a new one.
   */
  @Test
  void aFailedVmThatReachesItsBaselineAnotherWayDoesNotReopenTheBudget() throws Exception {
    String failed = firstTransitionFailed();

    // The failed VM is rebuilt at the baseline's build (a person fixed it).
    h.simulator.faults().clear();
    h.simulator.deleteVmOutOfBand(SUBSCRIPTION, "rg-app", failed);
    h.simulator.addVm(
        new dev.hotpatch.operator.simulator.FleetSeed.VmSeed(
            SUBSCRIPTION, "rg-app", failed, APRIL));
    advanceTenMinutes(3);
    assertThat(status(failed).phase).isEqualTo(Phases.CONVERGED);
    // A new pod (a crash, an upgrade) knows only what the statuses say.
    h.stopOperator();
    h.startOperator();
    advanceTenMinutes(9);
    assertThat(installsStarted()).as("reboot-capable installs after the failure").hasSize(1);
    assertTheOthersWaitOnTheSpentBudget(failed);
  }

  /**
   * Regression (fuzzer I1, seed 3940 of seed 1, its second violation): the failed VM's HotpatchVM
   * was deleted (Orphan) before the next window; its status was the only record of the failure, so
   * the budget counted none and two more reboot-capable installs went out. A failure stays counted
   * on the baseline while its KB is declared, whatever happens to the HotpatchVM.
   */
  @Test
  void deletingTheFailedHotpatchVmDoesNotReopenTheBudget() throws Exception {
    String failed = firstTransitionFailed();

    h.deleteVm(failed);
    h.driver.advance(Duration.ofMinutes(10));
    h.awaitGone(failed);
    advanceTenMinutes(6);
    h.driver.jumpTo(WINDOW_OPENS.plus(Duration.ofDays(1)).plusSeconds(60)); // Sunday's window
    advanceTenMinutes(6);
    assertThat(installsStarted()).as("reboot-capable installs after the failure").hasSize(1);
    var baseline = h.awaitBaselineStatus("ws2022", s -> s.failed == 1);
    assertThat(baseline.departedFailures)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.hotpatchVM).isEqualTo(failed);
              assertThat(d.kb).isEqualTo(APRIL_KB);
              assertThat(d.vmId).endsWith("/virtualMachines/" + failed);
            });
    assertThat(Conditions.isTrue(baseline.conditions, Conditions.PAUSED)).isTrue();

    // A new pod knows only what the statuses say; the baseline's says it.
    h.stopOperator();
    h.startOperator();
    advanceTenMinutes(6);
    assertThat(installsStarted()).as("after a restart").hasSize(1);
    assertTheOthersWaitOnTheSpentBudget(failed);
  }

  /**
   * Regression (issue 9, the 10,000-VM wave): a transition start refused with 429 (the
   * subscription's guest patch quota, VMGuestPatchOperationSubscriptionMaximum) gave its rollout
   * slot back, the next VM took it and was refused in turn: 27,640 refusals in ten minutes. A
   * throttled VM keeps its slot and starts when the quota allows.
   */
  @Test
  void aStartThrottledByAzureKeepsItsSlotAndStartsWhenTheQuotaAllows() throws Exception {
    start(Map.of("app-1", JANUARY, "app-2", JANUARY), "maxUnavailable: 1\n" + WINDOWS);
    throttleTheNextInstall();
    h.driver.jumpTo(WINDOW_OPENS.plusSeconds(60));
    List<String> refused = installsAnswered(429);
    assertThat(refused).hasSize(1);
    String throttled = refused.get(0);
    assertThat(readyReason(status(throttled))).isEqualTo("AzureQuota");
    assertThat(status(throttled).pendingOperation).as("refused: nothing runs").isNull();
    assertThat(readyReason(status(other(throttled)))).isEqualTo("NoRolloutSlot");
    assertThat(installsStarted()).isEmpty();

    h.driver.advance(Duration.ofMinutes(1));
    assertThat(installsStarted()).containsExactly(throttled);
  }

  /**
   * A VM holding its slot while it waits for Azure's quota is suspended meanwhile: it gives the
   * slot back, and the next VM starts (the slot was kept in memory until the pod restarted, and the
   * rest of the baseline said NoRolloutSlot).
   */
  @Test
  void aVmSuspendedWhileWaitingForTheQuotaGivesItsSlotBack() throws Exception {
    start(Map.of("app-1", JANUARY, "app-2", JANUARY), "maxUnavailable: 1\n" + WINDOWS);
    throttleTheNextInstall();
    h.driver.jumpTo(WINDOW_OPENS.plusSeconds(1));
    String throttled =
        List.of("app-1", "app-2").stream()
            .filter(vm -> "AzureQuota".equals(readyReason(status(vm))))
            .findFirst()
            .orElseThrow();
    h.client()
        .resources(HotpatchVM.class)
        .inNamespace(NAMESPACE)
        .withName(throttled)
        .patch(
            io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
            "{\"spec\":{\"suspend\":true}}");
    h.driver.settle();
    h.driver.advance(Duration.ofMinutes(1));
    assertThat(installsStarted())
        .as("the suspended VM gave its slot back; the other one took it")
        .containsExactly(other(throttled));
  }

  /**
   * A month's hotpatches reach every VM at once, under the same quota: a 429 is a wait for the
   * subscription's turn ({@code AzureQuota}), not an error, and the install goes after it.
   */
  @Test
  void aHotpatchInstallThrottledByAzureWaitsForTheQuota() throws Exception {
    h =
        OperatorHarness.startDriven(
            seed(Map.of("app-1", APRIL)),
            Instant.parse("2026-05-16T12:00:00Z"),
            dev.hotpatch.operator.simulator.SimulatorBehaviour.azureLike());
    throttleTheNextInstall();
    h.applyYaml(
        baseline("maxUnavailable: 1\n" + WINDOWS)
                .replace(
                    "  rollout:",
                    "  hotpatches:\n  - {kb: KB5260005, build: \"20348.3500\"}\n  rollout:")
            + hotpatchVm("app-1"));
    h.driver.settle();
    h.awaitStatus("app-1", st -> "AzureQuota".equals(readyReason(st)));
    assertThat(status("app-1").pendingOperation).isNull();
    h.driver.advance(Duration.ofMinutes(1));
    advanceTenMinutes(6); // the instance view shows the new build minutes later
    h.awaitStatus("app-1", st -> st.hotpatches.contains("KB5260005"));
    assertThat(h.simulator.rebootLedger()).isEmpty();
  }

  @Test
  void anOperatorRestartedMidTransitionDoesNotRebootTheVmTwice() throws Exception {
    start(Map.of("app-1", JANUARY, "app-2", JANUARY), "maxUnavailable: 1\n" + WINDOWS);
    h.driver.jumpTo(WINDOW_OPENS.plusSeconds(60));
    HotpatchVM inFlight =
        h.client().resources(HotpatchVM.class).inNamespace(NAMESPACE).list().getItems().stream()
            .filter(vm -> vm.getStatus().pendingOperation != null)
            .findFirst()
            .orElseThrow();
    String operationUrl = inFlight.getStatus().pendingOperation.operationUrl;
    assertThat(operationUrl).isNotNull();

    h.stopOperator();
    h.clock.advance(
        Duration.ofMinutes(30)); // the install finishes and reboots while no operator runs
    h.startOperator();
    h.driver.settle();
    assertThat(status(inFlight.getMetadata().getName()).pendingOperation).isNull();
    advanceTenMinutes(12);
    assertThat(reboots()).containsEntry("app-1", 1L).containsEntry("app-2", 1L);
    assertThat(installsStarted()).hasSize(2).containsExactlyInAnyOrder("app-1", "app-2");
    for (String vm : List.of("app-1", "app-2")) {
      assertThat(status(vm).phase).isEqualTo(Phases.CONVERGED);
      assertThat(status(vm).baseline).isEqualTo(APRIL_KB);
    }
  }

  /**
   * Regression: an overdue transition used to free its slot (TransitionTimedOut) while Azure could
   * still be installing or rebooting, so a second VM started with maxUnavailable 1.
   */
  @Test
  void anOverdueTransitionKeepsItsSlotUntilAzureSaysItEnded() throws Exception {
    start(
        Map.of("app-1", JANUARY, "app-2", JANUARY),
        "maxUnavailable: 1\nfailureBudget: 3\n" + WINDOWS);
    h.simulator.faults().hangOperations("app-1").hangOperations("app-2");
    h.driver.jumpTo(WINDOW_OPENS.plusSeconds(60));
    assertThat(installsStarted()).hasSize(1);
    String first = installsStarted().get(0);
    String deadline = status(first).pendingOperation.deadline;
    assertThat(Instant.parse(deadline))
        .isAfter(WINDOW_OPENS)
        .isBefore(WINDOW_OPENS.plus(Duration.ofHours(5)));

    h.driver.jumpTo(Instant.parse(deadline).plusSeconds(60));
    assertThat(status(first).phase).isEqualTo(Phases.TRANSITIONING);
    assertThat(readyReason(status(first))).isEqualTo("TransitionOverdue");
    assertThat(status(first).pendingOperation).isNotNull();
    // The next window opens while Azure still runs the first install: the other VM waits.
    h.driver.jumpTo(Instant.parse("2026-04-19T20:01:00Z"));
    assertThat(installsStarted()).containsExactly(first);
    String other = first.equals("app-1") ? "app-2" : "app-1";
    assertThat(readyReason(status(other))).isEqualTo("NoRolloutSlot");
    // Once Azure ends it, the slot is free and the other VM moves in this window.
    h.simulator.faults().clear();
    h.driver.advance(Duration.ofMinutes(10));
    h.driver.advance(Duration.ofMinutes(10));
    assertThat(status(first).pendingOperation).isNull();
    assertThat(installsStarted()).containsExactly(first, other);
  }

  @Test
  void aVmDeletedOutOfBandFreesItsSlot() throws Exception {
    start(Map.of("app-1", JANUARY, "app-2", JANUARY), "maxUnavailable: 1\n" + WINDOWS);
    h.simulator.faults().hangOperations("app-1").hangOperations("app-2");
    h.driver.jumpTo(WINDOW_OPENS.plusSeconds(60));
    String first = installsStarted().get(0);
    String other = first.equals("app-1") ? "app-2" : "app-1";
    assertThat(status(other).phase).isEqualTo(Phases.WAITING);
    assertThat(readyReason(status(other))).isEqualTo("NoRolloutSlot");

    h.simulator.deleteVmOutOfBand(SUBSCRIPTION, "rg-app", first);
    h.driver.advance(Duration.ofMinutes(5));
    assertThat(readyReason(status(first))).isEqualTo("VmNotFound");
    assertThat(status(first).pendingOperation).isNull();
    assertThat(installsStarted()).containsExactlyInAnyOrder(first, other);
    assertThat(status(other).phase).isEqualTo(Phases.TRANSITIONING);
  }

  private String other(String vm) {
    return vm.equals("app-1") ? "app-2" : "app-1";
  }

  /**
   * Regression: deleting a transitioning HotpatchVM (Orphan) freed its slot while Azure was still
   * installing and rebooting that VM, so a second VM started with maxUnavailable 1.
   */
  @Test
  void aHotpatchVmDeletedMidTransitionKeepsItsSlotUntilAzureEnds() throws Exception {
    start(Map.of("app-1", JANUARY, "app-2", JANUARY), "maxUnavailable: 1\n" + WINDOWS);
    h.simulator.faults().hangOperations("app-1").hangOperations("app-2");
    h.driver.jumpTo(WINDOW_OPENS.plusSeconds(60));
    String first = installsStarted().get(0);
    h.deleteVm(first);
    h.driver.advance(Duration.ofMinutes(10));
    h.driver.advance(Duration.ofMinutes(10));
    assertThat(h.vm(first)).as("finalizer kept while Azure runs the install").isNotNull();
    assertThat(readyReason(status(first))).isEqualTo("WaitingForOperation");
    assertThat(installsStarted()).containsExactly(first);
    assertThat(readyReason(status(other(first)))).isEqualTo("NoRolloutSlot");

    h.simulator.faults().clear();
    h.driver.advance(Duration.ofMinutes(10));
    h.driver.advance(Duration.ofMinutes(10));
    h.awaitGone(first);
    h.driver.advance(Duration.ofMinutes(10));
    assertThat(installsStarted()).containsExactly(first, other(first));
  }

  /**
   * Regression: with its PatchBaseline deleted mid-transition the operation was no longer followed
   * (BaselineNotFound) while Azure rebooted the VM, and status kept the old build.
   */
  @Test
  void anOperationInFlightIsFollowedAfterItsBaselineIsDeleted() throws Exception {
    start(Map.of("app-1", JANUARY), "maxUnavailable: 1\n" + WINDOWS);
    h.driver.jumpTo(WINDOW_OPENS.plusSeconds(60));
    assertThat(status("app-1").pendingOperation).isNotNull();
    h.client()
        .resources(dev.hotpatch.operator.api.PatchBaseline.class)
        .inNamespace(NAMESPACE)
        .withName("ws2022")
        .delete();
    advanceTenMinutes(6);
    assertThat(h.simulator.rebootLedger()).hasSize(1);
    assertThat(status("app-1").pendingOperation).isNull();
    assertThat(status("app-1").osBuild).isEqualTo(APRIL);
    assertThat(status("app-1").lastInstallation.kbs).containsExactly(APRIL_KB);
    assertThat(readyReason(status("app-1"))).isEqualTo("BaselineNotFound");
  }

  /**
   * Regression: with its credentials Secret deleted mid-transition the operation was no longer
   * followed (CredentialsNotFound) while Azure rebooted the VM.
   */
  @Test
  void anOperationInFlightIsFollowedAfterItsSecretIsDeleted() throws Exception {
    h =
        OperatorHarness.start(
            """
        vms:
          - {subscriptionId: %s, resourceGroup: rg-app, name: app-1, osBuild: "%s",
             patchSettings: {patchMode: AutomaticByPlatform, enableHotpatching: true, assessmentMode: AutomaticByPlatform, rebootSetting: Never}}
        """
                .formatted(SUBSCRIPTION, JANUARY),
            SATURDAY_NOON,
            OperationTimings.defaults(),
            true);
    h.applyYaml(
        baseline("maxUnavailable: 1\n" + WINDOWS)
            + """
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: azure}
            stringData: {tenantId: t, clientId: c, clientSecret: s}
            ---
            apiVersion: hotpatch.dev/v1alpha1
            kind: HotpatchVM
            metadata: {name: app-1}
            spec:
              azure: {subscriptionId: %s, resourceGroup: rg-app, name: app-1, credentialsSecretRef: {name: azure}}
              baselineRef: {name: ws2022}
            """
                .formatted(SUBSCRIPTION));
    h.driver.settle();
    h.awaitStatus("app-1", st -> st.phase != null);
    h.driver.jumpTo(WINDOW_OPENS.plusSeconds(60));
    assertThat(status("app-1").pendingOperation).isNotNull();
    h.client().secrets().inNamespace(NAMESPACE).withName("azure").delete();
    advanceTenMinutes(6);
    assertThat(h.simulator.rebootLedger()).hasSize(1);
    assertThat(status("app-1").pendingOperation).isNull();
    assertThat(status("app-1").osBuild).isEqualTo(APRIL);
  }

  /**
   * Regression: Azure's 409 "another operation is in progress" was taken as "refused, nothing
   * started": the intent was cleared and the slot released while the VM was busy.
   */
  @Test
  void aConflictWhileAnotherOperationRunsKeepsTheSlot() throws Exception {
    // The instance view lags so long that the operator's look before the call misses the other
    // install: only Azure's 409 tells.
    start(
        Map.of("app-1", JANUARY),
        "maxUnavailable: 1\n" + WINDOWS,
        dev.hotpatch.operator.simulator.SimulatorBehaviour.azureLike()
            .withInstanceViewLag(Duration.ofHours(1)));
    // Someone else's install starts half an hour before the window (held running by the fault).
    h.driver.jumpTo(WINDOW_OPENS.minus(Duration.ofMinutes(30)));
    h.simulator.faults().hangOperations("app-1");
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(
                    h.simulator.endpoint()
                        + "/subscriptions/"
                        + SUBSCRIPTION
                        + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/app-1"
                        + "/installPatches?api-version=2025-04-01"))
            .header("Content-Type", "application/json")
            .POST(
                java.net.http.HttpRequest.BodyPublishers.ofString(
                    "{\"maximumDuration\":\"PT4H\",\"rebootSetting\":\"Never\","
                        + "\"windowsParameters\":{\"classificationsToInclude\":[\"Security\"]}}"))
            .build();
    assertThat(
            java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode())
        .isEqualTo(202);
    h.driver.jumpTo(WINDOW_OPENS.plusSeconds(60));
    h.driver.advance(Duration.ofMinutes(10));
    HotpatchVMStatus s = status("app-1");
    assertThat(readyReason(s)).isEqualTo("AzureBusy");
    assertThat(s.pendingOperation).isNotNull();
    assertThat(s.pendingOperation.refusedBusyAt).isNotNull();
    assertThat(h.awaitBaselineStatus("ws2022", b -> b.transitioning == 1).transitioning)
        .isEqualTo(1);
    // Once the other operation ends, the transition is tried again through the gate, once.
    h.simulator.faults().clear();
    advanceTenMinutes(18);
    assertThat(h.simulator.rebootLedger()).hasSize(1);
    assertThat(status("app-1").osBuild).isEqualTo(APRIL);
  }

  /**
   * A lost answer (the install started, the client saw a 500) is never resent: the operator reads
   * Azure, finds the new installation and follows it; the VM reboots once.
   */
  @Test
  void aLostAnswerIsResolvedByReadingAzureNotByCallingAgain() throws Exception {
    start(Map.of("app-1", JANUARY), "maxUnavailable: 1\n" + WINDOWS);
    h.simulator
        .faults()
        .loseNextAnswer(
            "app-1", "installPatches", dev.hotpatch.operator.simulator.LostAnswer.SERVER_ERROR);
    h.driver.jumpTo(WINDOW_OPENS.plusSeconds(60));
    advanceTenMinutes(8);
    long posts =
        h.simulator.requestLog().stream()
            .filter(r -> r.method().equals("POST") && r.path().endsWith("/installPatches"))
            .count();
    assertThat(posts).isEqualTo(1);
    assertThat(h.simulator.rebootLedger()).hasSize(1);
    assertThat(status("app-1").osBuild).isEqualTo(APRIL);
    assertThat(status("app-1").pendingOperation).isNull();
    assertThat(status("app-1").phase).isEqualTo(Phases.CONVERGED);
  }

  /**
   * Regression: after a lost answer, a refusal of a later read (here 429 on the VM's GET while the
   * operator resolves the answer) was taken for a refusal of the install itself: the intent was
   * cleared and the slot freed while Azure was installing, and the other VM started at once.
   */
  @Test
  void aRefusedReadAfterALostAnswerKeepsTheIntentAndTheSlot() throws Exception {
    start(Map.of("app-1", JANUARY, "app-2", JANUARY), "maxUnavailable: 1\n" + WINDOWS);
    for (String vm : List.of("app-1", "app-2")) {
      h.simulator
          .faults()
          .loseNextAnswer(
              vm, "installPatches", dev.hotpatch.operator.simulator.LostAnswer.SERVER_ERROR);
    }
    h.driver.jumpTo(WINDOW_OPENS.plusSeconds(60));
    for (int i = 0; i < 30 && rebootCapableOperations().isEmpty(); i++) {
      h.driver.advance(Duration.ofMinutes(1));
    }
    assertThat(rebootCapableOperations()).hasSize(1);
    String firstVm = rebootCapableOperations().get(0).vmName();
    h.simulator
        .faults()
        .failNext(
            "GET", "(?i).*/virtualMachines/" + firstVm + "$", 429, "TooManyRequests", "slow", 3);
    h.driver.advance(Duration.ofMinutes(2));
    h.driver.advance(Duration.ofMinutes(2));
    assertThat(status(firstVm).pendingOperation).as("the intent of " + firstVm).isNotNull();
    assertThat(rebootCapableOperations()).hasSize(1);
    advanceTenMinutes(18);
    var installs = rebootCapableOperations();
    assertThat(installs).hasSize(2);
    var first = installs.get(0);
    var second = installs.get(1);
    assertThat(first.ended()).isNotNull();
    assertThat(second.started())
        .as("the second starts once the first ended")
        .isAfterOrEqualTo(first.ended());
    assertThat(h.simulator.rebootLedger()).hasSize(2);
  }

  /**
   * Regression: a result URL still answering 202 after the operation succeeded held the slot for as
   * long as it did (every reconcile failed reading the result).
   */
  @Test
  void aResultUrlThatKeepsAnswering202DoesNotHoldTheSlot() throws Exception {
    start(
        Map.of("app-1", JANUARY, "app-2", JANUARY),
        "maxUnavailable: 1\n" + WINDOWS,
        dev.hotpatch.operator.simulator.SimulatorBehaviour.azureLike()
            .withStaleResultProbability(1.0)
            .withStaleResultPolls(1000));
    h.driver.jumpTo(WINDOW_OPENS.plusSeconds(60));
    advanceTenMinutes(12);
    assertThat(installsStarted()).hasSize(2);
    assertThat(h.simulator.rebootLedger()).hasSize(2);
    for (String vm : List.of("app-1", "app-2")) {
      assertThat(status(vm).osBuild).isEqualTo(APRIL);
      assertThat(status(vm).pendingOperation).isNull();
    }
  }
}
