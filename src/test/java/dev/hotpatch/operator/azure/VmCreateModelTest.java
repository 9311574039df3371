package dev.hotpatch.operator.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The VM PUT body: orchestrated from the start, disk and NIC deleted with the VM, password only in
 * the body.
 */
class VmCreateModelTest {
  private static final String PASSWORD = "Unit-test-Passw0rd!";

  private static VmCreateRequest request(String securityType, String zone) {
    return new VmCreateRequest(
        new VmRef("00000000-0000-0000-0000-000000000001", "rg-new", "a-rather-long-vm-name"),
        "westeurope",
        "Standard_D2s_v5",
        new VmSnapshot.Image(
            "MicrosoftWindowsServer",
            "WindowsServer",
            "2022-datacenter-azure-edition-hotpatch",
            "latest"),
        "azureadmin",
        PASSWORD,
        "/subscriptions/s/resourceGroups/rg-new/providers/Microsoft.Network/networkInterfaces/n",
        "a-rather-long-vm-name-osdisk",
        "Premium_LRS",
        128,
        zone,
        securityType,
        Map.of("hotpatch.dev/owner", "fleet/a"));
  }

  @Test
  void bodyIsOrchestratedFromTheStart() throws Exception {
    String json = VmCreateModel.of(request(null, "1")).toJsonString();
    assertThat(json)
        .contains("\"patchMode\":\"AutomaticByPlatform\"")
        .contains("\"enableHotpatching\":true")
        .contains("\"assessmentMode\":\"AutomaticByPlatform\"")
        .contains("\"rebootSetting\":\"Never\"")
        .contains("\"bypassPlatformSafetyChecksOnUserSchedule\":false")
        .contains("\"enableAutomaticUpdates\":true")
        .contains("\"provisionVMAgent\":true")
        .contains("\"securityType\":\"TrustedLaunch\"")
        .contains("\"zones\":[\"1\"]")
        .contains("\"computerName\":\"a-rather-long-v\"")
        .contains("\"hotpatch.dev/owner\":\"fleet/a\"");
    assertThat(json.split("\"deleteOption\":\"Delete\"", -1)).hasSize(3); // OS disk and NIC
  }

  @Test
  void standardSecurityTypeSendsNoSecurityProfile() throws Exception {
    assertThat(VmCreateModel.of(request("Standard", null)).toJsonString())
        .doesNotContain("securityProfile")
        .doesNotContain("zones");
  }

  @Test
  void requestNeverPrintsThePassword() {
    assertThat(request(null, null).toString()).doesNotContain(PASSWORD).contains("(redacted)");
  }
}
