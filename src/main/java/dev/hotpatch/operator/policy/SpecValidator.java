package dev.hotpatch.operator.policy;

import dev.hotpatch.operator.api.Api;
import dev.hotpatch.operator.api.AzureVmRef;
import dev.hotpatch.operator.api.HotpatchVMSpec;
import dev.hotpatch.operator.api.PatchBaselineSpec;
import dev.hotpatch.operator.api.PatchBaselineSpec.Hotpatch;
import dev.hotpatch.operator.azure.VmRef;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one spec validator both reconcilers use: the mock API server enforces no schema, so the
 * operator checks what the CRD declares, and more. Each message is "field.path: what is wrong",
 * ready for a condition that {@code kubectl describe} shows. An empty list means valid.
 */
public final class SpecValidator {
  private SpecValidator() {}

  public static List<String> validate(PatchBaselineSpec spec) {
    Problems p = new Problems();
    if (spec == null) {
      p.add("spec", "required");
      return p.list();
    }
    p.requiredEnum("spec.os", spec.os, PatchBaselineSpec.OsFamily.values());
    p.requiredEnum("spec.type", spec.type, PatchBaselineSpec.BaselineType.values());
    p.matches("spec.kb", spec.kb, Api.KB_PATTERN, "KB5062572");
    Optional<OsBuild> baseline = Optional.empty();
    if (p.matches("spec.build", spec.build, Api.BUILD_PATTERN, "20348.2700")) {
      baseline = Optional.of(OsBuild.parse(spec.build));
      if (spec.os != null && baseline.get().build() != OsBuild.buildNumberOf(spec.os)) {
        p.add(
            "spec.build",
            "\""
                + spec.build
                + "\" is not a build of "
                + spec.os
                + " (want "
                + OsBuild.buildNumberOf(spec.os)
                + ".N)");
      }
    }
    p.date("spec.released", spec.released);
    List<Hotpatch> hotpatches = spec.hotpatches == null ? List.of() : spec.hotpatches;
    Set<String> kbs = new HashSet<>();
    if (spec.kb != null) {
      kbs.add(spec.kb.toUpperCase(Locale.ROOT));
    }
    for (int i = 0; i < hotpatches.size(); i++) {
      hotpatch(hotpatches.get(i), "spec.hotpatches[" + i + "]", baseline, kbs, p);
    }
    RolloutValidator.validate(spec.rollout, "spec.rollout", p);
    return p.list();
  }

  public static List<String> validate(HotpatchVMSpec spec) {
    Problems p = new Problems();
    if (spec == null) {
      p.add("spec", "required");
      return p.list();
    }
    if (p.required("spec.azure", spec.azure)) {
      azure(spec.azure, p);
    }
    if (p.required("spec.baselineRef", spec.baselineRef)) {
      p.required("spec.baselineRef.name", spec.baselineRef.name);
    }
    // Absent, the field keeps its default (Orphan); null means a value the API does not know.
    p.requiredEnum(
        "spec.deletionPolicy", spec.deletionPolicy, HotpatchVMSpec.DeletionPolicy.values());
    CreateTemplateValidator.validate(spec.create, "spec.create", p);
    return p.list();
  }

  private static void hotpatch(
      Hotpatch h, String path, Optional<OsBuild> baseline, Set<String> kbs, Problems p) {
    if (!p.required(path, h)) {
      return;
    }
    if (p.matches(path + ".kb", h.kb, Api.KB_PATTERN, "KB5065432")
        && !kbs.add(h.kb.toUpperCase(Locale.ROOT))) {
      p.add(path + ".kb", h.kb + " is listed twice (as the baseline or another hotpatch)");
    }
    if (p.matches(path + ".build", h.build, Api.BUILD_PATTERN, "20348.2762")
        && baseline.isPresent()) {
      OsBuild build = OsBuild.parse(h.build);
      if (!build.sameFamilyAs(baseline.get())) {
        p.add(
            path + ".build",
            h.build + " is not on the baseline's build family " + baseline.get().build());
      } else if (!build.isNewerThan(baseline.get())) {
        p.add(
            path + ".build", h.build + " must be newer than the baseline build " + baseline.get());
      }
    }
    p.date(path + ".released", h.released);
  }

  private static void azure(AzureVmRef a, Problems p) {
    String[][] parts = {
      {"subscriptionId", a.subscriptionId}, {"resourceGroup", a.resourceGroup}, {"name", a.name}
    };
    if (p.isBlank(a.resourceId)) {
      boolean any =
          !p.isBlank(a.subscriptionId) || !p.isBlank(a.resourceGroup) || !p.isBlank(a.name);
      if (!any) {
        p.add("spec.azure", "set resourceId, or subscriptionId, resourceGroup and name");
      }
      for (String[] part : parts) {
        if (any && p.isBlank(part[1])) {
          p.add("spec.azure." + part[0], "required when resourceId is not set");
        }
      }
    } else {
      try {
        VmRef ref = VmRef.parse(a.resourceId);
        String[] fromId = {ref.subscriptionId(), ref.resourceGroup(), ref.name()};
        if (!ref.subscriptionId().matches(Api.GUID_PATTERN)) {
          p.add(
              "spec.azure.resourceId",
              "subscription \"" + ref.subscriptionId() + "\" is not a GUID");
        }
        // Both forms may be given only when they name the same VM.
        for (int i = 0; i < parts.length; i++) {
          if (!p.isBlank(parts[i][1]) && !parts[i][1].equalsIgnoreCase(fromId[i])) {
            p.add(
                "spec.azure." + parts[i][0],
                "\""
                    + parts[i][1]
                    + "\" does not match resourceId (\""
                    + fromId[i]
                    + "\"); set one or the other");
          }
        }
      } catch (IllegalArgumentException e) {
        p.add(
            "spec.azure.resourceId",
            "\""
                + a.resourceId
                + "\" is not a VM resource ID (want "
                + "/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.Compute/"
                + "virtualMachines/<name>)");
      }
    }
    if (!p.isBlank(a.subscriptionId) && !a.subscriptionId.matches(Api.GUID_PATTERN)) {
      p.add("spec.azure.subscriptionId", "\"" + a.subscriptionId + "\" is not a GUID");
    }
    if (a.credentialsSecretRef != null) {
      p.required("spec.azure.credentialsSecretRef.name", a.credentialsSecretRef.name);
    }
  }
}
