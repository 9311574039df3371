package dev.hotpatch.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.reconciler.Conditions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The informer caches drop kubectl's last-applied annotation (memory); the operator's own writes
 * (finalizer, status) must leave it on the server, or the next {@code kubectl apply} would see a
 * three-way diff against nothing.
 */
class KubectlAnnotationE2eTest {
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private OperatorHarness h;

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void theOperatorsWritesKeepTheLastAppliedAnnotationOnTheServer() throws Exception {
    h = OperatorHarness.startWithExampleBaselines();
    String applied =
        "{\"apiVersion\":\"hotpatch.dev/v1alpha1\",\"kind\":\"HotpatchVM\",\"metadata\":"
            + "{\"name\":\"web-1\",\"namespace\":\"fleet\"},\"spec\":{}}";
    h.applyYaml(
        """
        apiVersion: hotpatch.dev/v1alpha1
        kind: HotpatchVM
        metadata:
          name: web-1
          annotations:
            %s: '%s'
        spec:
          azure: {subscriptionId: 00000000-0000-0000-0000-000000000001, resourceGroup: rg-web, name: web-1}
          baselineRef: {name: ws2022}
        """
            .formatted(LAST_APPLIED, applied));
    h.awaitCondition("web-1", Conditions.READY, "True", null);
    var onServer = h.vm("web-1");
    assertThat(onServer.getMetadata().getAnnotations()).containsEntry(LAST_APPLIED, applied);
    assertThat(onServer.getStatus().conditions).isNotEmpty();
    assertThat(onServer.getMetadata().getFinalizers()).isNotEmpty();
  }
}
