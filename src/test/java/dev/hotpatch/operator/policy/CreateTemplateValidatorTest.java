package dev.hotpatch.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.hotpatch.operator.api.HotpatchVMSpec;
import dev.hotpatch.operator.api.VmCreateTemplate;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** spec.create: networking, OS disk and zone rules, and the message for an ineligible image. */
class CreateTemplateValidatorTest {

  static Stream<Arguments> valid() {
    return Stream.of(
        arguments("existing subnet", (Consumer<VmCreateTemplate>) t -> {}),
        arguments(
            "virtual network to create, all defaults",
            (Consumer<VmCreateTemplate>) t -> t.network = new VmCreateTemplate.NetworkTemplate()),
        arguments(
            "virtual network to create, named",
            (Consumer<VmCreateTemplate>) CreateTemplateValidatorTest::newVnet),
        arguments(
            "OS disk, zone",
            (Consumer<VmCreateTemplate>)
                t -> {
                  t.osDisk = new VmCreateTemplate.OsDiskTemplate();
                  t.osDisk.storageAccountType = "Premium_LRS";
                  t.osDisk.sizeGb = 128;
                  t.zone = "2";
                }));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("valid")
  void accepts(String name, Consumer<VmCreateTemplate> change) {
    assertThat(validate(change)).isEmpty();
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        arguments(
            "subnet ID malformed",
            (Consumer<VmCreateTemplate>) t -> t.network.subnetId = "/subscriptions/x/subnets/s",
            "spec.create.network.subnetId: \"/subscriptions/x/subnets/s\" is not a subnet ID"),
        arguments(
            "subnet ID and a network to create",
            (Consumer<VmCreateTemplate>) t -> t.network.virtualNetworkName = "v",
            "spec.create.network: set subnetId (an existing subnet) or the virtual network to create, not both"),
        arguments(
            "bad address prefix",
            (Consumer<VmCreateTemplate>)
                t -> {
                  newVnet(t);
                  t.network.subnetAddressPrefix = "10.0.1.0";
                },
            "spec.create.network.subnetAddressPrefix: \"10.0.1.0\" is not an address prefix"),
        arguments(
            "ultra disk as OS disk",
            (Consumer<VmCreateTemplate>)
                t -> {
                  t.osDisk = new VmCreateTemplate.OsDiskTemplate();
                  t.osDisk.storageAccountType = "UltraSSD_LRS";
                },
            "spec.create.osDisk.storageAccountType: \"UltraSSD_LRS\" is not an OS disk type"),
        arguments(
            "disk too small",
            (Consumer<VmCreateTemplate>)
                t -> {
                  t.osDisk = new VmCreateTemplate.OsDiskTemplate();
                  t.osDisk.sizeGb = 10;
                },
            "spec.create.osDisk.sizeGb: 10 is out of range (30 to 4095)"),
        arguments(
            "zone",
            (Consumer<VmCreateTemplate>) t -> t.zone = "westeurope-1",
            "spec.create.zone: \"westeurope-1\" is not an availability zone (1, 2 or 3)"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalid")
  void rejects(String name, Consumer<VmCreateTemplate> change, String problem) {
    assertThat(validate(change)).singleElement().asString().startsWith(problem);
  }

  @Test
  void ineligibleImageIsRejectedNamingTheEligibleSkus() {
    List<String> problems = validate(t -> t.image.sku = "2022-datacenter");
    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith(
            "spec.create.image: image MicrosoftWindowsServer:WindowsServer:2022-datacenter is not eligible for Hotpatch")
        .contains(ImageEligibility.ELIGIBLE_SKU_LIST);
  }

  private static void newVnet(VmCreateTemplate t) {
    t.network = new VmCreateTemplate.NetworkTemplate();
    t.network.virtualNetworkName = "app-vnet";
    t.network.virtualNetworkAddressPrefix = "10.10.0.0/16";
    t.network.subnetName = "default";
    t.network.subnetAddressPrefix = "10.10.1.0/24";
  }

  private static List<String> validate(Consumer<VmCreateTemplate> change) {
    HotpatchVMSpec spec = Fixtures.vm();
    spec.create = Fixtures.createTemplate();
    change.accept(spec.create);
    return SpecValidator.validate(spec);
  }
}
