package dev.hotpatch.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.reconciler.Conditions;
import dev.hotpatch.operator.simulator.OperationTimings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator on a real kube-apiserver as the chart's ServiceAccount (impersonated), bound to
 * exactly the chart's ClusterRole and Role from deploy/: every request it makes is allowed; with
 * any one rule removed, it is refused (403) and fails where a user sees it.
 */
class RealServerRbacTest {
  private static final String SA = "system:serviceaccount:hotpatch-system:hotpatch-operator";
  private static final String LEASES = "hotpatch-system";
  private OperatorHarness h;
  private ClusterRole clusterRole;
  private Role role;

  @BeforeEach
  void start() throws Exception {
    h =
        OperatorHarness.start(
            OperatorHarness.demoFleet(),
            Instant.parse("2026-01-19T09:00:00Z"),
            OperationTimings.defaults(),
            false);
    h.stopOperator(); // it runs as cluster admin; this test runs it as the ServiceAccount
    for (String f :
        List.of("namespace.yaml", "serviceaccount.yaml", "clusterrole.yaml", "role.yaml")) {
      for (HasMetadata o : h.client().load(Files.newInputStream(Path.of("deploy", f))).items()) {
        h.client().resource(o).forceConflicts().serverSideApply();
        if (o instanceof ClusterRole c) {
          clusterRole = c;
        } else if (o instanceof Role r) {
          role = r;
        }
      }
    }
  }

  @AfterEach
  void stop() {
    h.close();
  }

  /** Requests the API server refused, as "VERB path". */
  private static final class Refusals implements Interceptor {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<Boolean> afterFailure(
        BasicBuilder builder, HttpResponse<?> response, RequestTags tags) {
      if (response.code() == 403) {
        seen.add(response.request().method() + " " + response.request().uri().getPath());
      }
      return CompletableFuture.completedFuture(false);
    }
  }

  private KubernetesClient asServiceAccount(Refusals refusals) throws Exception {
    Config config = Config.fromKubeconfig(Files.readString(h.kube.kubeconfig().orElseThrow()));
    config.setImpersonateUsername(SA);
    config.setImpersonateGroups(
        "system:serviceaccounts", "system:serviceaccounts:hotpatch-system", "system:authenticated");
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withKubernetesSerialization(dev.hotpatch.operator.api.TolerantReading.serialization())
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("refusals", refusals))
        .build();
  }

  private boolean ready(String name) {
    HotpatchVM vm = h.vm(name);
    return vm != null
        && vm.getStatus() != null
        && Conditions.isTrue(vm.getStatus().conditions, Conditions.READY);
  }

  /** Past reading its admin password: the VM's create call reached Azure. */
  private boolean creating(String name) {
    return h.simulator.vm(OperatorHarness.SUBSCRIPTION, "rg-new", name).isPresent();
  }

  /** Runs the operator as the ServiceAccount on the examples: orchestration, then a deletion. */
  private Run run(Duration limit) throws Exception {
    Refusals refusals = new Refusals();
    KubernetesClient sa = asServiceAccount(refusals);
    String startFailure = null;
    try {
      h.startOperator(sa, LEASES);
    } catch (RuntimeException e) {
      startFailure = e.toString();
    }
    h.apply("examples/patchbaselines.yaml");
    h.apply("examples/hotpatchvms.yaml");
    h.apply("examples/hotpatchvm-create.yaml"); // reads its admin password Secret
    boolean readyAndDeleted = false;
    if (startFailure == null) {
      try {
        await()
            .atMost(limit)
            .pollInterval(Duration.ofMillis(100))
            .until(() -> ready("web-1") && creating("app-1"));
        h.client().resource(h.vm("web-1")).delete();
        await()
            .atMost(limit)
            .pollInterval(Duration.ofMillis(100))
            .until(() -> h.vm("web-1") == null);
        readyAndDeleted = true;
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        readyAndDeleted = false;
      }
      h.stopOperator();
    }
    sa.close();
    reset();
    return new Run(List.copyOf(refusals.seen), startFailure, readyAndDeleted);
  }

  private record Run(List<String> refused, String startFailure, boolean readyAndDeleted) {}

  /** Empties the namespace for the next run (finalizers first: no operator runs now). */
  private void reset() {
    dev.hotpatch.operator.devtools.Cluster.deleteOurObjects(h.client(), "fleet");
    h.client().leases().inNamespace(LEASES).delete();
    // The next run creates app-1 again, and reads its password for it.
    if (h.simulator.vm(OperatorHarness.SUBSCRIPTION, "rg-new", "app-1").isPresent()) {
      h.simulator.deleteVmOutOfBand(OperatorHarness.SUBSCRIPTION, "rg-new", "app-1");
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                h.client()
                    .resources(HotpatchVM.class)
                    .inNamespace("fleet")
                    .list()
                    .getItems()
                    .isEmpty());
  }

  @Test
  void theChartsRulesAreEnoughAndEachIsNeeded() throws Exception {
    Run full = run(Duration.ofSeconds(60));
    assertThat(full.startFailure()).isNull();
    assertThat(full.refused()).as("requests refused with the chart's RBAC").isEmpty();
    assertThat(full.readyAndDeleted()).isTrue();

    List<String> report = new ArrayList<>();
    List<String> unneeded = new ArrayList<>();
    List<PolicyRule> rules = clusterRole.getRules();
    for (int i = 0; i < rules.size(); i++) {
      PolicyRule removed = rules.get(i);
      List<PolicyRule> fewer = new ArrayList<>(rules);
      fewer.remove(i);
      h.client().resource(copyWith(clusterRole, fewer)).forceConflicts().serverSideApply();
      Run r = run(Duration.ofSeconds(15));
      h.client().resource(clusterRole).forceConflicts().serverSideApply();
      report.add(
          "ClusterRole rule "
              + i
              + " "
              + removed.getResources()
              + " "
              + removed.getVerbs()
              + ": "
              + r);
      // Needed: refused without it (the operator then logs the refusal, and fails to start or to
      // converge where the refused call is one it cannot do without).
      if (r.refused().isEmpty()) {
        unneeded.add(removed.getResources() + " " + removed.getVerbs() + ": " + r);
      }
    }
    Role noLeases = new io.fabric8.kubernetes.api.model.rbac.RoleBuilder(role).withRules().build();
    h.client().resource(noLeases).forceConflicts().serverSideApply();
    Run r = run(Duration.ofSeconds(15));
    report.add("Role without leases: " + r);
    report.forEach(System.out::println);
    assertThat(unneeded)
        .as("rules the operator works without (least privilege: remove them)")
        .isEmpty();
    // JOSDK asks "may I use leases?" (a rules review, not a refused call) and will not start.
    assertThat(r.startFailure()).as("without leases: " + r).isNotNull();
  }

  private static ClusterRole copyWith(ClusterRole c, List<PolicyRule> rules) {
    return new io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder(c).withRules(rules).build();
  }
}
