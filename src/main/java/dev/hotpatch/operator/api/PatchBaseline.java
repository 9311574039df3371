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

/**
 * A baseline (a cumulative update that needs a reboot), the hotpatches approved on it, and its
 * rollout.
 */
@Group(Api.GROUP)
@Version(Api.VERSION)
@Kind("PatchBaseline")
@Singular("patchbaseline")
@Plural("patchbaselines")
@ShortNames("pbl")
@io.fabric8.kubernetes.model.annotation.Categories(Api.CATEGORY)
@AdditionalPrinterColumn(
    name = "OS",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.os")
@AdditionalPrinterColumn(
    name = "KB",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.kb")
@AdditionalPrinterColumn(
    name = "Build",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.build")
@AdditionalPrinterColumn(
    name = "Targeted",
    type = AdditionalPrinterColumn.Type.INTEGER,
    jsonPath = ".status.targeted")
@AdditionalPrinterColumn(
    name = "Converged",
    type = AdditionalPrinterColumn.Type.INTEGER,
    jsonPath = ".status.converged")
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
public class PatchBaseline extends CustomResource<PatchBaselineSpec, PatchBaselineStatus>
    implements Namespaced {
  // Overridden only to give spec and status a description in the CRD (kubectl explain).
  @Override
  @JsonPropertyDescription(
      "The baseline, the hotpatches approved on it, and how VMs roll out onto it.")
  public PatchBaselineSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription(
      "How far the rollout is, counted over the HotpatchVMs that name this baseline; written by"
          + " the operator.")
  public PatchBaselineStatus getStatus() {
    return super.getStatus();
  }
}
