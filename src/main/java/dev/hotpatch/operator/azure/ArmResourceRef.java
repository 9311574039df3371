package dev.hotpatch.operator.azure;

import java.util.Locale;

/** A network interface, virtual network or managed disk the operator may create or delete. */
public record ArmResourceRef(String subscriptionId, String resourceGroup, Type type, String name) {
  public enum Type {
    VIRTUAL_NETWORK("Microsoft.Network/virtualNetworks"),
    NETWORK_INTERFACE("Microsoft.Network/networkInterfaces"),
    DISK("Microsoft.Compute/disks");

    public final String armType;

    Type(String armType) {
      this.armType = armType;
    }
  }

  public String id() {
    return "/subscriptions/"
        + subscriptionId
        + "/resourceGroups/"
        + resourceGroup
        + "/providers/"
        + type.armType
        + "/"
        + name;
  }

  /** Lower-cased ID, for comparing with IDs Azure returns. */
  public String key() {
    return id().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return type.armType + " " + resourceGroup + "/" + name;
  }
}
