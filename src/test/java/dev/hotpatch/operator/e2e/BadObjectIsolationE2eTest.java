package dev.hotpatch.operator.e2e;

import static dev.hotpatch.operator.e2e.OperatorHarness.NAMESPACE;
import static dev.hotpatch.operator.e2e.OperatorHarness.SUBSCRIPTION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.api.HotpatchVMStatus;
import dev.hotpatch.operator.reconciler.Conditions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * I6: one object the operator cannot read (an unknown field, an enum value in the wrong case) never
 * stops the operator, and the objects next to it still converge. Regression: each of these objects
 * used to end in "Fatal error in informer ... Stopping the operator".
 */
class BadObjectIsolationE2eTest {
  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    h = OperatorHarness.startWithExampleBaselines();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  /** Created as raw JSON, the way kubectl sends it to a server that does not prune. */
  private void createRaw(String yaml) {
    GenericKubernetesResource raw = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    h.client()
        .genericKubernetesResources("hotpatch.dev/v1alpha1", raw.getKind())
        .inNamespace(NAMESPACE)
        .resource(raw)
        .create();
  }

  /**
   * Created raw; a real API server refuses it by the CRD's schema with its own message (the mock
   * stores it, and the operator must cope). Returns whether it was created.
   */
  private boolean createRawUnlessTheServerRefuses(String yaml, String refusal) {
    if (OperatorHarness.onRealServer()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> createRaw(yaml))
          .hasMessageContaining(refusal);
      return false;
    }
    createRaw(yaml);
    return true;
  }

  private static String vm(String name, String vmName, String extraAzure) {
    return """
        apiVersion: hotpatch.dev/v1alpha1
        kind: HotpatchVM
        metadata: {name: %s}
        spec:
          azure: {subscriptionId: %s, resourceGroup: rg-web, name: %s%s}
          baselineRef: {name: ws2022}
        """
        .formatted(name, SUBSCRIPTION, vmName, extraAzure);
  }

  @Test
  void unknownFieldAndBadEnumDoNotStopTheOperator() throws Exception {
    boolean typoCreated =
        createRawUnlessTheServerRefuses(
            """
        apiVersion: hotpatch.dev/v1alpha1
        kind: PatchBaseline
        metadata: {name: typo}
        spec:
          os: WindowsServer2022AzureEdition
          type: planned
          kb: KB5260001
          build: "20348.3300"
          rollout: {pause: true, maxUnavailable: 1}
        """,
            "Unsupported value: \"planned\"");
    createRaw(vm("web-3", "web-3", ", credentialsSecretRef: {name: azure, namespace: other}"));
    // A well-formed VM applied after the bad objects still converges.
    h.applyYaml(vm("web-1", "web-1", ""));
    HotpatchVMStatus ok = h.awaitCondition("web-1", Conditions.READY, "True", null);
    assertThat(ok.observedGeneration).isNotNull();
    // The unknown field is left alone, as a pruning API server would drop it; the object is read.
    h.awaitCondition("web-3", Conditions.READY, "False", "CredentialsNotFound");
    // The bad enum value is a condition on its own baseline, not an operator stop.
    if (!typoCreated) {
      assertThat(h.operator().operator().getRuntimeInfo().isStarted()).isTrue();
      return;
    }
    var typo = h.awaitBaselineStatus("typo", s -> !s.conditions.isEmpty());
    assertThat(Conditions.find(typo.conditions, "Ready").orElseThrow().getMessage())
        .contains("spec.type");
    assertThat(h.operator().operator().getRuntimeInfo().isStarted()).isTrue();
  }

  /** A value of the wrong type, which only a schema-checking API server would refuse. */
  @Test
  void aValueOfTheWrongTypeDoesNotStopTheOperator() throws Exception {
    createRawUnlessTheServerRefuses(
        """
        apiVersion: hotpatch.dev/v1alpha1
        kind: PatchBaseline
        metadata: {name: wrong-types}
        spec:
          os: WindowsServer2022AzureEdition
          type: Planned
          kb: KB5260001
          build: "20348.3300"
          rollout:
            failureBudget: lots
            maintenanceWindows:
              - {days: Sat, start: "22:00", duration: 4h, timeZone: UTC}
        """,
        "spec.rollout.maintenanceWindows[0].days");
    h.applyYaml(vm("web-1", "web-1", ""));
    h.awaitCondition("web-1", Conditions.READY, "True", null);
    assertThat(h.operator().operator().getRuntimeInfo().isStarted()).isTrue();
  }
}
