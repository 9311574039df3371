package dev.hotpatch.operator.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GET, PATCH and DELETE of a VM, its instance view, and the paged VM lists. */
final class VmHandlers {
  static final String SUB = "/subscriptions/([^/]+)";
  static final String VMS =
      SUB + "/resourceGroups/([^/]+)/providers/Microsoft\\.Compute/virtualMachines";
  static final String VM = VMS + "/([^/]+)";
  private final SimContext ctx;

  /** Set once PatchActions exists: PATCH shares its busy check. */
  PatchActions patchActions;

  VmHandlers(SimContext ctx) {
    this.ctx = ctx;
  }

  void register(Router router) {
    router.route(
        "GET",
        SUB + "/providers/Microsoft\\.Compute/virtualMachines",
        "list",
        r -> list(r, null, null));
    router.route(
        "GET",
        SUB + "/providers/Microsoft\\.Compute/locations/([^/]+)/virtualMachines",
        "list",
        r -> list(r, null, r.group(2)));
    router.route("GET", VMS, "list", r -> list(r, r.group(2), null));
    router.route("GET", VM, "vm", this::get);
    router.route("PATCH", VM, "vm", this::patch);
    router.route("DELETE", VM, "vm", this::delete);
    router.route(
        "GET",
        VM + "/instanceView",
        "instanceView",
        r -> ArmResponse.json(200, VmJson.instanceView(ctx, vm(r))));
  }

  SimulatedVm vm(ArmRequest r) {
    return ctx.vms
        .find(r.group(1), r.group(2), r.group(3))
        .orElseThrow(() -> new ArmResponse.Failure(ArmResponse.vmNotFound(r.group(2), r.group(3))));
  }

  private ArmResponse get(ArmRequest r) {
    String expand = r.param("$expand");
    boolean iv =
        expand != null && expand.toLowerCase(java.util.Locale.ROOT).contains("instanceview");
    return ArmResponse.json(200, VmJson.vm(ctx, vm(r), iv));
  }

  private ArmResponse list(ArmRequest r, String resourceGroup, String location) {
    String sub = r.group(1);
    String key = "list/sub/" + sub;
    int limit = ctx.limits.listPerSubscription();
    if (!ctx.throttler.tryAcquire(key, limit, r.now)) {
      return ArmResponse.error(
              429,
              "OperationNotAllowed",
              "The server rejected the request because"
                  + " too many requests have been received for this subscription.")
          .header("Retry-After", Integer.toString(ctx.limits.retryAfterSeconds()))
          .header(
              "x-ms-ratelimit-remaining-resource",
              "Microsoft.Compute/HighCostGetSubscriptionMaximum;0");
    }
    boolean statusOnly = "true".equalsIgnoreCase(r.param("statusOnly"));
    String expand = r.param("$expand");
    boolean iv =
        statusOnly
            || (expand != null
                && expand.toLowerCase(java.util.Locale.ROOT).contains("instanceview"));
    List<SimulatedVm> all =
        ctx.vms.list(sub, resourceGroup).stream()
            .filter(vm -> location == null || vm.location.equalsIgnoreCase(location))
            .toList();
    int offset = parseSkip(r.param("$skiptoken"));
    int end = Math.min(all.size(), offset + ctx.pageSize);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode value = body.putArray("value");
    for (SimulatedVm vm : all.subList(Math.min(offset, all.size()), end)) {
      value.add(VmJson.vm(ctx, vm, iv));
    }
    if (end < all.size()) {
      Map<String, String> q = new LinkedHashMap<>(r.query);
      q.put("$skiptoken", Integer.toString(end));
      StringBuilder link = new StringBuilder(ctx.endpoint).append(r.path).append('?');
      q.forEach(
          (k, v) ->
              link.append(k)
                  .append('=')
                  .append(URLEncoder.encode(v, StandardCharsets.UTF_8))
                  .append('&'));
      link.setLength(link.length() - 1);
      body.put("nextLink", link.toString());
    }
    return ArmResponse.json(200, body)
        .header(
            "x-ms-ratelimit-remaining-resource",
            "Microsoft.Compute/HighCostGetSubscriptionMaximum;"
                + ctx.throttler.remaining(key, limit, r.now));
  }

  private static int parseSkip(String token) {
    try {
      return token == null ? 0 : Math.max(0, Integer.parseInt(token));
    } catch (NumberFormatException e) {
      throw new ArmResponse.Failure(
          ArmResponse.error(400, "InvalidSkipToken", "The skip token is not valid."));
    }
  }

  ArmResponse patch(ArmRequest r) {
    SimulatedVm vm = vm(r);
    if (ctx.behaviour.conflictWhileBusy()) {
      patchActions.requireIdle(vm, "update");
    }
    JsonNode body = r.json();
    JsonNode props = body.path("properties");
    JsonNode win = props.path("osProfile").path("windowsConfiguration");
    WindowsSettings before = WindowsSettings.of(vm);
    WindowsSettings after = before.merge(win);
    PatchSettingsValidator.validateChange(before, after);
    PatchSettingsValidator.validate(after, vm.hotpatchImage(), win.has("patchSettings"));
    if (props.path("osProfile").has("adminPassword")) {
      PatchSettingsValidator.fail(
          "Changing property 'osProfile.adminPassword' is not allowed.", "osProfile.adminPassword");
    }
    after.applyTo(vm);
    if (body.path("tags").isObject()) {
      vm.tags = new LinkedHashMap<>();
      body.get("tags").properties().forEach(e -> vm.tags.put(e.getKey(), e.getValue().asText()));
    }
    if (props.path("hardwareProfile").hasNonNull("vmSize")) {
      vm.size = props.get("hardwareProfile").get("vmSize").asText();
    }
    vm.touch();
    if (ctx.timings.synchronousUpdates()) {
      vm.provisioningState = "Succeeded";
      return ArmResponse.json(200, VmJson.vm(ctx, vm, false));
    }
    vm.provisioningState = "Updating";
    ArmOperation op =
        ctx.operations.start(
            ArmOperation.Kind.UPDATE,
            vm.subscriptionId,
            vm.location,
            vm.name.toLowerCase(java.util.Locale.ROOT),
            r.now,
            ctx.timings.update(),
            false,
            r.apiVersion(),
            (o, end) -> {
              vm.provisioningState = "Succeeded";
              o.succeed(null);
            });
    op.describe(vm, "update", r);
    return Lro.withHeaders(ctx, ArmResponse.json(200, VmJson.vm(ctx, vm, false)), op);
  }

  private ArmResponse delete(ArmRequest r) {
    SimulatedVm vm = ctx.vms.find(r.group(1), r.group(2), r.group(3)).orElse(null);
    if (vm == null) {
      return ArmResponse.empty(204);
    }
    vm.provisioningState = "Deleting";
    vm.touch();
    ArmOperation op =
        ctx.operations.start(
            ArmOperation.Kind.DELETE,
            vm.subscriptionId,
            vm.location,
            vm.name.toLowerCase(java.util.Locale.ROOT),
            r.now,
            ctx.timings.delete(),
            true,
            r.apiVersion(),
            (o, end) -> {
              ctx.vms.remove(vm.subscriptionId, vm.resourceGroup, vm.name);
              if (vm.osDiskDeletedWithVm) {
                ctx.resources.remove(vm.osDiskId);
              }
              if (vm.nicDeletedWithVm) {
                ctx.resources.remove(vm.nicId);
              }
              o.succeed(null);
            });
    op.describe(vm, "delete", r);
    return Lro.withHeaders(ctx, ArmResponse.empty(202), op);
  }
}
