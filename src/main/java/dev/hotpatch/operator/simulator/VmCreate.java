package dev.hotpatch.operator.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;

/**
 * PUT of a VM: creation (201 "Creating" + Azure-AsyncOperation; Succeeded after the create
 * duration) with Compute's checks on image, admin password, patch settings and network interfaces.
 * A PUT on an existing VM updates it like a PATCH. The password is checked, never stored.
 */
final class VmCreate {
  private final SimContext ctx;
  private final ResourceHandlers resources;

  VmCreate(SimContext ctx, ResourceHandlers resources) {
    this.ctx = ctx;
    this.resources = resources;
  }

  void register(Router router, VmHandlers vms) {
    router.route(
        "PUT",
        VmHandlers.VM,
        "vm",
        r ->
            ctx.vms.find(r.group(1), r.group(2), r.group(3)).isPresent()
                ? vms.patch(r)
                : create(r));
  }

  private ArmResponse create(ArmRequest r) {
    JsonNode body = r.json();
    JsonNode props = body.path("properties");
    if (!body.hasNonNull("location")) {
      return ArmResponse.error(
          400, "LocationRequired", "The location property is required for this definition.");
    }
    JsonNode image = props.path("storageProfile").path("imageReference");
    String publisher = image.path("publisher").asText(null);
    String offer = image.path("offer").asText(null);
    String sku = image.path("sku").asText(null);
    String version = image.path("version").asText("latest");
    if (image.hasNonNull("id") || image.hasNonNull("sharedGalleryImageId")) {
      fail(
          404,
          "ImageNotFound",
          "The image referenced by the storage profile was not found in the simulator;"
              + " only marketplace images are known.",
          "imageReference");
    }
    if (!MarketplaceImages.exists(publisher, offer, sku)) {
      fail(
          404,
          "PlatformImageNotFound",
          "The platform image '"
              + publisher
              + ":"
              + offer
              + ":"
              + sku
              + ":"
              + version
              + "' is not available. Verify that all fields in the storage profile are correct. For more"
              + " details about storage profile information, please refer to https://aka.ms/storageprofile",
          "imageReference");
    }
    JsonNode os = props.path("osProfile");
    require(os, "computerName", "osProfile.computerName");
    require(os, "adminUsername", "osProfile.adminUsername");
    require(os, "adminPassword", "adminPassword");
    checkPassword(os.get("adminPassword").asText());
    checkNames(os.get("computerName").asText(), os.get("adminUsername").asText());
    JsonNode win = os.path("windowsConfiguration");
    boolean hotpatchImage = MarketplaceImages.isHotpatchCompatible(publisher, offer, sku);
    WindowsSettings defaults = new WindowsSettings(true, true, null, null, null, null, null);
    WindowsSettings settings = defaults.merge(win);
    if (hotpatchImage && settings.enableHotpatching() == null) {
      PatchSettingsValidator.fail(
          "PatchSettings must be specified for hotpatch compatible VMs.",
          PatchSettingsValidator.PS);
    }
    if (settings.patchMode() == null) {
      settings =
          settings.merge(patchMode(settings.enableAutomaticUpdates() ? "AutomaticByOS" : "Manual"));
    }
    PatchSettingsValidator.validate(settings, hotpatchImage, true);
    SimulatedVm vm = new SimulatedVm();
    vm.subscriptionId = r.group(1);
    vm.resourceGroup = r.group(2);
    vm.name = r.group(3);
    vm.location = body.get("location").asText();
    String rgPrefix = "/subscriptions/" + vm.subscriptionId + "/resourceGroups/" + vm.resourceGroup;
    JsonNode nics = props.path("networkProfile").path("networkInterfaces");
    for (JsonNode nic : nics) {
      String nicId = nic.path("id").asText();
      if (!ctx.resources.exists(nicId)) {
        fail(
            400,
            "InvalidResourceReference",
            "Resource "
                + nicId
                + " referenced by resource "
                + rgPrefix
                + "/providers/Microsoft.Compute/virtualMachines/"
                + vm.name
                + " was not found. Please make sure that"
                + " the referenced resource exists, and that both resources are in the same region.",
            "networkProfile.networkInterfaces");
      }
    }
    if (nics.isEmpty()
        && props.path("networkProfile").path("networkInterfaceConfigurations").isEmpty()) {
      fail(
          400,
          "InvalidParameter",
          "Required parameter 'networkProfile' is missing (null).",
          "networkProfile");
    }
    vm.size = props.path("hardwareProfile").path("vmSize").asText("Standard_D2s_v5");
    vm.publisher = publisher;
    vm.offer = offer;
    vm.sku = sku;
    vm.imageVersion = version;
    vm.osBuild = imageBuild(sku, version, r);
    vm.exactVersion = "latest".equalsIgnoreCase(version) ? vm.osBuild + ".250101" : version;
    vm.computerName = os.get("computerName").asText();
    vm.adminUsername = os.get("adminUsername").asText();
    settings.applyTo(vm);
    vm.nicId = nics.isEmpty() ? null : nics.get(0).path("id").asText();
    vm.osDiskName = props.path("storageProfile").path("osDisk").path("name").asText(null);
    vm.osDiskDeletedWithVm =
        "Delete"
            .equalsIgnoreCase(
                props.path("storageProfile").path("osDisk").path("deleteOption").asText());
    vm.nicDeletedWithVm =
        !nics.isEmpty()
            && "Delete"
                .equalsIgnoreCase(nics.get(0).path("properties").path("deleteOption").asText());
    vm.tags = new LinkedHashMap<>();
    body.path("tags").properties().forEach(e -> vm.tags.put(e.getKey(), e.getValue().asText()));
    vm.createdBy = "api";
    vm.provisioningState = "Creating";
    vm.powerState = "starting";
    VmStore.initDerived(vm, ctx.catalog, r.now);
    ctx.vms.put(vm);
    vm.publish(r.now);
    attachNic(vm);
    ArmOperation op =
        ctx.operations.start(
            ArmOperation.Kind.CREATE,
            vm.subscriptionId,
            vm.location,
            vm.name.toLowerCase(Locale.ROOT),
            r.now,
            ctx.timings.create(),
            false,
            r.apiVersion(),
            (o, end) -> {
              vm.provisioningState = "Succeeded";
              vm.powerState = "running";
              vm.agentReadyAt = end.plus(ctx.behaviour.agentNotReadyAfterReboot());
              vm.touch();
              storeDisk(vm, end);
              o.succeed(null);
            });
    op.describe(vm, "create", r);
    return Lro.withHeaders(ctx, ArmResponse.json(201, VmJson.vm(ctx, vm, false)), op);
  }

  /** The build a fresh VM boots: the image version's, or for "latest" the newest baseline out. */
  private String imageBuild(String sku, String version, ArmRequest r) {
    if (!"latest".equalsIgnoreCase(version)) {
      String[] parts = version.split("\\.");
      if (parts.length >= 2 && parts[0].matches("\\d+") && parts[1].matches("\\d+")) {
        return parts[0] + "." + parts[1];
      }
      fail(
          404,
          "PlatformImageNotFound",
          "The platform image version '" + version + "' is not available.",
          "imageReference.version");
    }
    String fallback = MarketplaceImages.defaultBuild(sku);
    return ctx.catalog
        .latestBaseline(OsBuilds.osOf(fallback), LocalDate.ofInstant(r.now, ZoneOffset.UTC))
        .map(Release::build)
        .orElse(fallback);
  }

  private void attachNic(SimulatedVm vm) {
    if (vm.nicId != null) {
      ctx.resources
          .get(vm.nicId)
          .ifPresent(
              nic ->
                  ((ObjectNode) nic.get("properties"))
                      .putObject("virtualMachine")
                      .put("id", vm.id()));
    }
  }

  private void storeDisk(SimulatedVm vm, java.time.Instant time) {
    ObjectNode disk = ArmRequest.JSON.createObjectNode();
    disk.put("id", vm.osDiskId);
    disk.put("name", vm.osDiskName);
    disk.put("type", "Microsoft.Compute/disks");
    disk.put("location", vm.location);
    disk.put("managedBy", vm.id());
    ObjectNode p = disk.putObject("properties");
    p.put("osType", "Windows");
    p.put("diskSizeGB", 127);
    p.put("diskState", "Attached");
    p.put("provisioningState", "Succeeded");
    p.put("timeCreated", ctx.stamp(time));
    ctx.resources.put(vm.osDiskId, disk);
  }

  private static JsonNode patchMode(String mode) {
    ObjectNode win = ArmRequest.JSON.createObjectNode();
    win.putObject("patchSettings").put("patchMode", mode);
    return win;
  }

  private static void require(JsonNode node, String field, String target) {
    if (!node.hasNonNull(field) || node.get(field).asText().isBlank()) {
      PatchSettingsValidator.fail("Required parameter '" + field + "' is missing (null).", target);
    }
  }

  private static final java.util.Set<String> RESERVED_USERS =
      java.util.Set.of(
          "administrator",
          "admin",
          "user",
          "user1",
          "test",
          "user2",
          "test1",
          "user3",
          "admin1",
          "1",
          "123",
          "a",
          "actuser",
          "adm",
          "admin2",
          "aspnet",
          "backup",
          "console",
          "david",
          "guest",
          "john",
          "owner",
          "root",
          "server",
          "sql",
          "support",
          "support_388945a0",
          "sys",
          "test2",
          "test3",
          "user4",
          "user5");

  /** Compute's Windows computer name and admin user name rules. */
  static void checkNames(String computerName, String adminUsername) {
    if (computerName.length() > 15
        || computerName.matches("\\d+")
        || computerName.matches(".*[`~!@#$%^&*()=+_\\[\\]{}\\\\|;:.'\",<>/?].*")) {
      PatchSettingsValidator.fail(
          "Windows computer name cannot be more than 15 characters long, be entirely"
              + " numeric, or contain the following characters: ` ~ ! @ # $ % ^ & * ( ) = + _ [ ] { } \\ | ; : . ' \" , < > / ?.",
          "computerName");
    }
    if (RESERVED_USERS.contains(adminUsername.toLowerCase(Locale.ROOT))
        || adminUsername.length() > 20
        || adminUsername.endsWith(".")) {
      PatchSettingsValidator.fail("The Admin Username specified is not allowed.", "adminUsername");
    }
  }

  /** Compute's Windows password rule: 8-123 characters, 3 of 4 character classes. */
  static void checkPassword(String password) {
    int classes =
        (password.chars().anyMatch(Character::isUpperCase) ? 1 : 0)
            + (password.chars().anyMatch(Character::isLowerCase) ? 1 : 0)
            + (password.chars().anyMatch(Character::isDigit) ? 1 : 0)
            + (password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0);
    if (password.length() < 8
        || password.length() > 123
        || classes < 3
        || password.chars().anyMatch(Character::isISOControl)) {
      PatchSettingsValidator.fail(
          "The supplied password must be between 8-123 characters long and must satisfy"
              + " at least 3 of password complexity requirements from the following:\r\n1) Contains an uppercase"
              + " character\r\n2) Contains a lowercase character\r\n3) Contains a numeric digit\r\n4) Contains a special"
              + " character\r\n5) Control characters are not allowed",
          "adminPassword");
    }
  }

  private static void fail(int status, String code, String message, String target) {
    throw new ArmResponse.Failure(ArmResponse.error(status, code, message, target));
  }
}
