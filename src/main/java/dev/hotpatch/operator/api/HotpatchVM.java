package dev.hotpatch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** One Azure VM kept Azure-orchestrated and on its declared PatchBaseline. */
@Group(Api.GROUP)
@Version(Api.VERSION)
@Kind("HotpatchVM")
@Singular("hotpatchvm")
@Plural("hotpatchvms")
@ShortNames("hpvm")
@io.fabric8.kubernetes.model.annotation.Categories(Api.CATEGORY)
@AdditionalPrinterColumn(
    name = "VM",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.azure.name")
@AdditionalPrinterColumn(
    name = "Baseline",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.baselineRef.name")
@AdditionalPrinterColumn(
    name = "Phase",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.phase")
@AdditionalPrinterColumn(
    name = "OS Build",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.osBuild")
@AdditionalPrinterColumn(
    name = "Next Reboot",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.nextReboot")
@AdditionalPrinterColumn(
    name = "Ready",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
// The generator orders columns by jsonPath, which puts Age first; the build moves it last
// (src/build/AgeColumnLast.java, run by pom.xml after the generator).
@AdditionalPrinterColumn(
    name = "Age",
    type = AdditionalPrinterColumn.Type.DATE,
    jsonPath = ".metadata.creationTimestamp")
public class HotpatchVM extends CustomResource<HotpatchVMSpec, HotpatchVMStatus>
    implements Namespaced {
  // Overridden only to give spec and status a description in the CRD (kubectl explain).
  @Override
  @JsonPropertyDescription(
      "The Azure VM, the PatchBaseline it converges onto, and how the operator treats it.")
  public HotpatchVMSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("What the operator last observed and did; written by the operator.")
  public HotpatchVMStatus getStatus() {
    return super.getStatus();
  }
}
