package dev.hotpatch.operator.safety;

import java.util.Locale;

/**
 * What a HotpatchVM declared at one moment.
 *
 * @param vmId the Azure VM's ARM id, lower case (as the checker compares them)
 * @param baselineRef the PatchBaseline's name, in the same namespace
 */
public record VmDecl(
    String namespace, String name, String vmId, String baselineRef, boolean suspend) {
  public VmDecl {
    vmId = vmId.toLowerCase(Locale.ROOT);
  }

  public String key() {
    return namespace + "/" + name;
  }

  public String baselineKey() {
    return namespace + "/" + baselineRef;
  }

  public static String armId(String subscription, String resourceGroup, String name) {
    return ("/subscriptions/"
            + subscription
            + "/resourceGroups/"
            + resourceGroup
            + "/providers/Microsoft.Compute/virtualMachines/"
            + name)
        .toLowerCase(Locale.ROOT);
  }
}
