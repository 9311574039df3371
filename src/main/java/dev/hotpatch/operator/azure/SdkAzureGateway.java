package dev.hotpatch.operator.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.rest.PagedIterable;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.core.util.FluxUtil;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.resourcemanager.compute.fluent.VirtualMachinesClient;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineAssessPatchesResultInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInstallPatchesResultInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineUpdateInner;
import com.azure.resourcemanager.compute.models.InstanceViewTypes;
import com.azure.resourcemanager.compute.models.OSProfile;
import com.azure.resourcemanager.compute.models.PatchInstallationDetail;
import com.azure.resourcemanager.compute.models.PatchInstallationState;
import com.azure.resourcemanager.compute.models.PatchSettings;
import com.azure.resourcemanager.compute.models.VMGuestPatchRebootSetting;
import com.azure.resourcemanager.compute.models.VirtualMachineInstallPatchesParameters;
import com.azure.resourcemanager.compute.models.WindowsConfiguration;
import com.azure.resourcemanager.compute.models.WindowsParameters;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;

/**
 * {@link AzureGateway} on the Azure SDK for Java. Long-running operations are started with the
 * SDK's initial-call methods and never waited for: the Azure-AsyncOperation and Location URLs are
 * handed back and polled through the same pipeline on later reconciles.
 */
public final class SdkAzureGateway implements AzureGateway {
  private static final HttpHeaderName ASYNC_OPERATION =
      HttpHeaderName.fromString("Azure-AsyncOperation");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ArmConnection connection;
  private final SdkResourceCalls resources;
  private final FleetSource.Reads fleetReads;

  public SdkAzureGateway(AzureTarget target, Credentials credentials, RequestListener listener) {
    this(target, credentials, listener, FleetSource.Reads.compute());
  }

  public SdkAzureGateway(
      AzureTarget target,
      Credentials credentials,
      RequestListener listener,
      FleetSource.Reads fleetReads) {
    this.connection = new ArmConnection(target, credentials, listener);
    this.resources = new SdkResourceCalls(connection);
    this.fleetReads = fleetReads;
  }

  private VirtualMachinesClient vms(String subscriptionId) {
    return connection.compute(subscriptionId).serviceClient().getVirtualMachines();
  }

  @Override
  public VmListing startVmListing(String subscriptionId) {
    if (fleetReads.source() == FleetSource.COMPUTE) {
      return new PagedVmListing(subscriptionId);
    }
    return new FallbackVmListing(
        subscriptionId,
        new ResourceGraphListing(
            connection.resourceGraph(subscriptionId).getResourceProviders(),
            subscriptionId,
            fleetReads.assumedLag()),
        () -> new PagedVmListing(subscriptionId),
        fleetReads.clock(),
        fleetReads.fallbackAfter());
  }

  /**
   * The run-time list (statusOnly) carries instance views; the model list carries images and patch
   * settings. Both are paged; their VMs are joined by ID.
   */
  private final class PagedVmListing implements VmListing {
    private final String subscriptionId;
    private final Map<String, VirtualMachineInner> status = new HashMap<>();
    private final List<VmSnapshot> result = new ArrayList<>();
    private boolean modelPhase;
    private boolean done;
    private String continuation;
    private int pages;

    PagedVmListing(String subscriptionId) {
      this.subscriptionId = subscriptionId;
    }

    @Override
    public boolean done() {
      return done;
    }

    @Override
    public int pages() {
      return pages;
    }

    @Override
    public java.util.OptionalInt fetchNext() {
      if (done) {
        throw new IllegalStateException("every page of " + subscriptionId + " was read");
      }
      PagedResponse<VirtualMachineInner> page =
          call(
              () -> {
                PagedIterable<VirtualMachineInner> list =
                    vms(subscriptionId).list(modelPhase ? null : "true", null, null, Context.NONE);
                var byPage =
                    continuation == null
                        ? list.iterableByPage()
                        : list.iterableByPage(continuation);
                return byPage.iterator().next();
              });
      pages++;
      for (VirtualMachineInner vm : page.getValue()) {
        String id = vm.id().toLowerCase(java.util.Locale.ROOT);
        if (modelPhase) {
          VirtualMachineInner withView = status.get(id);
          result.add(
              SnapshotMapper.toSnapshot(vm, withView == null ? null : withView.instanceView()));
        } else {
          status.put(id, vm);
        }
      }
      continuation = page.getContinuationToken();
      if (continuation == null || continuation.isEmpty()) {
        continuation = null;
        if (modelPhase) {
          done = true;
          status.clear();
        } else {
          modelPhase = true;
        }
      }
      return RateLimitHeaders.remaining(page.getHeaders());
    }

    @Override
    public List<VmSnapshot> result() {
      if (!done) {
        throw new IllegalStateException("the list of " + subscriptionId + " is not complete");
      }
      return result;
    }
  }

  @Override
  public Optional<VmSnapshot> getVm(VmRef vm) {
    try {
      VirtualMachineInner inner =
          call(
              () ->
                  vms(vm.subscriptionId())
                      .getByResourceGroupWithResponse(
                          vm.resourceGroup(),
                          vm.name(),
                          InstanceViewTypes.INSTANCE_VIEW,
                          Context.NONE)
                      .getValue());
      return Optional.of(SnapshotMapper.toSnapshot(inner, null));
    } catch (AzureException e) {
      if (e.notFound()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public OperationHandle beginOrchestrate(VmRef vm) {
    PatchSettings settings = VmCreateModel.orchestrated();
    VirtualMachineUpdateInner update =
        new VirtualMachineUpdateInner()
            .withOsProfile(
                new OSProfile()
                    .withWindowsConfiguration(
                        new WindowsConfiguration().withPatchSettings(settings)));
    return call(
        () ->
            handleOf(
                vms(vm.subscriptionId())
                    .updateWithResponseAsync(vm.resourceGroup(), vm.name(), update, null, null)
                    .block()));
  }

  @Override
  public OperationHandle beginCreateVm(VmCreateRequest request) {
    return resources.createVm(request);
  }

  @Override
  public OperationHandle beginDeleteVm(VmRef vm) {
    return resources.deleteVm(vm);
  }

  @Override
  public Optional<ResourceInfo> getResource(ArmResourceRef resource) {
    return resources.get(resource);
  }

  @Override
  public OperationHandle beginCreateVirtualNetwork(NetworkCreateRequest.VirtualNetwork request) {
    return resources.createVirtualNetwork(request);
  }

  @Override
  public OperationHandle beginCreateNetworkInterface(
      NetworkCreateRequest.NetworkInterface request) {
    return resources.createNetworkInterface(request);
  }

  @Override
  public OperationHandle beginDeleteResource(ArmResourceRef resource) {
    return resources.delete(resource);
  }

  @Override
  public OperationHandle beginAssessPatches(VmRef vm) {
    return call(
        () ->
            handleOf(
                vms(vm.subscriptionId())
                    .assessPatchesWithResponseAsync(vm.resourceGroup(), vm.name())
                    .block()));
  }

  @Override
  public OperationHandle beginInstallPatches(VmRef vm, InstallRequest request) {
    VirtualMachineInstallPatchesParameters parameters =
        new VirtualMachineInstallPatchesParameters()
            .withRebootSetting(VMGuestPatchRebootSetting.fromString(request.rebootSetting().name()))
            .withMaximumDuration(request.maximumDuration())
            .withWindowsParameters(
                new WindowsParameters()
                    .withKbNumbersToInclude(request.kbNumbersToInclude())
                    .withExcludeKbsRequiringReboot(request.excludeKbsRequiringReboot()));
    return call(
        () ->
            handleOf(
                vms(vm.subscriptionId())
                    .installPatchesWithResponseAsync(vm.resourceGroup(), vm.name(), parameters)
                    .block()));
  }

  @Override
  public OperationStatus pollOperation(OperationHandle handle) {
    if (handle.done()) {
      return OperationStatus.of(OperationStatus.State.SUCCEEDED);
    }
    return call(
        () -> {
          try (HttpResponse response = get(handle.operationUrl())) {
            int code = response.getStatusCode();
            if (code == 404) {
              return OperationStatus.of(OperationStatus.State.NOT_FOUND);
            }
            String body = response.getBodyAsString().block();
            if (code >= 400) {
              throw errorOf(code, body);
            }
            return AsyncOperationBody.parse(body);
          }
        });
  }

  @Override
  public InstallResult installResult(OperationHandle handle) {
    VirtualMachineInstallPatchesResultInner r =
        result(handle, VirtualMachineInstallPatchesResultInner::fromJson);
    List<String> installed = new ArrayList<>();
    if (r.patches() != null) {
      for (PatchInstallationDetail p : r.patches()) {
        if (p.installationState() == PatchInstallationState.INSTALLED && p.kbId() != null) {
          installed.add(p.kbId());
        }
      }
    }
    return new InstallResult(
        r.status() == null ? null : r.status().toString(),
        r.installationActivityId(),
        r.rebootStatus() == null ? null : r.rebootStatus().toString(),
        zeroIfNull(r.installedPatchCount()),
        zeroIfNull(r.failedPatchCount()),
        zeroIfNull(r.pendingPatchCount()),
        zeroIfNull(r.excludedPatchCount()),
        zeroIfNull(r.notSelectedPatchCount()),
        installed,
        r.startDateTime() == null ? null : r.startDateTime().toString(),
        r.error() == null ? null : r.error().getCode(),
        r.error() == null ? null : r.error().getMessage());
  }

  @Override
  public AssessResult assessResult(OperationHandle handle) {
    VirtualMachineAssessPatchesResultInner r =
        result(handle, VirtualMachineAssessPatchesResultInner::fromJson);
    List<String> kbs = new ArrayList<>();
    if (r.availablePatches() != null) {
      r.availablePatches().forEach(p -> kbs.add(p.kbId()));
    }
    return new AssessResult(
        r.status() == null ? null : r.status().toString(),
        r.assessmentActivityId(),
        Boolean.TRUE.equals(r.rebootPending()),
        zeroIfNull(r.criticalAndSecurityPatchCount()),
        zeroIfNull(r.otherPatchCount()),
        kbs,
        r.startDateTime() == null ? null : r.startDateTime().toString());
  }

  private interface JsonParser<T> {
    T parse(JsonReader reader) throws IOException;
  }

  private <T> T result(OperationHandle handle, JsonParser<T> parser) {
    return call(
        () -> {
          try (HttpResponse response = get(handle.resultUrl())) {
            String body = response.getBodyAsString().block();
            if (response.getStatusCode() != 200 || body == null || body.isBlank()) {
              throw errorOf(response.getStatusCode(), body == null ? "" : body);
            }
            try (JsonReader reader = JsonProviders.createReader(body)) {
              return parser.parse(reader);
            } catch (IOException e) {
              throw new AzureException(
                  response.getStatusCode(), "InvalidResponse", "unreadable operation result", e);
            }
          }
        });
  }

  private HttpResponse get(String url) {
    return connection.pipeline().send(new HttpRequest(HttpMethod.GET, url)).block();
  }

  /** Reads the first response of a long-running call: finished, or the URLs to follow. */
  static OperationHandle handleOf(Response<Flux<ByteBuffer>> response) {
    HttpHeaders headers = response.getHeaders();
    byte[] body = FluxUtil.collectBytesInByteBufferStream(response.getValue()).block();
    String asyncOperation = headers.getValue(ASYNC_OPERATION);
    String location = headers.getValue(HttpHeaderName.LOCATION);
    String provisioningState = provisioningState(body);
    boolean terminal =
        response.getStatusCode() == 200
            && (provisioningState == null || "Succeeded".equalsIgnoreCase(provisioningState));
    if (terminal || (asyncOperation == null && location == null)) {
      return OperationHandle.completed();
    }
    return new OperationHandle(asyncOperation != null ? asyncOperation : location, location, false);
  }

  private static String provisioningState(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(body).path("properties").path("provisioningState");
      return node.isTextual() ? node.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static AzureException errorOf(int status, String body) {
    String code = "HttpError" + status;
    String message = body;
    try {
      JsonNode node = JSON.readTree(body == null ? "{}" : body);
      JsonNode error = node.has("error") ? node.get("error") : node;
      if (error.hasNonNull("code")) {
        code = error.get("code").asText();
      }
      if (error.hasNonNull("message")) {
        message = error.get("message").asText();
      }
    } catch (IOException ignored) {
      // keep the raw body as the message
    }
    return new AzureException(status, code, message, null);
  }

  private static int zeroIfNull(Integer value) {
    return value == null ? 0 : value;
  }

  static <T> T call(Supplier<T> action) {
    try {
      return action.get();
    } catch (AzureException e) {
      throw e;
    } catch (RuntimeException e) {
      throw AzureErrors.translate(e);
    }
  }
}
