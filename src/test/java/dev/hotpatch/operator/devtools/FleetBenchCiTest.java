package dev.hotpatch.operator.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * `bench fleet`, small. Speed is not asserted (that is what the command prints); what must not
 * regress is how the work grows with the fleet: reconciles and writes per VM stay flat from 100 to
 * 400 VMs (no N²), nothing is throttled, the steady state reads little and writes nothing, the wave
 * packs its transitions close to the physical bound, and no reboot falls outside a window.
 */
class FleetBenchCiTest {
  @Test
  void workPerVmStaysFlatAsTheFleetGrows() {
    FleetBench.Report small = new FleetBench(new FleetBench.Config(100, 1, true), s -> {}).run();
    FleetBench.Report large = new FleetBench(new FleetBench.Config(400, 2, false), s -> {}).run();
    for (FleetBench.Report r : new FleetBench.Report[] {small, large}) {
      assertThat(r.throttled()).as("throttled calls at %d VMs", r.vms()).isZero();
      assertThat(r.reconcilesPerVm()).as("reconciles per VM at %d", r.vms()).isLessThan(10);
      assertThat(r.statusWritesPerVm()).as("status writes per VM at %d", r.vms()).isLessThan(10);
      assertThat(r.readsPerVmHour()).as("steady reads per VM-hour at %d", r.vms()).isLessThan(0.5);
      assertThat(r.steadyWrites()).as("writes in a steady hour at %d", r.vms()).isZero();
      assertThat(r.restartThrottled()).as("throttled calls after a restart").isZero();
      assertThat(r.eventsPerVm())
          .as("events per VM onboarded at %d", r.vms())
          .isLessThanOrEqualTo(2);
      assertThat(r.rebootsOutsideWindows()).isZero();
    }
    assertThat(large.reconcilesPerVm())
        .as("per-VM reconciles grow with the fleet: N² work is back")
        .isLessThan(small.reconcilesPerVm() * 1.5);
    assertThat(large.statusWritesPerVm()).isLessThan(small.statusWritesPerVm() * 1.5);
    assertThat(small.waveFinishRatio())
        .as("the wave's finish over its physical bound")
        .isNotNull()
        .isBetween(0.5, 2.0);
    assertThat(small.waveFinishHours()).as("the wave ran").isGreaterThan(0.5);
  }
}
