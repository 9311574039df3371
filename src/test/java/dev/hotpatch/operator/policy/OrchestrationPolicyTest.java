package dev.hotpatch.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.azure.VmSnapshot.PatchSettings;
import dev.hotpatch.operator.policy.OrchestrationPolicy.Decision;
import dev.hotpatch.operator.policy.OrchestrationPolicy.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrchestrationPolicyTest {

  @ParameterizedTest(
      name =
          "[{index}] agent={0} autoUpdates={1} {2} hotpatch={3} {4} reboot={5} bypass={6} -> {7}")
  @CsvSource(
      nullValues = "null",
      textBlock =
          """
      # agent | autoUpd | patchMode           | hotpatch | assessment          | reboot     | bypass | outcome              | reason
      true    | true    | AutomaticByPlatform | true     | AutomaticByPlatform | Never      | false  | ALREADY_ORCHESTRATED | Orchestrated
      true    | true    | AutomaticByPlatform | true     | AutomaticByPlatform | Never      | null   | ALREADY_ORCHESTRATED | Orchestrated
      null    | null    | AutomaticByPlatform | true     | AutomaticByPlatform | Never      | null   | ALREADY_ORCHESTRATED | Orchestrated
      true    | true    | automaticbyplatform | true     | AUTOMATICBYPLATFORM | never      | false  | ALREADY_ORCHESTRATED | Orchestrated
      true    | true    | AutomaticByOS       | false    | ImageDefault        | null       | null   | NEEDS_UPDATE         | PatchSettingsDiffer
      true    | true    | Manual              | false    | ImageDefault        | null       | null   | NEEDS_UPDATE         | PatchSettingsDiffer
      true    | true    | AutomaticByPlatform | false    | AutomaticByPlatform | Never      | false  | NEEDS_UPDATE         | PatchSettingsDiffer
      true    | true    | AutomaticByPlatform | null     | AutomaticByPlatform | Never      | false  | NEEDS_UPDATE         | PatchSettingsDiffer
      true    | true    | AutomaticByPlatform | true     | ImageDefault        | Never      | false  | NEEDS_UPDATE         | PatchSettingsDiffer
      true    | true    | AutomaticByPlatform | true     | AutomaticByPlatform | IfRequired | false  | NEEDS_UPDATE         | PatchSettingsDiffer
      true    | true    | AutomaticByPlatform | true     | AutomaticByPlatform | Always     | false  | NEEDS_UPDATE         | PatchSettingsDiffer
      true    | true    | AutomaticByPlatform | true     | AutomaticByPlatform | null       | false  | NEEDS_UPDATE         | PatchSettingsDiffer
      true    | true    | AutomaticByPlatform | true     | AutomaticByPlatform | Never      | true   | NEEDS_UPDATE         | PatchSettingsDiffer
      true    | false   | AutomaticByOS       | false    | ImageDefault        | null       | null   | CANNOT               | AutomaticUpdatesDisabled
      true    | false   | AutomaticByPlatform | true     | AutomaticByPlatform | Never      | false  | CANNOT               | AutomaticUpdatesDisabled
      false   | true    | AutomaticByOS       | false    | ImageDefault        | null       | null   | CANNOT               | VmAgentNotProvisioned
      false   | false   | Manual              | false    | ImageDefault        | null       | null   | CANNOT               | AutomaticUpdatesDisabled
      """,
      delimiter = '|')
  void decides(
      Boolean agent,
      Boolean autoUpdates,
      String patchMode,
      Boolean hotpatching,
      String assessment,
      String reboot,
      Boolean bypass,
      Outcome outcome,
      String reason) {
    Decision d =
        OrchestrationPolicy.decide(
            new PatchSettings(
                agent, autoUpdates, patchMode, hotpatching, assessment, reboot, bypass));
    assertThat(d.outcome()).isEqualTo(outcome);
    assertThat(d.reason()).isEqualTo(reason);
    assertThat(d.message()).isNotBlank();
    if (outcome == Outcome.NEEDS_UPDATE) {
      assertThat(d.desired()).isEqualTo(OrchestrationPolicy.DESIRED);
      assertThat(d.differences()).isNotEmpty();
    } else {
      assertThat(d.differences()).isEmpty();
    }
  }

  @Test
  void desiredSettingsAreOrchestratedWithOperatorOwnedReboots() {
    PatchSettings s = OrchestrationPolicy.DESIRED;
    assertThat(s.patchMode()).isEqualTo("AutomaticByPlatform");
    assertThat(s.enableHotpatching()).isTrue();
    assertThat(s.assessmentMode()).isEqualTo("AutomaticByPlatform");
    assertThat(s.rebootSetting()).isEqualTo("Never");
    assertThat(s.bypassPlatformSafetyChecksOnUserSchedule()).isFalse();
    assertThat(OrchestrationPolicy.decide(s).outcome()).isEqualTo(Outcome.ALREADY_ORCHESTRATED);
  }

  @Test
  void messagesExplainWhatToDo() {
    Decision noUpdates =
        OrchestrationPolicy.decide(new PatchSettings(true, false, null, null, null, null, null));
    assertThat(noUpdates.message())
        .isEqualTo(
            "VM was created without automatic updates; Azure only sets enableAutomaticUpdates at creation,"
                + " so it cannot be Azure-orchestrated: recreate it");
    assertThat(noUpdates.desired()).isNull();
    Decision noAgent =
        OrchestrationPolicy.decide(new PatchSettings(false, true, null, null, null, null, null));
    assertThat(noAgent.message()).contains("provisionVMAgent").contains("recreate it");
  }

  @Test
  void listsEachDifference() {
    Decision d =
        OrchestrationPolicy.decide(
            new PatchSettings(
                true, true, "AutomaticByOS", false, "ImageDefault", "IfRequired", true));
    assertThat(d.differences())
        .containsExactly(
            "patchMode: AutomaticByOS -> AutomaticByPlatform",
            "enableHotpatching: false -> true",
            "assessmentMode: ImageDefault -> AutomaticByPlatform",
            "automaticByPlatformSettings.rebootSetting: IfRequired -> Never",
            "automaticByPlatformSettings.bypassPlatformSafetyChecksOnUserSchedule: true -> false");
    assertThat(d.message())
        .startsWith("patch settings to change: patchMode: AutomaticByOS -> AutomaticByPlatform");
  }

  @Test
  void missingSettingsNeedAnUpdate() {
    assertThat(OrchestrationPolicy.decide(null).outcome()).isEqualTo(Outcome.NEEDS_UPDATE);
  }
}
