package dev.hotpatch.operator.policy;

import dev.hotpatch.operator.api.VmCreateTemplate;
import java.util.Set;

/** The spec.create part of {@link SpecValidator}: what creating an orchestrated VM needs. */
final class CreateTemplateValidator {
  private static final Set<String> SECURITY_TYPES = Set.of("TrustedLaunch", "Standard");
  private static final Set<String> ZONES = Set.of("1", "2", "3");

  /** Managed disk types Azure accepts for an OS disk (Ultra and Premium v2 are data-disk only). */
  private static final Set<String> OS_DISK_TYPES =
      Set.of("Standard_LRS", "StandardSSD_LRS", "Premium_LRS", "StandardSSD_ZRS", "Premium_ZRS");

  private static final String SUBNET_ID =
      "(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Network/virtualNetworks/[^/]+/subnets/[^/]+$";
  private static final String CIDR = "^(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}$";

  private CreateTemplateValidator() {}

  static void validate(VmCreateTemplate t, String path, Problems p) {
    if (t == null) {
      return; // adopting an existing VM
    }
    p.required(path + ".location", t.location);
    p.required(path + ".size", t.size);
    p.required(path + ".adminUsername", t.adminUsername);
    if (p.required(path + ".adminPasswordSecretRef", t.adminPasswordSecretRef)) {
      p.required(path + ".adminPasswordSecretRef.name", t.adminPasswordSecretRef.name);
      p.required(path + ".adminPasswordSecretRef.key", t.adminPasswordSecretRef.key);
    }
    if (p.required(path + ".network", t.network)) {
      network(t.network, path + ".network", p);
    }
    if (t.osDisk != null) {
      osDisk(t.osDisk, path + ".osDisk", p);
    }
    if (t.zone != null && !ZONES.contains(t.zone)) {
      p.add(path + ".zone", "\"" + t.zone + "\" is not an availability zone (1, 2 or 3)");
    }
    if (p.required(path + ".image", t.image)) {
      ImageEligibility.Result r = ImageEligibility.check(t.image);
      if (!r.eligible()) {
        p.add(path + ".image", r.message());
      }
    }
    if (t.securityType != null && !SECURITY_TYPES.contains(t.securityType)) {
      p.add(path + ".securityType", "\"" + t.securityType + "\" is not TrustedLaunch or Standard");
    }
  }

  private static void network(VmCreateTemplate.NetworkTemplate n, String path, Problems p) {
    boolean creates =
        !p.isBlank(n.virtualNetworkName)
            || !p.isBlank(n.virtualNetworkAddressPrefix)
            || !p.isBlank(n.subnetName)
            || !p.isBlank(n.subnetAddressPrefix);
    if (!p.isBlank(n.subnetId)) {
      if (!n.subnetId.matches(SUBNET_ID)) {
        p.add(
            path + ".subnetId",
            "\""
                + n.subnetId
                + "\" is not a subnet ID (want /subscriptions/<id>/resourceGroups/<group>"
                + "/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>)");
      }
      if (creates) {
        p.add(path, "set subnetId (an existing subnet) or the virtual network to create, not both");
      }
      return;
    }
    for (String[] prefix :
        new String[][] {
          {"virtualNetworkAddressPrefix", n.virtualNetworkAddressPrefix},
          {"subnetAddressPrefix", n.subnetAddressPrefix}
        }) {
      if (!p.isBlank(prefix[1]) && !prefix[1].matches(CIDR)) {
        p.add(
            path + "." + prefix[0],
            "\"" + prefix[1] + "\" is not an address prefix (want e.g. 10.0.0.0/24)");
      }
    }
  }

  private static void osDisk(VmCreateTemplate.OsDiskTemplate d, String path, Problems p) {
    if (d.storageAccountType != null && !OS_DISK_TYPES.contains(d.storageAccountType)) {
      p.add(
          path + ".storageAccountType",
          "\""
              + d.storageAccountType
              + "\" is not an OS disk type (one of "
              + String.join(", ", new java.util.TreeSet<>(OS_DISK_TYPES))
              + ")");
    }
    if (d.sizeGb != null && (d.sizeGb < 30 || d.sizeGb > 4095)) {
      p.add(path + ".sizeGb", d.sizeGb + " is out of range (30 to 4095)");
    }
  }
}
