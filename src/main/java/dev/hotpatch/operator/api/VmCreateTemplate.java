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
  @Required
  @JsonPropertyDescription(
      "Azure region of the VM and of what is created with it, e.g. westeurope.")
  public String location;

  @Required
  @JsonPropertyDescription("VM size, e.g. Standard_D2s_v5.")
  public String size;

  @Required
  @JsonPropertyDescription(
      "Marketplace image; must be Hotpatch-eligible (MicrosoftWindowsServer:WindowsServer, an"
          + " Azure Edition sku).")
  public ImageRef image;

  @Required
  @JsonPropertyDescription("Name of the VM's administrator account.")
  public String adminUsername;

  @Required
  @JsonPropertyDescription("Secret key holding the admin password; read at creation only.")
  public SecretKeyRef adminPasswordSecretRef;

  @Required
  @JsonPropertyDescription(
      "Network of the VM's network interface (<vm>-nic): an existing subnet, or a virtual network"
          + " to create.")
  public NetworkTemplate network;

  @JsonPropertyDescription("OS disk (<vm>-osdisk) settings; empty: Azure's defaults for the image.")
  public OsDiskTemplate osDisk;

  @JsonPropertyDescription("Availability zone: 1, 2 or 3. Empty: no zone.")
  public String zone;

  @JsonPropertyDescription(
      "Azure tags for the VM, its network interface and the network it creates. The operator"
          + " adds hotpatch.dev/owner (namespace/name of this resource) and"
          + " hotpatch.dev/created-by, which win over these.")
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
    @Required
    @JsonPropertyDescription("Image publisher: MicrosoftWindowsServer.")
    public String publisher;

    @Required
    @JsonPropertyDescription("Image offer: WindowsServer.")
    public String offer;

    @Required
    @JsonPropertyDescription(
        "Image sku, an Azure Edition one, e.g. 2022-datacenter-azure-edition-hotpatch or"
            + " 2025-datacenter-azure-edition.")
    public String sku;

    @JsonPropertyDescription("Image version. Default: latest.")
    public String version = "latest";
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class NetworkTemplate {
    @JsonPropertyDescription(
        "ID of an existing subnet. Otherwise virtualNetwork and subnet are created.")
    public String subnetId;

    @JsonPropertyDescription("Name of the virtual network to create. Default: <vm>-vnet.")
    public String virtualNetworkName;

    @JsonPropertyDescription(
        "Address space of the virtual network to create, CIDR. Default: 10.0.0.0/16.")
    public String virtualNetworkAddressPrefix;

    @JsonPropertyDescription("Name of the subnet to create. Default: default.")
    public String subnetName;

    @JsonPropertyDescription("Address range of the subnet to create, CIDR. Default: 10.0.0.0/24.")
    public String subnetAddressPrefix;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class OsDiskTemplate {
    @Pattern("^(Standard_LRS|StandardSSD_LRS|Premium_LRS|StandardSSD_ZRS|Premium_ZRS)$")
    @JsonPropertyDescription(
        "Managed disk type: Standard_LRS, StandardSSD_LRS, Premium_LRS, StandardSSD_ZRS or"
            + " Premium_ZRS.")
    public String storageAccountType;

    @JsonPropertyDescription("OS disk size in GiB, 30 to 4095. Empty: the image's size.")
    public Integer sizeGb;
  }
}
