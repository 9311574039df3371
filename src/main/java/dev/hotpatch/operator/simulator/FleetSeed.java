package dev.hotpatch.operator.simulator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The VMs the simulator starts with, read from YAML:
 *
 * <pre>
 * vms:
 *   - subscriptionId: 00000000-0000-0000-0000-000000000001   # required
 *     resourceGroup: rg-web                                  # required
 *     name: web-1                   # required; with count: N, "{i}" is replaced by 1..N
 *     count: 1                      # optional, default 1: N VMs from one entry
 *     location: westeurope          # default westeurope
 *     size: Standard_D2s_v5         # default Standard_D2s_v5
 *     image: {publisher: MicrosoftWindowsServer, offer: WindowsServer,
 *             sku: 2022-datacenter-azure-edition-hotpatch, version: latest}   # this is the default
 *     osBuild: "20348.2700"         # build.UBR; instance view reports osVersion "10.0.20348.2700"
 *                                   # default: 20348.2700 for 2022 skus, 26100.2700 for 2025 skus
 *     provisionVMAgent: true        # default true
 *     enableAutomaticUpdates: true  # default true; Azure allows it only at creation
 *     patchSettings: {patchMode: AutomaticByOS, enableHotpatching: false, assessmentMode: ImageDefault,
 *                     rebootSetting: IfRequired, bypassPlatformSafetyChecksOnUserSchedule: false}
 *                                   # default {patchMode: AutomaticByOS, assessmentMode: ImageDefault}
 *     powerState: running           # running | stopped | deallocated; default running
 *     rebootPending: false          # a baseline installed but not yet rebooted into; default false
 *     adminUsername: azureuser      # default azureuser
 *     tags: {env: prod}
 * </pre>
 *
 * Unknown keys are errors, so a typo does not silently seed a different fleet.
 */
public record FleetSeed(List<VmSeed> vms) {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public FleetSeed {
    vms = List.copyOf(vms);
  }

  public static FleetSeed empty() {
    return new FleetSeed(List.of());
  }

  public static FleetSeed of(VmSeed... vms) {
    return new FleetSeed(List.of(vms));
  }

  public static FleetSeed fromYaml(String yaml) {
    try {
      Document doc = YAML.readValue(yaml, Document.class);
      List<VmSeed> out = new ArrayList<>();
      for (VmSeed vm : doc.vms == null ? List.<VmSeed>of() : doc.vms) {
        out.addAll(vm.expand());
      }
      return new FleetSeed(out);
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid fleet seed YAML: " + e.getMessage(), e);
    }
  }

  /**
   * The bundled sample fleet (sample-fleet.yaml next to this class): 12 VMs in one subscription
   * covering eligible, orchestrated, 2025, created-without-automatic-updates, ineligible and
   * agentless VMs, on the January 2025 baseline of {@code ReleaseCatalog.generate(2025)}.
   */
  public static FleetSeed sample() {
    try (var in = FleetSeed.class.getResourceAsStream("sample-fleet.yaml")) {
      if (in == null) {
        throw new IllegalStateException("sample-fleet.yaml missing from the classpath");
      }
      return fromYaml(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static FleetSeed load(Path path) {
    try {
      return fromYaml(Files.readString(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final class Document {
    public List<VmSeed> vms;
  }

  /** One VM of the seed; public fields with the defaults documented on {@link FleetSeed}. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public static final class VmSeed {
    public String subscriptionId;
    public String resourceGroup;
    public String name;
    public int count = 1;
    public String location = "westeurope";
    public String size = "Standard_D2s_v5";
    public ImageSeed image = new ImageSeed();
    public String osBuild;
    public boolean provisionVMAgent = true;
    public boolean enableAutomaticUpdates = true;
    public PatchSettingsSeed patchSettings = new PatchSettingsSeed();
    public String powerState = "running";
    public boolean rebootPending;
    public String adminUsername = "azureuser";
    public Map<String, String> tags = new LinkedHashMap<>();

    public VmSeed() {}

    public VmSeed(String subscriptionId, String resourceGroup, String name, String osBuild) {
      this.subscriptionId = subscriptionId;
      this.resourceGroup = resourceGroup;
      this.name = name;
      this.osBuild = osBuild;
    }

    List<VmSeed> expand() {
      require(subscriptionId, "subscriptionId");
      require(resourceGroup, "resourceGroup");
      require(name, "name");
      if (osBuild == null) {
        osBuild = image.sku != null && image.sku.startsWith("2025") ? "26100.2700" : "20348.2700";
      }
      OsBuilds.parse(osBuild);
      if (count <= 1) {
        return List.of(this);
      }
      if (!name.contains("{i}")) {
        throw new IllegalArgumentException(
            "VM seed '" + name + "' has count " + count + " but its name has no {i} placeholder");
      }
      List<VmSeed> out = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        VmSeed copy = YAML.convertValue(YAML.valueToTree(this), VmSeed.class);
        copy.name = name.replace("{i}", Integer.toString(i));
        copy.count = 1;
        out.add(copy);
      }
      return out;
    }

    private static void require(String value, String field) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("VM seed needs '" + field + "'");
      }
    }
  }

  public static final class ImageSeed {
    public String publisher = "MicrosoftWindowsServer";
    public String offer = "WindowsServer";
    public String sku = "2022-datacenter-azure-edition-hotpatch";
    public String version = "latest";
  }

  public static final class PatchSettingsSeed {
    public String patchMode = "AutomaticByOS";
    public Boolean enableHotpatching;
    public String assessmentMode = "ImageDefault";
    public String rebootSetting;
    public Boolean bypassPlatformSafetyChecksOnUserSchedule;
  }
}
