package dev.hotpatch.operator.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.util.Context;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.resourcemanager.compute.fluent.VirtualMachinesClient;
import com.azure.resourcemanager.compute.models.ApiErrorException;
import com.azure.resourcemanager.compute.models.VMGuestPatchRebootSetting;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lost answers, 409 while busy, stale result URLs, transient 5xx, maximumDuration, long URLs. */
class WireBehaviourTest {
  static final String SUB = SimulatorSdkTest.SUB;
  static final String APP1 =
      "/subscriptions/"
          + SUB
          + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/app-1";

  MutableClock clock = MutableClock.at("2025-02-20T10:00:00Z");
  ArmSimulator sim;
  VirtualMachinesClient vms;
  final HttpClient http = HttpClient.newHttpClient();

  void start(SimulatorBehaviour behaviour) {
    sim =
        ArmSimulator.builder()
            .clock(clock)
            .timings(OperationTimings.defaults().withAssess(Duration.ofMinutes(1)))
            .fleet(FleetSeed.fromYaml(SimulatorSdkTest.FLEET))
            .catalog(ReleaseCatalog.generate(2025))
            .behaviour(behaviour)
            .start();
    vms = Sdk.vms(sim, SUB);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  // --- lost answers

  @Test
  void serverErrorAfterTheInstallStartedStillRunsTheInstall() {
    start(SimulatorBehaviour.friendly());
    sim.faults().loseNextAnswer("APP-1", "installPatches", LostAnswer.SERVER_ERROR);
    assertThatThrownBy(
            () ->
                vms.beginInstallPatches(
                    "rg-app",
                    "app-1",
                    SimulatorSdkTest.install(VMGuestPatchRebootSetting.NEVER, true)))
        .isInstanceOfSatisfying(
            ApiErrorException.class,
            e -> {
              assertThat(e.getResponse().getStatusCode()).isEqualTo(500);
              assertThat(e.getValue().getCode()).isEqualTo("InternalServerError");
            });
    assertThat(sim.operationHistory())
        .singleElement()
        .satisfies(r -> assertThat(r.running()).isTrue());
    clock.advance(Duration.ofMinutes(10));
    assertThat(sim.vm(SUB, "rg-app", "app-1").orElseThrow().osBuild()).isEqualTo("20348.2750");
    assertThat(sim.operationHistory().get(0).status()).isEqualTo("Succeeded");
  }

  @Test
  void gatewayTimeoutAfterARestartStarted() {
    start(SimulatorBehaviour.friendly());
    sim.faults().loseNextAnswer("app-2", "restart", LostAnswer.GATEWAY_TIMEOUT);
    assertThatThrownBy(() -> vms.beginRestart("rg-app", "app-2"))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(504));
    clock.advance(Duration.ofMinutes(5));
    assertThat(sim.rebootLedger())
        .singleElement()
        .satisfies(r -> assertThat(r.vmName()).isEqualTo("app-2"));
  }

  @Test
  void resetConnectionLeavesTheClientWithAnIoErrorAndTheOperationRunning() {
    start(SimulatorBehaviour.friendly());
    sim.faults().loseNextAnswer("app-1", "*", LostAnswer.RESET);
    assertThatThrownBy(
            () ->
                vms.beginInstallPatches(
                    "rg-app",
                    "app-1",
                    SimulatorSdkTest.install(VMGuestPatchRebootSetting.IF_REQUIRED, false)))
        .satisfies(
            e ->
                assertThat(causes(e))
                    .as("Netty reports the unanswered request as a premature close")
                    .anyMatch(c -> c.getClass().getSimpleName().equals("PrematureCloseException")));
    assertThat(sim.requestLog()).last().satisfies(r -> assertThat(r.status()).isZero());
    assertThat(sim.operationHistory())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.rebootCapable()).isTrue();
              assertThat(r.running()).isTrue();
            });
  }

  @Test
  void lostAnswerProbabilityIsSeeded() {
    start(SimulatorBehaviour.friendly().withLostAnswerProbability(1.0));
    assertThatThrownBy(() -> vms.beginRestart("rg-app", "app-3")).isNotNull();
    assertThat(sim.operationHistory()).hasSize(1);
    vms.getByResourceGroup("rg-app", "app-3"); // reads are never lost
  }

  // --- 409 while an operation runs

  @Test
  void anyRunningOperationBlocksInstallsAssessmentsRestartsAndPatches() {
    start(SimulatorBehaviour.friendly().withConflictWhileBusy(true));
    var assess = vms.beginAssessPatches("rg-app", "app-1");
    assertThat(assess.poll().getStatus()).isEqualTo(LongRunningOperationStatus.IN_PROGRESS);
    assertConflict(
        () ->
            vms.beginInstallPatches(
                "rg-app",
                "app-1",
                SimulatorSdkTest.install(VMGuestPatchRebootSetting.NEVER, true)));
    assertConflict(() -> vms.beginRestart("rg-app", "app-1"));
    vms.beginInstallPatches(
        "rg-app", "app-3", SimulatorSdkTest.install(VMGuestPatchRebootSetting.NEVER, true));
    assertConflict(() -> vms.beginAssessPatches("rg-app", "app-3")); // (2 patch calls a minute)
    assertConflict(() -> vms.update("rg-app", "app-1", SimulatorSdkTest.orchestrated()));
    vms.beginRestart("rg-app", "app-2"); // other VMs are not blocked
    clock.advance(Duration.ofMinutes(1));
    assertThat(assess.poll().getStatus().isComplete()).isTrue();
    vms.beginRestart("rg-app", "app-1");
  }

  @Test
  void friendlyLetsAnAssessmentRunBesideAnInstall() {
    start(SimulatorBehaviour.friendly());
    vms.beginInstallPatches(
        "rg-app", "app-1", SimulatorSdkTest.install(VMGuestPatchRebootSetting.NEVER, true));
    vms.beginAssessPatches("rg-app", "app-1");
    assertThat(sim.operationHistory()).hasSize(2);
  }

  // --- stale result URLs

  @Test
  void aStaleResultUrlMakesTheSdkReturnNullSilently() throws Exception {
    start(SimulatorBehaviour.friendly().withStaleResultProbability(1.0).withStaleResultPolls(1));
    var install =
        vms.beginInstallPatches(
            "rg-app", "app-1", SimulatorSdkTest.install(VMGuestPatchRebootSetting.NEVER, true));
    install.poll();
    clock.advance(Duration.ofMinutes(10));
    assertThat(install.poll().getStatus())
        .isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    assertThat(install.getFinalResult()).as("the Location GET answered 202").isNull();
    String location = sim.operationHistory().get(0).operationId();
    HttpResponse<String> again =
        get(
            "/subscriptions/"
                + SUB
                + "/providers/Microsoft.Compute/locations/westeurope/operations/"
                + location
                + "?api-version=2025-04-01&monitor=true");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("\"installedPatchCount\":1");
  }

  // --- transient 5xx

  @Test
  void transientErrorsHitListsAndPolls() {
    start(SimulatorBehaviour.friendly().withTransientErrorProbability(1.0));
    assertThatThrownBy(() -> vms.list("true", null, null, Context.NONE).stream().toList())
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isIn(500, 502, 503));
    var restart = vms.beginRestart("rg-app", "app-1"); // POSTs are not hit
    // Without a retry policy the SDK's poller takes a 5xx poll as the operation's failure.
    assertThat(restart.poll().getStatus()).isEqualTo(LongRunningOperationStatus.FAILED);
    vms.getByResourceGroup("rg-app", "app-1"); // single GETs are not hit
  }

  // --- maximumDuration

  @Test
  void fractionalOrOutOfRangeMaximumDurationIsRejected() {
    start(SimulatorBehaviour.friendly().withValidateMaximumDuration(true));
    for (String bad : new String[] {"PT1H37M0.25S", "PT5H", "PT10M", "4 hours", "PT"}) {
      clock.advance(Duration.ofMinutes(1)); // 2 patch calls a minute per VM, rejected ones too
      assertThatThrownBy(
              () ->
                  vms.beginInstallPatches(
                      "rg-app",
                      "app-1",
                      SimulatorSdkTest.install(VMGuestPatchRebootSetting.NEVER, true)
                          .withMaximumDuration(bad)))
          .as(bad)
          .isInstanceOfSatisfying(
              ApiErrorException.class,
              e -> {
                assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
                assertThat(e.getValue().getCode()).isEqualTo("InvalidParameter");
                assertThat(e.getValue().getTarget()).isEqualTo("maximumDuration");
              });
    }
    assertThat(sim.operationHistory()).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    vms.beginInstallPatches(
        "rg-app",
        "app-1",
        SimulatorSdkTest.install(VMGuestPatchRebootSetting.NEVER, true)
            .withMaximumDuration("PT1H37M"));
    assertThat(sim.operationHistory()).hasSize(1);
  }

  @Test
  void friendlyAcceptsFractionalMaximumDuration() {
    start(SimulatorBehaviour.friendly());
    vms.beginInstallPatches(
        "rg-app",
        "app-1",
        SimulatorSdkTest.install(VMGuestPatchRebootSetting.NEVER, true)
            .withMaximumDuration("PT1H37M0.25S"));
    assertThat(sim.operationHistory()).hasSize(1);
  }

  // --- long operation URLs

  @Test
  void operationUrlsAreAsLongAsAzuresAndStillRoute() throws Exception {
    start(SimulatorBehaviour.friendly().withLongOperationUrls(true));
    HttpResponse<String> started =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(sim.endpoint() + APP1 + "/installPatches?api-version=2024-11-01"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"rebootSetting\":\"Never\",\"maximumDuration\":\"PT4H\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(started.statusCode()).isEqualTo(202);
    String aao = started.headers().firstValue("Azure-AsyncOperation").orElseThrow();
    String location = started.headers().firstValue("Location").orElseThrow();
    assertThat(aao.length()).isBetween(3_100, 3_500);
    assertThat(aao).contains("?p=", "&api-version=2024-11-01", "&t=", "&c=", "&s=", "&h=");
    assertThat(location).contains("&monitor=true&api-version=2024-11-01");
    HttpResponse<String> poll =
        http.send(
            HttpRequest.newBuilder(URI.create(aao)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(poll.statusCode()).isEqualTo(200);
    assertThat(poll.body()).contains("\"status\":\"InProgress\"");

    var sdk =
        vms.beginInstallPatches(
            "rg-app", "app-2", SimulatorSdkTest.install(VMGuestPatchRebootSetting.NEVER, true));
    sdk.poll();
    clock.advance(Duration.ofMinutes(20));
    assertThat(sdk.poll().getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    assertThat(sdk.getFinalResult()).isNotNull();
  }

  // --- helpers

  private static void assertConflict(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ApiErrorException.class,
            e -> {
              assertThat(e.getResponse().getStatusCode()).isEqualTo(409);
              assertThat(e.getValue().getCode()).isEqualTo("OperationNotAllowed");
              assertThat(e.getValue().getMessage())
                  .contains("An operation is in progress on the VM");
            });
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(sim.endpoint() + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static java.util.List<Throwable> causes(Throwable e) {
    java.util.List<Throwable> out = new java.util.ArrayList<>();
    for (Throwable t = e; t != null && !out.contains(t); t = t.getCause()) {
      out.add(t);
      java.util.Collections.addAll(out, t.getSuppressed());
    }
    return out;
  }
}
