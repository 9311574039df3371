package dev.hotpatch.operator.e2e;

import static dev.hotpatch.operator.e2e.OperatorHarness.SUBSCRIPTION;

import dev.hotpatch.operator.policy.Ownership;
import dev.hotpatch.operator.simulator.RequestRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * examples/hotpatchvm-create.yaml and the Azure resource IDs it leads to, for the creation and
 * deletion tests.
 */
final class CreatedVm {
  static final String EXAMPLE = "examples/hotpatchvm-create.yaml";
  static final String NAME = "app-1";

  /**
   * Simulated time from the create until the VM reports its build: creation takes 2 minutes, then
   * the VM agent is Not Ready for 5 and the instance view lags 3 more, as on real Azure.
   */
  static final java.time.Duration REPORTS_AFTER = java.time.Duration.ofMinutes(12);

  static final String PASSWORD = "Demo-only-Passw0rd!";
  static final String RG = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg-new/providers/";
  static final String VM_ID = RG + "Microsoft.Compute/virtualMachines/" + NAME;
  static final String NIC_ID =
      RG + "Microsoft.Network/networkInterfaces/" + Ownership.nicName(NAME);
  static final String VNET_ID = RG + "Microsoft.Network/virtualNetworks/" + NAME + "-vnet";
  static final String DISK_ID = RG + "Microsoft.Compute/disks/" + Ownership.osDiskName(NAME);

  private CreatedVm() {}

  static String example() throws IOException {
    return Files.readString(Path.of(EXAMPLE));
  }

  /** The example with one line of its HotpatchVM changed. */
  static String exampleWith(String line, String replacement) throws IOException {
    String yaml = example();
    if (!yaml.contains(line)) {
      throw new IllegalArgumentException("example has no line " + line);
    }
    return yaml.replace(line, replacement);
  }

  /** The example's HotpatchVM without its Secret. */
  static String withoutSecret() throws IOException {
    String yaml = example();
    return yaml.substring(yaml.indexOf("---") + 3);
  }

  static List<RequestRecord> requests(OperatorHarness h, String method, String id) {
    return h.simulator.requestLog().stream()
        .filter(r -> r.method().equals(method) && r.path().equalsIgnoreCase(id))
        .toList();
  }
}
