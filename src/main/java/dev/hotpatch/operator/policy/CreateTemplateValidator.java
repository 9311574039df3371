package dev.hotpatch.operator.policy;

import dev.hotpatch.operator.api.VmCreateTemplate;
import java.util.Set;

/** The spec.create part of {@link SpecValidator}: what creating an orchestrated VM needs. */
final class CreateTemplateValidator {
  private static final Set<String> SECURITY_TYPES = Set.of("TrustedLaunch", "Standard");

  private CreateTemplateValidator() {}

  static void validate(VmCreateTemplate t, String path, Problems p) {
    if (t == null) {
      return; // adopting an existing VM
    }
    p.required(path + ".location", t.location);
    p.required(path + ".size", t.size);
    p.required(path + ".adminUsername", t.adminUsername);
    if (p.required(path + ".adminPasswordSecretRef", t.adminPasswordSecretRef)) {
      p.required(path + ".adminPasswordSecretRef.name", t.adminPasswordSecretRef.name);
      p.required(path + ".adminPasswordSecretRef.key", t.adminPasswordSecretRef.key);
    }
    p.required(path + ".network", t.network);
    if (p.required(path + ".image", t.image)) {
      ImageEligibility.Result r = ImageEligibility.check(t.image);
      if (!r.eligible()) {
        p.add(path + ".image", r.message());
      }
    }
    if (t.securityType != null && !SECURITY_TYPES.contains(t.securityType)) {
      p.add(path + ".securityType", "\"" + t.securityType + "\" is not TrustedLaunch or Standard");
    }
  }
}
