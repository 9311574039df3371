package dev.hotpatch.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** What the portal asks when creating a hotpatch-ready VM, as YAML. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class VmCreateTemplate {
  @Required public String location;
  @Required public String size;
  @Required public ImageRef image;
  @Required public String adminUsername;

  @Required
  @JsonPropertyDescription("Secret key holding the admin password; read at creation only.")
  public SecretKeyRef adminPasswordSecretRef;

  @Required public NetworkTemplate network;
  public OsDiskTemplate osDisk;
  public String zone;
  public Map<String, String> tags;

  @Pattern("^(TrustedLaunch|Standard)$")
  @JsonPropertyDescription("TrustedLaunch (default for Azure Edition images) or Standard.")
  public String securityType;

  /**
   * The API server refuses an image Hotpatch cannot run on (ImageEligibility, case-insensitive).
   */
  @ValidationRule(
      value =
          "self.publisher.lowerAscii() == 'microsoftwindowsserver'"
              + " && self.offer.lowerAscii() == 'windowsserver'"
              + " && self.sku.lowerAscii() in ["
              + Api.ELIGIBLE_SKUS_CEL
              + "]",
      message =
          "image is not eligible for Hotpatch: want MicrosoftWindowsServer:WindowsServer with an"
              + " Azure Edition sku (2022-datacenter-azure-edition-core, -hotpatch, 2025-...)")
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class ImageRef {
    @Required public String publisher;
    @Required public String offer;
    @Required public String sku;
    public String version = "latest";
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class NetworkTemplate {
    @JsonPropertyDescription(
        "ID of an existing subnet. Otherwise virtualNetwork and subnet are created.")
    public String subnetId;

    public String virtualNetworkName;
    public String virtualNetworkAddressPrefix;
    public String subnetName;
    public String subnetAddressPrefix;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class OsDiskTemplate {
    @Pattern("^(Standard_LRS|StandardSSD_LRS|Premium_LRS|StandardSSD_ZRS|Premium_ZRS)$")
    @JsonPropertyDescription(
        "Managed disk type: Standard_LRS, StandardSSD_LRS, Premium_LRS, StandardSSD_ZRS or"
            + " Premium_ZRS.")
    public String storageAccountType;

    public Integer sizeGb;
  }
}
