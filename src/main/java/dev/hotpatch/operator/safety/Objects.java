package dev.hotpatch.operator.safety;

import dev.hotpatch.operator.api.AzureVmRef;
import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.HotpatchVMSpec;
import dev.hotpatch.operator.api.LocalRef;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.api.PatchBaselineSpec;
import dev.hotpatch.operator.api.PatchBaselineSpec.BaselineType;
import dev.hotpatch.operator.api.PatchBaselineSpec.OsFamily;
import dev.hotpatch.operator.api.Rollout;
import dev.hotpatch.operator.api.SecretKeyRef;
import dev.hotpatch.operator.api.VmCreateTemplate;
import dev.hotpatch.operator.reconciler.CredentialsResolver;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;

/** The Kubernetes objects a schedule applies, built from its plan and current state. */
final class Objects {
  static final String CREDENTIALS = "azure-credentials";
  static final String ADMIN = "admin-password";

  private Objects() {}

  static OsFamily os(int os) {
    return os == 2025
        ? OsFamily.WindowsServer2025AzureEdition
        : OsFamily.WindowsServer2022AzureEdition;
  }

  static String sku(int os) {
    return os == 2025 ? "2025-datacenter-azure-edition" : "2022-datacenter-azure-edition-hotpatch";
  }

  /** What a baseline declares now; the runner changes it with user actions. */
  static final class BaselineState {
    final Plan.Baseline plan;
    String kb;
    String build;
    String released;
    boolean unplanned;
    boolean paused;
    String maxUnavailable;
    boolean exists = true;

    BaselineState(Plan.Baseline plan) {
      this.plan = plan;
      this.maxUnavailable = plan.maxUnavailable();
    }

    BaselineDecl decl() {
      return BaselineDecl.of(spec());
    }

    PatchBaselineSpec spec() {
      PatchBaselineSpec s = new PatchBaselineSpec();
      s.os = os(plan.os());
      s.type = unplanned ? BaselineType.Unplanned : BaselineType.Planned;
      s.kb = kb;
      s.build = build;
      s.released = released;
      s.rollout = new Rollout();
      s.rollout.maxUnavailable =
          maxUnavailable.endsWith("%")
              ? new IntOrString(maxUnavailable)
              : new IntOrString(Integer.parseInt(maxUnavailable));
      s.rollout.maintenanceWindows = plan.windows().stream().map(Plan.Window::toApi).toList();
      s.rollout.failureBudget = plan.failureBudget();
      s.rollout.paused = paused;
      return s;
    }
  }

  static PatchBaseline baseline(String namespace, BaselineState state) {
    PatchBaseline b = new PatchBaseline();
    b.setMetadata(
        new ObjectMetaBuilder().withNamespace(namespace).withName(state.plan.name()).build());
    b.setSpec(state.spec());
    return b;
  }

  static HotpatchVM vm(
      String namespace, Plan.Vm plan, String subscription, String resourceGroup, boolean suspend) {
    HotpatchVM vm = new HotpatchVM();
    vm.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(plan.name()).build());
    HotpatchVMSpec spec = new HotpatchVMSpec();
    spec.azure = new AzureVmRef();
    spec.azure.subscriptionId = subscription;
    spec.azure.resourceGroup = resourceGroup;
    spec.azure.name = plan.name();
    if (plan.secret()) {
      spec.azure.credentialsSecretRef = new LocalRef(CREDENTIALS);
    }
    spec.baselineRef = new LocalRef(plan.baseline());
    spec.suspend = suspend;
    if (plan.create()) {
      spec.deletionPolicy = HotpatchVMSpec.DeletionPolicy.Delete;
      spec.create = template(plan);
    }
    vm.setSpec(spec);
    return vm;
  }

  private static VmCreateTemplate template(Plan.Vm plan) {
    VmCreateTemplate t = new VmCreateTemplate();
    t.location = "westeurope";
    t.size = "Standard_D2s_v5";
    t.image = new VmCreateTemplate.ImageRef();
    t.image.publisher = "MicrosoftWindowsServer";
    t.image.offer = "WindowsServer";
    t.image.sku = sku(plan.os());
    t.adminUsername = "azureadmin";
    t.adminPasswordSecretRef = new SecretKeyRef();
    t.adminPasswordSecretRef.name = ADMIN;
    t.adminPasswordSecretRef.key = "password";
    t.network = new VmCreateTemplate.NetworkTemplate();
    t.network.virtualNetworkName = plan.name() + "-vnet";
    t.network.virtualNetworkAddressPrefix = "10.10.0.0/16";
    t.network.subnetName = "default";
    t.network.subnetAddressPrefix = "10.10.1.0/24";
    return t;
  }

  static Secret credentials(String namespace) {
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(CREDENTIALS)
        .endMetadata()
        .withStringData(
            Map.of(
                CredentialsResolver.TENANT_ID, "00000000-0000-0000-0000-0000000000aa",
                CredentialsResolver.CLIENT_ID, "00000000-0000-0000-0000-0000000000bb",
                CredentialsResolver.CLIENT_SECRET, "fuzz-secret"))
        .build();
  }

  static Secret adminPassword(String namespace) {
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(ADMIN)
        .endMetadata()
        .withStringData(Map.of("password", "Fuzz-only-Passw0rd!"))
        .build();
  }

  /** A PatchBaseline a real API server would store but our classes may not read. */
  static String badBaselineYaml(String namespace, String name, boolean unknownField) {
    return """
        apiVersion: hotpatch.dev/v1alpha1
        kind: PatchBaseline
        metadata: {name: %s, namespace: %s}
        spec:
          os: WindowsServer2022AzureEdition
          type: %s
          kb: KB5000001
          build: "20348.100"
          rollout:
            %s
        """
        .formatted(
            name,
            namespace,
            unknownField ? "Planned" : "planned",
            unknownField ? "pause: true" : "paused: false");
  }
}
