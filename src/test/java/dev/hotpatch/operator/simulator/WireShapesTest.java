package dev.hotpatch.operator.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInstallPatchesResultInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInstanceViewInner;
import com.azure.resourcemanager.compute.models.VMGuestPatchRebootSetting;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Raw HTTP against the simulator, and its JSON parsed by the SDK's own model classes. */
class WireShapesTest {
  static final String SUB = SimulatorSdkTest.SUB;
  static final String VM =
      "/subscriptions/"
          + SUB
          + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/app-1";
  static final ObjectMapper JSON = new ObjectMapper();

  MutableClock clock;
  ArmSimulator sim;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    clock = MutableClock.at("2025-02-20T10:00:00Z");
    sim =
        ArmSimulator.builder()
            .clock(clock)
            .fleet(FleetSeed.fromYaml(SimulatorSdkTest.FLEET))
            .catalog(ReleaseCatalog.generate(2025))
            .start();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void vmJsonParsesWithSdkModels() throws Exception {
    HttpResponse<String> r = send("GET", VM + "?api-version=2025-04-01&$expand=instanceView", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("adminPassword");
    try (JsonReader reader = JsonProviders.createReader(r.body())) {
      VirtualMachineInner vm = VirtualMachineInner.fromJson(reader);
      assertThat(vm.id()).isEqualTo(VM);
      assertThat(vm.hardwareProfile().vmSize().toString()).isEqualTo("Standard_D2s_v5");
      assertThat(vm.storageProfile().osDisk().managedDisk().id())
          .contains("/providers/Microsoft.Compute/disks/");
      assertThat(vm.osProfile().windowsConfiguration().patchSettings().enableHotpatching())
          .isTrue();
      assertThat(
              vm.osProfile()
                  .windowsConfiguration()
                  .patchSettings()
                  .automaticByPlatformSettings()
                  .bypassPlatformSafetyChecksOnUserSchedule())
          .isFalse();
      assertThat(vm.instanceView().vmAgent().vmAgentVersion()).isNotBlank();
      assertThat(vm.timeCreated()).isNotNull();
      assertThat(vm.etag()).isEqualTo("\"1\"");
    }
    HttpResponse<String> iv = send("GET", VM + "/instanceView?api-version=2025-04-01", null);
    try (JsonReader reader = JsonProviders.createReader(iv.body())) {
      VirtualMachineInstanceViewInner view = VirtualMachineInstanceViewInner.fromJson(reader);
      assertThat(view.osVersion()).isEqualTo("10.0.20348.2700");
      assertThat(view.patchStatus().configurationStatuses()).isNotEmpty();
    }
    assertThat(r.headers().firstValue("x-ms-ratelimit-remaining-subscription-reads")).isPresent();
  }

  @Test
  void pathsAreCaseInsensitive() throws Exception {
    String lower =
        "/subscriptions/"
            + SUB
            + "/resourcegroups/RG-APP/providers/microsoft.compute/virtualmachines/APP-1?api-version=2024-11-01";
    assertThat(send("GET", lower, null).statusCode()).isEqualTo(200);
    assertThat(sim.requestLog())
        .last()
        .satisfies(
            rec -> {
              assertThat(rec.apiVersion()).isEqualTo("2024-11-01");
              assertThat(rec.path()).doesNotContain("?");
            });
    assertThat(send("GET", VM, null).statusCode()).isEqualTo(400);
  }

  @Test
  void installOperationAnswersStatusAndLocationLikeCompute() throws Exception {
    HttpResponse<String> start =
        send(
            "POST",
            VM + "/installPatches?api-version=2025-04-01",
            "{\"rebootSetting\":\"Never\",\"windowsParameters\":{\"kbNumbersToInclude\":[\"KB5250002\"]}}");
    assertThat(start.statusCode()).isEqualTo(202);
    assertThat(start.body()).isEmpty();
    String status = start.headers().firstValue("Azure-AsyncOperation").orElseThrow();
    String location = start.headers().firstValue("Location").orElseThrow();
    assertThat(status)
        .startsWith(
            sim.endpoint()
                + "/subscriptions/"
                + SUB
                + "/providers/Microsoft.Compute/locations/westeurope/operations/")
        .endsWith("?api-version=2025-04-01");
    assertThat(location).isEqualTo(status + "&monitor=true");
    assertThat(start.headers().firstValue("Retry-After")).hasValue("0");
    assertThat(start.headers().firstValue("x-ms-ratelimit-remaining-resource"))
        .hasValue(
            "Microsoft.Compute/VMGuestPatchOperationSubscriptionMaximum;199,Microsoft.Compute/VMGuestPatchOperationResource;1");

    JsonNode running = json(get(status));
    assertThat(running.get("status").asText()).isEqualTo("InProgress");
    assertThat(running.get("name").asText())
        .isEqualTo(status.replaceAll(".*/operations/([^?]+).*", "$1"));
    assertThat(get(location).statusCode()).isEqualTo(202);
    clock.advance(Duration.ofMinutes(10));
    JsonNode done = json(get(status));
    assertThat(done.get("status").asText()).isEqualTo("Succeeded");
    assertThat(done.get("endTime").asText()).isEqualTo("2025-02-20T10:10:00Z");
    assertThat(done.at("/properties/output/installedPatchCount").asInt()).isEqualTo(1);
    for (int i = 0; i < 3; i++) { // survives many polls
      HttpResponse<String> result = get(location);
      assertThat(result.statusCode()).isEqualTo(200);
      try (JsonReader reader = JsonProviders.createReader(result.body())) {
        VirtualMachineInstallPatchesResultInner parsed =
            VirtualMachineInstallPatchesResultInner.fromJson(reader);
        assertThat(parsed.patches()).extracting(p -> p.kbId()).containsExactly("5250002");
        assertThat(parsed.error().getCode()).isEqualTo("Success");
      }
    }
    assertThat(sim.requestCountsByKind())
        .containsEntry("GET operation", 2L)
        .containsEntry("GET operationResult", 4L);
  }

  @Test
  void installRequestValidation() throws Exception {
    HttpResponse<String> noReboot =
        send("POST", VM + "/installPatches?api-version=2025-04-01", "{\"windowsParameters\":{}}");
    assertThat(noReboot.statusCode()).isEqualTo(400);
    assertThat(json(noReboot).at("/error/target").asText()).isEqualTo("rebootSetting");
    clock.advance(Duration.ofMinutes(1)); // the guest patch policy counts rejected calls too
    HttpResponse<String> badKb =
        send(
            "POST",
            VM + "/installPatches?api-version=2025-04-01",
            "{\"rebootSetting\":\"Never\",\"windowsParameters\":{\"kbNumbersToExclude\":[\"5250002\"]}}");
    assertThat(json(badKb).at("/error/message").asText())
        .isEqualTo(
            "The entry in 'kbNumbersToExclude' with value '5250002' is not valid. It must be a KBID such as KB4512508.");
    clock.advance(Duration.ofMinutes(1));
    assertThat(
            send("POST", VM + "/installPatches?api-version=2025-04-01", "{not json").statusCode())
        .isEqualTo(400);
  }

  @Test
  void unknownOperationAndRouteAre404() throws Exception {
    HttpResponse<String> op =
        get(
            sim.endpoint()
                + "/subscriptions/"
                + SUB
                + "/providers/Microsoft.Compute/locations/westeurope/operations/nope?api-version=2025-04-01");
    assertThat(op.statusCode()).isEqualTo(404);
    assertThat(
            send(
                    "GET",
                    "/subscriptions/"
                        + SUB
                        + "/providers/Microsoft.Storage/storageAccounts?api-version=1",
                    null)
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void sdkWaitForCompletionWorksWithAFastDelayProvider() {
    sim.close();
    sim =
        ArmSimulator.builder()
            .clock(clock)
            .fleet(FleetSeed.fromYaml(SimulatorSdkTest.FLEET))
            .catalog(ReleaseCatalog.generate(2025))
            .timings(OperationTimings.instant())
            .start();
    ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(d -> Duration.ofMillis(5));
    try {
      var vms = Sdk.vms(sim, SUB);
      var result =
          vms.installPatches(
              "rg-app", "app-1", SimulatorSdkTest.install(VMGuestPatchRebootSetting.NEVER, true));
      assertThat(result.installedPatchCount()).isEqualTo(1);
      assertThat(vms.assessPatches("rg-app", "app-1").availablePatches()).isEmpty();
      vms.restart("rg-app", "app-1");
      assertThat(sim.rebootLedger())
          .singleElement()
          .satisfies(r -> assertThat(r.cause()).isEqualTo("restart"));
    } finally {
      ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(d -> d);
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(sim.endpoint() + path))
            .header("Content-Type", "application/json");
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }
}
