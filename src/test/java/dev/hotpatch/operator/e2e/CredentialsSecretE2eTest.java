package dev.hotpatch.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.reconciler.Conditions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Credentials Secrets come from a cache the API server keeps up to date: a VM waiting for its
 * Secret reconciles as soon as the Secret exists (its requeue is ten minutes away), and many VMs
 * naming one Secret do not read it once per reconcile.
 */
class CredentialsSecretE2eTest {
  private OperatorHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private static String vm(String name) {
    return """
        ---
        apiVersion: hotpatch.dev/v1alpha1
        kind: HotpatchVM
        metadata: {name: %s}
        spec:
          azure: {subscriptionId: %s, resourceGroup: rg-web, name: %s, credentialsSecretRef: {name: azure-sp}}
          baselineRef: {name: ws2022}
        """
        .formatted(name, OperatorHarness.SUBSCRIPTION, name);
  }

  @Test
  void aSecretCreatedLaterReconcilesTheVmsThatNameItAtOnce() throws Exception {
    h = OperatorHarness.startWithExampleBaselines();
    h.applyYaml(vm("web-1") + vm("web-2"));
    var waiting = h.awaitCondition("web-1", Conditions.READY, "False", "CredentialsNotFound");
    assertThat(Conditions.find(waiting.conditions, Conditions.READY).orElseThrow().getMessage())
        .contains("Secret fleet/azure-sp not found");
    h.awaitCondition("web-2", Conditions.READY, "False", "CredentialsNotFound");
    // CredentialsNotFound comes back after the resync interval (10 min of real time here): only
    // the Secret's own event can move these VMs within the test's wait.
    h.applyYaml(
        """
        apiVersion: v1
        kind: Secret
        metadata: {name: azure-sp}
        stringData: {tenantId: t, clientId: c, clientSecret: s}
        """);
    for (String vm : new String[] {"web-1", "web-2"}) {
      var read =
          h.awaitStatus(
              vm,
              st ->
                  st.vmId != null
                      && !"CredentialsNotFound"
                          .equals(
                              Conditions.find(st.conditions, Conditions.READY)
                                  .map(c -> c.getReason())
                                  .orElse("")));
      assertThat(read.osBuild).as("Azure was read with the Secret's credentials").isNotNull();
    }
  }
}
