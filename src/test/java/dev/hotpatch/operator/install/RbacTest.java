package dev.hotpatch.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Least privilege: exactly these rules, each needed by the operator. */
class RbacTest {
  static final List<Rbac.Rule> CLUSTER_RULES =
      List.of(
          rule(
              "hotpatch.dev",
              List.of("hotpatchvms", "patchbaselines"),
              "get",
              "list",
              "watch",
              "patch",
              "update"),
          rule(
              "hotpatch.dev",
              List.of("hotpatchvms/status", "patchbaselines/status"),
              "get",
              "patch",
              "update"),
          rule("", List.of("events"), "create", "patch"),
          rule("", List.of("secrets"), "get", "list", "watch"));
  static final List<Rbac.Rule> LEASE_RULES =
      List.of(rule("coordination.k8s.io", List.of("leases"), "get", "create", "update", "patch"));

  private final List<Chart.Doc> docs = Chart.split(Chart.template(null));
  private final Rbac rbac = Rbac.fromRender(docs);

  @Test
  void clusterRoleHasExactlyTheseRules() {
    assertThat(Rbac.clusterRules(docs)).containsExactlyElementsOf(CLUSTER_RULES);
  }

  @Test
  void leasesAreANamespacedRoleInTheOperatorsNamespace() {
    assertThat(Rbac.rules(docs, "Role")).containsExactlyElementsOf(LEASE_RULES);
    assertThat(Rendered.one(docs, "Role").metadata()).containsEntry("namespace", Chart.NAMESPACE);
    String lease = "/apis/coordination.k8s.io/v1/namespaces/" + Chart.NAMESPACE + "/leases";
    assertThat(rbac.allows(Rbac.Request.parse("POST", lease))).isTrue();
    assertThat(rbac.allows(Rbac.Request.parse("GET", lease + "/hotpatch-operator-leader")))
        .isTrue();
    assertThat(rbac.allows(Rbac.Request.parse("PUT", lease + "/hotpatch-operator-leader")))
        .isTrue();
    assertThat(
            rbac.allows(
                Rbac.Request.parse(
                    "GET",
                    "/apis/coordination.k8s.io/v1/namespaces/other/leases/hotpatch-operator-leader")))
        .isFalse();
    assertThat(rbac.allows(Rbac.Request.parse("DELETE", lease + "/hotpatch-operator-leader")))
        .isFalse();
  }

  @Test
  void bindingsPointAtTheServiceAccount() {
    String sa = Rendered.one(docs, "ServiceAccount").name();
    for (String kind : List.of("ClusterRoleBinding", "RoleBinding")) {
      var binding = Rendered.one(docs, kind).object();
      assertThat(Rendered.at(binding, "roleRef.name"))
          .isEqualTo(Rendered.one(docs, kind.replace("Binding", "")).name());
      assertThat(binding.get("subjects"))
          .isEqualTo(
              List.of(
                  java.util.Map.of(
                      "kind", "ServiceAccount", "name", sa, "namespace", Chart.NAMESPACE)));
    }
  }

  @Test
  void coversWhatTheOperatorDoes() {
    List<Rbac.Request> requests =
        List.of(
            Rbac.Request.parse(
                "GET", "/apis/hotpatch.dev/v1alpha1/hotpatchvms?watch=true&resourceVersion=1"),
            Rbac.Request.parse(
                "GET", "/apis/hotpatch.dev/v1alpha1/namespaces/fleet/patchbaselines"),
            Rbac.Request.parse(
                "GET", "/apis/hotpatch.dev/v1alpha1/namespaces/fleet/patchbaselines?watch=1"),
            Rbac.Request.parse(
                "PATCH", "/apis/hotpatch.dev/v1alpha1/namespaces/fleet/hotpatchvms/vm-1"),
            Rbac.Request.parse(
                "PATCH", "/apis/hotpatch.dev/v1alpha1/namespaces/fleet/hotpatchvms/vm-1/status"),
            Rbac.Request.parse(
                "PUT", "/apis/hotpatch.dev/v1alpha1/namespaces/fleet/patchbaselines/b/status"),
            Rbac.Request.parse("POST", "/api/v1/namespaces/fleet/events"),
            Rbac.Request.parse("GET", "/api/v1/namespaces/fleet/secrets/azure-creds"),
            Rbac.Request.parse(
                "GET",
                "/api/v1/namespaces/fleet/secrets?fieldSelector=metadata.name%3Dazure-creds"),
            Rbac.Request.parse(
                "GET",
                "/api/v1/namespaces/fleet/secrets?fieldSelector=metadata.name%3Dazure-creds&watch=true"),
            Rbac.Request.parse("POST", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews"),
            Rbac.Request.parse("GET", "/apis"),
            Rbac.Request.parse("GET", "/version"));
    assertThat(rbac.denied(requests)).isEmpty();
  }

  @Test
  void deniesWhatTheOperatorNeverDoes() {
    List<Rbac.Request> requests =
        List.of(
            Rbac.Request.parse("PUT", "/api/v1/namespaces/fleet/secrets/azure-creds"),
            Rbac.Request.parse("DELETE", "/api/v1/namespaces/fleet/secrets/azure-creds"),
            Rbac.Request.parse("POST", "/apis/hotpatch.dev/v1alpha1/namespaces/fleet/hotpatchvms"),
            Rbac.Request.parse(
                "DELETE", "/apis/hotpatch.dev/v1alpha1/namespaces/fleet/hotpatchvms/vm-1"),
            Rbac.Request.parse(
                "DELETE", "/apis/hotpatch.dev/v1alpha1/namespaces/fleet/hotpatchvms"),
            Rbac.Request.parse("GET", "/api/v1/namespaces/fleet/pods"),
            Rbac.Request.parse("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions"));
    assertThat(rbac.denied(requests)).hasSameSizeAs(requests);
  }

  @Test
  void parsesRequestAttributes() {
    assertThat(
            Rbac.Request.parse(
                "PATCH", "/apis/hotpatch.dev/v1alpha1/namespaces/ns/hotpatchvms/vm/status"))
        .isEqualTo(new Rbac.Request("patch", "hotpatch.dev", "hotpatchvms", "status", "ns", "vm"));
    assertThat(Rbac.Request.parse("GET", "/api/v1/namespaces/ns"))
        .isEqualTo(new Rbac.Request("get", "", "namespaces", null, "ns", "ns"));
    assertThat(Rbac.Request.parse("DELETE", "/api/v1/namespaces/ns/events"))
        .isEqualTo(new Rbac.Request("deletecollection", "", "events", null, "ns", null));
    assertThat(Rbac.Request.parse("GET", "/apis/hotpatch.dev/v1alpha1").nonResource()).isTrue();
  }

  /**
   * With watchNamespaces set, Secrets are readable only there: the secrets rule leaves the
   * ClusterRole for a Role (and RoleBinding) in each watched namespace.
   */
  @Test
  void withWatchNamespacesSecretsAreReadableOnlyThere() {
    List<Chart.Doc> watching =
        Chart.split(Chart.template(Chart.VALUES.resolve("workload-identity.yaml")));
    List<Rbac.Rule> secrets = List.of(rule("", List.of("secrets"), "get", "list", "watch"));
    assertThat(Rbac.clusterRules(watching))
        .containsExactlyElementsOf(CLUSTER_RULES.subList(0, CLUSTER_RULES.size() - 1));
    List<Chart.Doc> roles = watching.stream().filter(d -> d.kind().equals("Role")).toList();
    assertThat(roles)
        .extracting(d -> d.metadata().get("namespace") + "/" + d.name())
        .containsExactlyInAnyOrder(
            Chart.NAMESPACE + "/hotpatch-operator-leader-election",
            "fleet-a/hotpatch-operator-secrets",
            "fleet-b/hotpatch-operator-secrets");
    for (Chart.Doc role : roles) {
      if (!role.name().endsWith("-secrets")) {
        continue;
      }
      assertThat(Rbac.rules(List.of(role), "Role")).containsExactlyElementsOf(secrets);
      Chart.Doc binding =
          watching.stream()
              .filter(d -> d.kind().equals("RoleBinding"))
              .filter(d -> d.name().equals(role.name()))
              .filter(d -> role.metadata().get("namespace").equals(d.metadata().get("namespace")))
              .findFirst()
              .orElseThrow();
      assertThat(Rendered.at(binding.object(), "roleRef.kind")).isEqualTo("Role");
      assertThat(binding.object().get("subjects"))
          .isEqualTo(
              List.of(
                  java.util.Map.of(
                      "kind",
                      "ServiceAccount",
                      "name",
                      "hotpatch-operator",
                      "namespace",
                      Chart.NAMESPACE)));
    }
    Rbac watchingRbac = Rbac.fromRender(watching);
    for (String ns : List.of("fleet-a", "fleet-b")) {
      assertThat(
              watchingRbac.allows(
                  Rbac.Request.parse("GET", "/api/v1/namespaces/" + ns + "/secrets/azure-creds")))
          .isTrue();
      assertThat(
              watchingRbac.allows(
                  Rbac.Request.parse(
                      "GET",
                      "/api/v1/namespaces/"
                          + ns
                          + "/secrets?fieldSelector=metadata.name%3Dx&watch=true")))
          .isTrue();
    }
    assertThat(
            watchingRbac.allows(
                Rbac.Request.parse("GET", "/api/v1/namespaces/fleet-c/secrets/azure-creds")))
        .isFalse();
    assertThat(
            watchingRbac.allows(
                Rbac.Request.parse("GET", "/api/v1/namespaces/kube-system/secrets")))
        .isFalse();
    assertThat(watchingRbac.allows(Rbac.Request.parse("GET", "/api/v1/secrets"))).isFalse();
    assertThat(
            watchingRbac.allows(
                Rbac.Request.parse("PUT", "/api/v1/namespaces/fleet-a/secrets/azure-creds")))
        .isFalse();

    // Without watchNamespaces (the default render): the ClusterRole's rule, every namespace.
    assertThat(Rbac.clusterRules(docs)).containsAll(secrets);
    assertThat(docs).noneMatch(d -> d.name().endsWith("-secrets"));
    assertThat(
            rbac.allows(
                Rbac.Request.parse("GET", "/api/v1/namespaces/fleet-c/secrets/azure-creds")))
        .isTrue();
  }

  private static Rbac.Rule rule(String group, List<String> resources, String... verbs) {
    return new Rbac.Rule(List.of(group), resources, List.of(verbs), List.of());
  }
}
