package dev.hotpatch.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.operator.api.Api;
import dev.hotpatch.operator.policy.ImageEligibility;
import dev.hotpatch.operator.reconciler.Conditions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which rule lives where. A check the CRD can express (a pattern, a CEL rule) is refused by a real
 * API server with its own message; the operator's validator covers those again (the mock enforces
 * no schema) and the rest (time zones, window lengths, builds against their OS family, resource
 * IDs). On the real server each bad manifest below is applied and refused or flagged; on the mock
 * every one becomes {@code Ready=False InvalidSpec}.
 */
class SchemaRulesE2eTest {
  enum Where {
    CRD,
    VALIDATOR
  }

  /**
   * @param server what the API server's refusal says (CRD rules)
   * @param operator what the InvalidSpec condition says
   */
  record Case(String what, Where where, String kind, String yaml, String server, String operator) {}

  private static final String BASELINE =
      """
      apiVersion: hotpatch.dev/v1alpha1
      kind: PatchBaseline
      metadata:
        name: NAME
      spec:
        os: WindowsServer2022AzureEdition
        type: Planned
        kb: KB5260001
        build: "20348.3300"
        released: "2026-01-13"
        rollout:
          maxUnavailable: 1
          maintenanceWindows:
            - days: [Sat, Sun]
              start: "22:00"
              duration: 4h
              timeZone: Europe/Berlin
      """;

  private static final String VM =
      """
      apiVersion: hotpatch.dev/v1alpha1
      kind: HotpatchVM
      metadata:
        name: NAME
      spec:
        azure:
          subscriptionId: 00000000-0000-0000-0000-000000000001
          resourceGroup: rg-new
          name: NAME
        baselineRef:
          name: ws2022
        create:
          location: westeurope
          size: Standard_D2s_v5
          image:
            publisher: MicrosoftWindowsServer
            offer: WindowsServer
            sku: 2022-datacenter-azure-edition-hotpatch
          adminUsername: azureadmin
          adminPasswordSecretRef: {name: pw, key: password}
          network:
            virtualNetworkName: v
            virtualNetworkAddressPrefix: 10.10.0.0/16
            subnetName: default
            subnetAddressPrefix: 10.10.1.0/24
          osDisk:
            storageAccountType: Premium_LRS
          securityType: TrustedLaunch
      """;

  static final List<Case> CASES =
      List.of(
          vm(
              "guid",
              Where.CRD,
              "subscriptionId: 00000000-0000-0000-0000-000000000001",
              "subscriptionId: not-a-guid",
              "should match",
              "spec.azure.subscriptionId"),
          vm(
              "sku",
              Where.CRD,
              "sku: 2022-datacenter-azure-edition-hotpatch",
              "sku: 2019-Datacenter",
              "not eligible for Hotpatch",
              "not eligible for Hotpatch"),
          vm(
              "publisher",
              Where.CRD,
              "publisher: MicrosoftWindowsServer",
              "publisher: Canonical",
              "not eligible for Hotpatch",
              "not eligible for Hotpatch"),
          vm(
              "security",
              Where.CRD,
              "securityType: TrustedLaunch",
              "securityType: ConfidentialVM",
              "should match",
              "securityType"),
          vm(
              "disk",
              Where.CRD,
              "storageAccountType: Premium_LRS",
              "storageAccountType: UltraSSD",
              "should match",
              "storageAccountType"),
          vm(
              "resourceid",
              Where.VALIDATOR,
              "subscriptionId: 00000000-0000-0000-0000-000000000001\n    resourceGroup: rg-new\n    name: resourceid",
              "resourceId: /subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/vms/x",
              null,
              "is not a VM resource ID"),
          baseline(
              "day",
              Where.CRD,
              "days: [Sat, Sun]",
              "days: [Sat, Funday]",
              "should match",
              "unknown day"),
          baseline(
              "duration",
              Where.CRD,
              "duration: 4h",
              "duration: 4 hours",
              "should match",
              "duration"),
          baseline(
              "start", Where.CRD, "start: \"22:00\"", "start: \"25:00\"", "should match", "start"),
          baseline(
              "zero",
              Where.CRD,
              "maxUnavailable: 1",
              "maxUnavailable: 0",
              "maxUnavailable must be",
              "maxUnavailable"),
          baseline(
              "percent",
              Where.CRD,
              "maxUnavailable: 1",
              "maxUnavailable: ten",
              "maxUnavailable must be",
              "maxUnavailable"),
          baseline("kb", Where.CRD, "kb: KB5260001", "kb: \"5260001\"", "should match", "spec.kb"),
          baseline(
              "zone",
              Where.VALIDATOR,
              "timeZone: Europe/Berlin",
              "timeZone: Mars/Olympus_Mons",
              null,
              "unknown time zone"),
          baseline("short", Where.VALIDATOR, "duration: 4h", "duration: 1h", null, "duration"),
          baseline(
              "family",
              Where.VALIDATOR,
              "build: \"20348.3300\"",
              "build: \"26100.3300\"",
              null,
              "is not a build of"));

  private static Case vm(
      String name, Where where, String from, String to, String server, String operator) {
    return new Case(
        name, where, "HotpatchVM", replace(VM.replace("NAME", name), from, to), server, operator);
  }

  private static Case baseline(
      String name, Where where, String from, String to, String server, String operator) {
    return new Case(
        name,
        where,
        "PatchBaseline",
        replace(BASELINE.replace("NAME", name), from, to),
        server,
        operator);
  }

  private static String replace(String yaml, String from, String to) {
    assertThat(yaml).contains(from);
    return yaml.replace(from, to);
  }

  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    h = OperatorHarness.startWithExampleBaselines();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void theCelListOfEligibleSkusIsImageEligibilitysList() {
    List<String> cel =
        Arrays.stream(Api.ELIGIBLE_SKUS_CEL.split(","))
            .map(s -> s.trim().replace("'", ""))
            .collect(Collectors.toList());
    assertThat(cel).containsExactlyElementsOf(ImageEligibility.ELIGIBLE_SKUS.keySet());
  }

  @Test
  void eachBadManifestIsRefusedByTheServerOrFlaggedByTheOperator() throws Exception {
    boolean real = OperatorHarness.onRealServer();
    for (Case c : CASES) {
      if (real && c.where() == Where.CRD) {
        assertThatThrownBy(() -> h.applyYaml(c.yaml()))
            .as(c.what() + " (a CRD rule)")
            .hasMessageContaining(c.server());
        continue;
      }
      h.applyYaml(c.yaml());
      var conditions =
          c.kind().equals("HotpatchVM")
              ? h.awaitCondition(c.what(), Conditions.READY, "False", "InvalidSpec").conditions
              : h.awaitBaselineStatus(
                      c.what(),
                      s ->
                          Conditions.find(s.conditions, Conditions.READY)
                              .map(r -> "InvalidSpec".equals(r.getReason()))
                              .orElse(false))
                  .conditions;
      assertThat(Conditions.find(conditions, Conditions.READY).orElseThrow().getMessage())
          .as(c.what() + " (" + c.where() + ")")
          .contains(c.operator());
    }
    // The server, not only the validator, refuses what the CRD says.
    assertThat(CASES.stream().filter(c -> c.where() == Where.CRD).count())
        .isGreaterThanOrEqualTo(9);
  }
}
