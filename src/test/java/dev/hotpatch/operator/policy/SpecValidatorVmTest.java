package dev.hotpatch.operator.policy;

import static dev.hotpatch.operator.policy.Fixtures.SUBSCRIPTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.hotpatch.operator.api.AzureVmRef;
import dev.hotpatch.operator.api.HotpatchVMSpec;
import dev.hotpatch.operator.api.LocalRef;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpecValidatorVmTest {
  static final String ID =
      "/subscriptions/"
          + SUBSCRIPTION
          + "/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/web-01";

  static Stream<Arguments> valid() {
    return Stream.of(
        arguments("by subscription, group and name", (Consumer<HotpatchVMSpec>) s -> {}),
        arguments("by resource ID", (Consumer<HotpatchVMSpec>) s -> s.azure = byId(ID)),
        arguments(
            "both, consistent (any case)",
            (Consumer<HotpatchVMSpec>)
                s -> {
                  s.azure.resourceId = ID.replace("rg-web", "RG-WEB");
                }),
        arguments(
            "with credentials secret",
            (Consumer<HotpatchVMSpec>) s -> s.azure.credentialsSecretRef = new LocalRef("sp")),
        arguments(
            "with create template",
            (Consumer<HotpatchVMSpec>) s -> s.create = Fixtures.createTemplate()),
        arguments(
            "create with a 2025 core image",
            (Consumer<HotpatchVMSpec>)
                s -> {
                  s.create = Fixtures.createTemplate();
                  s.create.image.sku = "2025-datacenter-azure-edition-core-smalldisk";
                  s.create.securityType = "TrustedLaunch";
                }));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("valid")
  void accepts(String name, Consumer<HotpatchVMSpec> change) {
    HotpatchVMSpec spec = Fixtures.vm();
    change.accept(spec);
    assertThat(SpecValidator.validate(spec)).isEmpty();
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        arguments(
            "azure missing",
            (Consumer<HotpatchVMSpec>) s -> s.azure = null,
            List.of("spec.azure: required")),
        arguments(
            "azure empty",
            (Consumer<HotpatchVMSpec>) s -> s.azure = new AzureVmRef(),
            List.of("spec.azure: set resourceId, or subscriptionId, resourceGroup and name")),
        arguments(
            "name missing",
            (Consumer<HotpatchVMSpec>) s -> s.azure.name = null,
            List.of("spec.azure.name: required when resourceId is not set")),
        arguments(
            "group and name missing",
            (Consumer<HotpatchVMSpec>)
                s -> {
                  s.azure.resourceGroup = "";
                  s.azure.name = null;
                },
            List.of(
                "spec.azure.resourceGroup: required when resourceId is not set",
                "spec.azure.name: required when resourceId is not set")),
        arguments(
            "subscription not a GUID",
            (Consumer<HotpatchVMSpec>) s -> s.azure.subscriptionId = "my-sub",
            List.of("spec.azure.subscriptionId: \"my-sub\" is not a GUID")),
        arguments(
            "resource ID malformed",
            (Consumer<HotpatchVMSpec>) s -> s.azure = byId("/subscriptions/x/vm"),
            List.of(
                "spec.azure.resourceId: \"/subscriptions/x/vm\" is not a VM resource ID (want /subscriptions/"
                    + "<guid>/resourceGroups/<group>/providers/Microsoft.Compute/virtualMachines/<name>)")),
        arguments(
            "resource ID of a disk",
            (Consumer<HotpatchVMSpec>) s -> s.azure = byId(ID.replace("virtualMachines", "disks")),
            List.of(
                "spec.azure.resourceId: \""
                    + ID.replace("virtualMachines", "disks")
                    + "\" is not a VM resource ID")),
        arguments(
            "resource ID with non-GUID subscription",
            (Consumer<HotpatchVMSpec>) s -> s.azure = byId(ID.replace(SUBSCRIPTION, "abc")),
            List.of("spec.azure.resourceId: subscription \"abc\" is not a GUID")),
        arguments(
            "both, names differ",
            (Consumer<HotpatchVMSpec>)
                s -> {
                  s.azure.resourceId = ID;
                  s.azure.name = "web-02";
                },
            List.of(
                "spec.azure.name: \"web-02\" does not match resourceId (\"web-01\"); set one or the other")),
        arguments(
            "both, groups differ",
            (Consumer<HotpatchVMSpec>)
                s -> {
                  s.azure.resourceId = ID.replace("rg-web", "rg-db");
                },
            List.of("spec.azure.resourceGroup: \"rg-web\" does not match resourceId (\"rg-db\")")),
        arguments(
            "credentials secret without name",
            (Consumer<HotpatchVMSpec>) s -> s.azure.credentialsSecretRef = new LocalRef(),
            List.of("spec.azure.credentialsSecretRef.name: required")),
        arguments(
            "baselineRef missing",
            (Consumer<HotpatchVMSpec>) s -> s.baselineRef = null,
            List.of("spec.baselineRef: required")),
        arguments(
            "baselineRef name empty",
            (Consumer<HotpatchVMSpec>) s -> s.baselineRef = new LocalRef(""),
            List.of("spec.baselineRef.name: required")),
        arguments(
            "create: ineligible image",
            create(t -> t.image.sku = "2022-datacenter-azure-edition"),
            List.of(
                "spec.create.image: image MicrosoftWindowsServer:WindowsServer:2022-datacenter-azure-edition is not"
                    + " eligible for Hotpatch; eligible images are MicrosoftWindowsServer:WindowsServer with sku "
                    + ImageEligibility.ELIGIBLE_SKU_LIST)),
        arguments(
            "create: 2019 image",
            create(t -> t.image.sku = "2019-datacenter"),
            List.of(
                "spec.create.image: image MicrosoftWindowsServer:WindowsServer:2019-datacenter is not eligible")),
        arguments(
            "create: custom image",
            create(t -> t.image.publisher = null),
            List.of("spec.create.image: custom image")),
        arguments(
            "create: image missing",
            create(t -> t.image = null),
            List.of("spec.create.image: required")),
        arguments(
            "create: location missing",
            create(t -> t.location = null),
            List.of("spec.create.location: required")),
        arguments(
            "create: size missing",
            create(t -> t.size = " "),
            List.of("spec.create.size: required")),
        arguments(
            "create: admin missing",
            create(t -> t.adminUsername = null),
            List.of("spec.create.adminUsername: required")),
        arguments(
            "create: password ref missing",
            create(t -> t.adminPasswordSecretRef = null),
            List.of("spec.create.adminPasswordSecretRef: required")),
        arguments(
            "create: password key missing",
            create(t -> t.adminPasswordSecretRef.key = null),
            List.of("spec.create.adminPasswordSecretRef.key: required")),
        arguments(
            "create: password name missing",
            create(t -> t.adminPasswordSecretRef.name = ""),
            List.of("spec.create.adminPasswordSecretRef.name: required")),
        arguments(
            "create: network missing",
            create(t -> t.network = null),
            List.of("spec.create.network: required")),
        arguments(
            "create: bad security type",
            create(t -> t.securityType = "Confidential"),
            List.of(
                "spec.create.securityType: \"Confidential\" is not TrustedLaunch or Standard")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalid")
  void rejects(String name, Consumer<HotpatchVMSpec> change, List<String> messages) {
    HotpatchVMSpec spec = Fixtures.vm();
    change.accept(spec);
    List<String> problems = SpecValidator.validate(spec);
    assertThat(problems).hasSameSizeAs(messages);
    for (int i = 0; i < messages.size(); i++) {
      assertThat(problems.get(i)).startsWith(messages.get(i));
    }
  }

  @Test
  void nullSpec() {
    assertThat(SpecValidator.validate((HotpatchVMSpec) null)).containsExactly("spec: required");
  }

  private static AzureVmRef byId(String id) {
    AzureVmRef a = new AzureVmRef();
    a.resourceId = id;
    return a;
  }

  private static Consumer<HotpatchVMSpec> create(
      Consumer<dev.hotpatch.operator.api.VmCreateTemplate> change) {
    return s -> {
      s.create = Fixtures.createTemplate();
      change.accept(s.create);
    };
  }
}
