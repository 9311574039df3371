package dev.hotpatch.operator.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.UUID;

/**
 * Minimal Microsoft.Network (virtual networks with subnets, network interfaces, public IPs, network
 * security groups), Microsoft.Compute disks and resource groups, enough for the SDK's VM create
 * flow: PUT answers 201/200 "Updating" with Azure-AsyncOperation, DELETE 202, GET the resource.
 */
final class ResourceHandlers {
  private static final String RG = VmHandlers.SUB + "/resourceGroups/([^/]+)";
  private static final String VNET = RG + "/providers/Microsoft\\.Network/virtualNetworks/([^/]+)";
  private final SimContext ctx;

  ResourceHandlers(SimContext ctx) {
    this.ctx = ctx;
  }

  void register(Router router) {
    for (String type :
        new String[] {
          "Microsoft.Network/virtualNetworks",
          "Microsoft.Network/networkInterfaces",
          "Microsoft.Network/publicIPAddresses",
          "Microsoft.Network/networkSecurityGroups",
          "Microsoft.Compute/disks"
        }) {
      String path = RG + "/providers/" + type.replace(".", "\\.") + "/([^/]+)";
      String kind = type.substring(type.lastIndexOf('/') + 1);
      router.route("GET", path, kind, r -> get(r.path));
      router.route("PUT", path, kind, r -> put(r, type));
      router.route("DELETE", path, kind, r -> delete(r, type));
    }
    router.route("GET", VNET + "/subnets/([^/]+)", "subnets", r -> subnet(r.path));
    router.route("PUT", VNET + "/subnets/([^/]+)", "subnets", this::putSubnet);
    router.route("GET", RG, "resourceGroups", r -> get(r.path));
    router.route(
        "HEAD",
        RG,
        "resourceGroups",
        r -> ArmResponse.empty(ctx.resources.exists(r.path) ? 204 : 404));
    router.route("PUT", RG, "resourceGroups", this::putResourceGroup);
  }

  private ArmResponse get(String id) {
    return ctx.resources.get(id).map(n -> ArmResponse.json(200, n)).orElseGet(() -> notFound(id));
  }

  static ArmResponse notFound(String id) {
    String[] parts = id.split("/");
    return ArmResponse.error(
        404,
        "ResourceNotFound",
        "The Resource '"
            + parts[parts.length - 3]
            + "/"
            + parts[parts.length - 2]
            + "/"
            + parts[parts.length - 1]
            + "' was not found.");
  }

  private ArmResponse putResourceGroup(ArmRequest r) {
    boolean existed = ctx.resources.exists(r.path);
    ObjectNode rg = r.json().deepCopy();
    rg.put("id", "/subscriptions/" + r.group(1) + "/resourceGroups/" + r.group(2));
    rg.put("name", r.group(2));
    rg.put("type", "Microsoft.Resources/resourceGroups");
    rg.putObject("properties").put("provisioningState", "Succeeded");
    ctx.resources.put(r.path, rg);
    return ArmResponse.json(existed ? 200 : 201, rg);
  }

  private ArmResponse put(ArmRequest r, String type) {
    JsonNode body = r.json();
    if (!body.hasNonNull("location")) {
      return ArmResponse.error(
          400, "LocationRequired", "The location property is required for this definition.");
    }
    String id = r.path;
    boolean existed = ctx.resources.exists(id);
    ObjectNode res = body.deepCopy();
    res.put("id", id);
    res.put("name", r.group(3));
    res.put("type", type);
    res.put("etag", "W/\"" + UUID.randomUUID() + "\"");
    ObjectNode props =
        res.has("properties") && res.get("properties").isObject()
            ? (ObjectNode) res.get("properties")
            : res.putObject("properties");
    props.put("provisioningState", "Updating");
    if (type.endsWith("virtualNetworks")) {
      for (JsonNode subnet : props.path("subnets")) {
        completeSubnet((ObjectNode) subnet, id + "/subnets/" + subnet.path("name").asText());
      }
    } else if (type.endsWith("networkInterfaces")) {
      nic(id, props);
    } else if (type.endsWith("disks")) {
      props.put("diskState", "Unattached");
      props.put("timeCreated", ctx.stamp(r.now));
      if (!props.has("diskSizeGB")) {
        props.put("diskSizeGB", 127);
      }
    }
    ctx.resources.put(id, res);
    ArmOperation op =
        ctx.operations.start(
            ArmOperation.Kind.RESOURCE,
            r.group(1),
            body.get("location").asText(),
            r.group(3).toLowerCase(Locale.ROOT),
            r.now,
            java.time.Duration.ZERO,
            false,
            r.apiVersion(),
            (o, end) -> {
              setState(res, "Succeeded");
              o.succeed(null);
            });
    placeOperation(op, type);
    return Lro.withHeaders(ctx, ArmResponse.json(existed ? 200 : 201, res), op);
  }

  private void nic(String id, ObjectNode props) {
    int i = 0;
    for (JsonNode cfg : props.path("ipConfigurations")) {
      ObjectNode c = (ObjectNode) cfg;
      String name = c.path("name").asText("ipconfig" + (i + 1));
      c.put("name", name);
      c.put("id", id + "/ipConfigurations/" + name);
      c.put("type", "Microsoft.Network/networkInterfaces/ipConfigurations");
      ObjectNode p =
          c.has("properties") ? (ObjectNode) c.get("properties") : c.putObject("properties");
      String subnetId = p.path("subnet").path("id").asText(null);
      if (subnetId == null || subnetOf(subnetId) == null) {
        throw new ArmResponse.Failure(
            ArmResponse.error(
                400,
                "InvalidResourceReference",
                "Resource "
                    + subnetId
                    + " referenced by resource "
                    + id
                    + " was not found. Please make sure that the referenced"
                    + " resource exists, and that both resources are in the same region.",
                null));
      }
      p.put("provisioningState", "Succeeded");
      if (!p.hasNonNull("privateIPAddress")) {
        p.put("privateIPAddress", "10.0.0." + (4 + i));
      }
      if (!p.hasNonNull("privateIPAllocationMethod")) {
        p.put("privateIPAllocationMethod", "Dynamic");
      }
      p.put("primary", i == 0);
      i++;
    }
  }

  /** The stored subnet object for an id, or null. */
  ObjectNode subnetOf(String subnetId) {
    int at = subnetId.toLowerCase(Locale.ROOT).lastIndexOf("/subnets/");
    if (at < 0) {
      return null;
    }
    String name = subnetId.substring(at + "/subnets/".length());
    return ctx.resources
        .get(subnetId.substring(0, at))
        .map(
            vnet -> {
              for (JsonNode s : vnet.path("properties").path("subnets")) {
                if (s.path("name").asText().equalsIgnoreCase(name)) {
                  return (ObjectNode) s;
                }
              }
              return null;
            })
        .orElse(null);
  }

  private ArmResponse subnet(String id) {
    ObjectNode s = subnetOf(id);
    return s == null ? notFound(id) : ArmResponse.json(200, s);
  }

  private ArmResponse putSubnet(ArmRequest r) {
    String vnetId = r.path.substring(0, r.path.toLowerCase(Locale.ROOT).lastIndexOf("/subnets/"));
    ObjectNode vnet =
        ctx.resources.get(vnetId).orElseThrow(() -> new ArmResponse.Failure(notFound(vnetId)));
    ObjectNode subnet = r.json().deepCopy();
    subnet.put("name", r.group(4));
    completeSubnet(subnet, r.path);
    ObjectNode props = (ObjectNode) vnet.get("properties");
    ArrayNode subnets =
        props.has("subnets") ? (ArrayNode) props.get("subnets") : props.putArray("subnets");
    for (int i = 0; i < subnets.size(); i++) {
      if (subnets.get(i).path("name").asText().equalsIgnoreCase(r.group(4))) {
        subnets.remove(i);
        break;
      }
    }
    subnets.add(subnet);
    return ArmResponse.json(201, subnet);
  }

  private static void completeSubnet(ObjectNode subnet, String id) {
    subnet.put("id", id);
    subnet.put("type", "Microsoft.Network/virtualNetworks/subnets");
    subnet.put("etag", "W/\"" + UUID.randomUUID() + "\"");
    ObjectNode p =
        subnet.has("properties")
            ? (ObjectNode) subnet.get("properties")
            : subnet.putObject("properties");
    p.put("provisioningState", "Succeeded");
  }

  private static void setState(ObjectNode res, String state) {
    ((ObjectNode) res.get("properties")).put("provisioningState", state);
  }

  /**
   * Azure publishes a resource's operations under its own provider: Microsoft.Network's at {@code
   * locations/{loc}/operations} (result: {@code operationResults}), disks' at {@code
   * locations/{loc}/DiskOperations}; polling each needs its own RBAC action.
   */
  private static void placeOperation(ArmOperation op, String type) {
    if (type.startsWith("Microsoft.Network/")) {
      op.placedAt("Microsoft.Network", "operations", "operationResults");
    } else if (type.equals("Microsoft.Compute/disks")) {
      op.placedAt("Microsoft.Compute", "DiskOperations", "DiskOperations");
    }
  }

  private ArmResponse delete(ArmRequest r, String type) {
    ObjectNode res = ctx.resources.get(r.path).orElse(null);
    if (res == null) {
      return ArmResponse.empty(204);
    }
    String vmId = res.path("properties").path("virtualMachine").path("id").asText(null);
    if (vmId != null && ctx.vms.all().stream().anyMatch(vm -> vm.id().equalsIgnoreCase(vmId))) {
      return ArmResponse.error(
          400,
          "NicInUse",
          "Network Interface "
              + r.path
              + " is used by existing resource "
              + vmId
              + ". In order to delete the network interface, it must be dissociated from the resource.");
    }
    setState(res, "Deleting");
    ArmOperation op =
        ctx.operations.start(
            ArmOperation.Kind.RESOURCE,
            r.group(1),
            res.path("location").asText("westeurope"),
            r.group(3).toLowerCase(Locale.ROOT),
            r.now,
            java.time.Duration.ZERO,
            true,
            r.apiVersion(),
            (o, end) -> {
              ctx.resources.remove(r.path);
              o.succeed(null);
            });
    placeOperation(op, type);
    return Lro.withHeaders(ctx, ArmResponse.empty(202), op);
  }
}
