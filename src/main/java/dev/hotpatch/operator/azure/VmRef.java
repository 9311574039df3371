package dev.hotpatch.operator.azure;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a VM lives in Azure. ARM compares names case-insensitively, so equality does too. */
public record VmRef(String subscriptionId, String resourceGroup, String name) {
  private static final Pattern ID =
      Pattern.compile(
          "(?i)^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Compute/virtualMachines/([^/]+)$");

  public VmRef {
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(resourceGroup, "resourceGroup");
    Objects.requireNonNull(name, "name");
    subscriptionId = Canonical.of(subscriptionId);
    resourceGroup = Canonical.of(resourceGroup);
  }

  public static VmRef parse(String resourceId) {
    Matcher m = ID.matcher(resourceId);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a virtual machine resource ID: " + resourceId);
    }
    return new VmRef(m.group(1), m.group(2), m.group(3));
  }

  public String id() {
    return "/subscriptions/"
        + subscriptionId
        + "/resourceGroups/"
        + resourceGroup
        + "/providers/Microsoft.Compute/virtualMachines/"
        + name;
  }

  /** Lower-cased ID, for maps keyed by VM. */
  public String key() {
    return id().toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VmRef other && key().equals(other.key());
  }

  @Override
  public int hashCode() {
    return key().hashCode();
  }

  @Override
  public String toString() {
    return subscriptionId + "/" + resourceGroup + "/" + name;
  }
}
