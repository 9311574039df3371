package dev.hotpatch.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.api.PatchBaselineSpec;
import dev.hotpatch.operator.api.PatchBaselineStatus;
import dev.hotpatch.operator.api.PatchBaselineStatus.DepartedFailure;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DepartedFailuresTest {
  static final String VM_ID =
      "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/";

  private static PatchBaseline baseline(String kb, List<DepartedFailure> records) {
    PatchBaseline b = new PatchBaseline();
    b.setMetadata(new ObjectMetaBuilder().withName("ws2022").withNamespace("team-a").build());
    b.setSpec(new PatchBaselineSpec());
    b.getSpec().kb = kb;
    b.setStatus(new PatchBaselineStatus());
    b.getStatus().departedFailures = new ArrayList<>(records);
    return b;
  }

  private static DepartedFailure failure(String vm, String kb) {
    return new DepartedFailure(vm, VM_ID + vm, kb, "2026-04-18T20:30:00Z");
  }

  /**
   * Records: "vm:kb" separated by spaces; those onto the declared KB count, keyed namespace/name.
   */
  @ParameterizedTest(name = "[{index}] kb {0}, records [{1}] -> [{2}]")
  @CsvSource(
      delimiter = '|',
      value = {
        "KB5 | '' | ''",
        "KB5 | web-1:KB5 | team-a/web-1",
        "KB5 | web-1:KB4 | ''",
        "KB5 | web-1:KB4 web-2:KB5 | team-a/web-2",
        "KB5 | web-1:KB5 web-2:KB5 | team-a/web-1 team-a/web-2",
        "KB5 | web-1:KB5 web-1:KB5 | team-a/web-1",
      })
  void onlyRecordsOntoTheDeclaredKbCount(String kb, String records, String expected) {
    List<DepartedFailure> list = new ArrayList<>();
    for (String r : records.isBlank() ? new String[0] : records.trim().split(" ")) {
      String[] p = r.split(":");
      list.add(failure(p[0], p[1]));
    }
    assertThat(DepartedFailures.keys(baseline(kb, list)))
        .containsExactlyInAnyOrder(expected.isBlank() ? new String[0] : expected.split(" "));
  }

  /** What a deleted failed VM adds to its baseline's status; null: nothing to write. */
  @ParameterizedTest(name = "[{index}] kb {0}, records [{1}], add {2} -> [{3}]")
  @CsvSource(
      delimiter = '|',
      value = {
        // a first failure is recorded
        "KB5 | '' | web-1:KB5 | web-1:KB5",
        // recorded already (a retried cleanup): nothing to write
        "KB5 | web-1:KB5 | web-1:KB5 | null",
        // a failure onto a KB the baseline no longer declares spends nothing
        "KB5 | '' | web-1:KB4 | null",
        // a second VM joins; a record onto the old KB is dropped on the way
        "KB5 | web-1:KB4 web-2:KB5 | web-3:KB5 | web-2:KB5 web-3:KB5",
      })
  void recordingAFailure(String kb, String records, String add, String expected) {
    List<DepartedFailure> list = new ArrayList<>();
    for (String r : records.isBlank() ? new String[0] : records.trim().split(" ")) {
      String[] p = r.split(":");
      list.add(failure(p[0], p[1]));
    }
    PatchBaseline b = baseline(kb, list);
    String[] a = add.split(":");
    PatchBaselineStatus next = DepartedFailures.withFailure(b, b.getStatus(), failure(a[0], a[1]));
    if (expected.equals("null")) {
      assertThat(next).isNull();
      return;
    }
    assertThat(next.departedFailures)
        .extracting(f -> f.hotpatchVM + ":" + f.kb)
        .containsExactly(expected.split(" "));
    assertThat(next.departedFailures).allSatisfy(f -> assertThat(f.vmId).startsWith(VM_ID));
  }
}
