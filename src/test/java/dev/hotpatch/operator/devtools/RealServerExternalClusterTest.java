package dev.hotpatch.operator.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.api.HotpatchVM;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * `demo --kubeconfig`: the demo on a cluster the user already has (here a real kube-apiserver
 * standing in for kind): it installs the CRDs and its namespace, settles, and removes what it
 * added.
 */
class RealServerExternalClusterTest {
  @Test
  void theDemoRunsOnYourClusterAndLeavesItAsItWas() throws Exception {
    try (RealKubernetes yours = RealKubernetes.start()) {
      KubernetesClient admin = yours.client();
      // A cluster without our CRDs, as a user's would be before installing the operator. The
      // server may be shared with the tests before this one: a HotpatchVM they left with its
      // finalizer (no operator runs to remove it) would hold the CRD's deletion for ever.
      stripFinalizersOfLeftovers(admin);
      for (String crd : Cluster.CRDS) {
        admin
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName(crd.substring(0, crd.indexOf("-v1.yml")))
            .delete();
      }
      for (String crd : Cluster.CRDS) {
        admin
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName(crd.substring(0, crd.indexOf("-v1.yml")))
            .waitUntilCondition(
                java.util.Objects::isNull, 60, java.util.concurrent.TimeUnit.SECONDS);
      }
      Path config = yours.kubeconfig().orElseThrow();
      try (Demo demo =
          Demo.start(
              Path.of("examples"),
              null,
              () -> ExternalCluster.connect(config, null, Demo.NAMESPACE))) {
        assertThat(demo.orchestrate(java.time.Duration.ofSeconds(60))).isTrue();
        assertThat(admin.resources(HotpatchVM.class).inNamespace(Demo.NAMESPACE).list().getItems())
            .isNotEmpty();
      }
      assertThat(admin.namespaces().withName(Demo.NAMESPACE).get())
          .satisfiesAnyOf(
              ns -> assertThat(ns).isNull(),
              ns -> assertThat(ns.getStatus().getPhase()).isEqualTo("Terminating"));
      for (String crd : Cluster.CRDS) {
        assertThat(
                admin
                    .apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .withName(crd.substring(0, crd.indexOf("-v1.yml")))
                    .get())
            .as("the CRD the demo installed is removed")
            .satisfiesAnyOf(
                c -> assertThat(c).isNull(),
                c -> assertThat(c.getMetadata().getDeletionTimestamp()).isNotNull());
      }
    }
  }

  private static void stripFinalizersOfLeftovers(KubernetesClient admin) {
    try {
      for (HotpatchVM vm : admin.resources(HotpatchVM.class).inAnyNamespace().list().getItems()) {
        if (!vm.getMetadata().getFinalizers().isEmpty()) {
          admin
              .resource(vm)
              .edit(
                  o -> {
                    o.getMetadata().setFinalizers(java.util.List.of());
                    return o;
                  });
        }
      }
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      if (e.getCode() != 404) { // no CRD yet: nothing left over
        throw e;
      }
    }
  }
}
