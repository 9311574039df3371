package dev.hotpatch.operator.safety;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Operator defects the fuzzer found, each as its shrunk schedule. Enable a test when its defect is
 * fixed; it then guards the fix.
 */
class FoundDefectsTest {
  /**
   * D1 (seed 1008, shrunk). The pod crashes after writing the transition intent for b/web-1 and
   * before {@code installPatches} is sent. The replacement leads at once, yet for the three weeks
   * after the faults stop b/web-1 stays {@code phase: Transitioning} with a {@code
   * pendingOperation} that has no operation URL (deadline long past), never resolved as "nothing
   * started" and never retried; its Ready condition still says "waiting for maintenance window
   * opening 2026-01-28T23:00Z" (the status the intent write carried forward). The harness visits
   * every window of b/ws2025 meanwhile.
   */
  static final String CRASH_BEFORE_CALL =
      """
      seed 1008
      profile FRIENDLY
      active 7d00h00m
      baseline a/ws2022 os=2022 max=2 budget=1 start=previous windows=Thu+Sat+Mon|11:00|3h|Asia/Tokyo
      baseline b/ws2022 os=2022 max=1 budget=2 start=latest windows=|19:30|2h|America/New_York,Fri+Sun+Tue|18:00|4h|UTC
      baseline b/ws2025 os=2025 max=1 budget=1 start=previous windows=|18:00|2h|America/New_York,Thu|04:30|4h|UTC
      vm a/web-1 os=2022 baseline=ws2022 create=false secret=false
      vm a/web-2 os=2022 baseline=ws2022 create=false secret=false
      vm b/web-1 os=2025 baseline=ws2025 create=false secret=true
      vm b/web-2 os=2022 baseline=ws2022 create=false secret=true
      at 5d03h17m crash - 1:before
      at 6d17h07m unplanned b/ws2025
      """;

  /**
   * Fixed: the replacement pod followed the intent once at start, but a reconcile that began with
   * an install in flight never registered the VM with the fleet view, so no resync or fleet change
   * ever reconciled it again.
   */
  @Test
  void anIntentLeftByACrashBeforeTheCallIsResolved() {
    CheckResult r = new SafetyFuzzer(false).replay(CRASH_BEFORE_CALL);
    assertThat(r.violations()).isEmpty();
  }
}
