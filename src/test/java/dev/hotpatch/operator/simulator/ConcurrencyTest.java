package dev.hotpatch.operator.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many SDK clients at once: every request answered, logged once, state consistent. */
class ConcurrencyTest {
  @Test
  void parallelReadsAndPatchOperations() throws Exception {
    MutableClock clock = MutableClock.at("2025-02-20T10:00:00Z");
    try (ArmSimulator sim =
        ArmSimulator.builder()
            .clock(clock)
            .fleet(FleetSeed.fromYaml(SimulatorSdkTest.FLEET))
            .catalog(ReleaseCatalog.generate(2025))
            .start()) {
      var vms = Sdk.vms(sim, SimulatorSdkTest.SUB);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          int n = i;
          futures.add(
              pool.submit(() -> vms.getByResourceGroup("rg-app", "app-" + (n % 5 + 1)).name()));
          futures.add(
              pool.submit(
                  () ->
                      vms.list("true", null, null, com.azure.core.util.Context.NONE).stream()
                          .count()));
        }
        for (int i = 1; i <= 5; i++) {
          int n = i;
          futures.add(pool.submit(() -> vms.beginAssessPatches("rg-app", "app-" + n)));
        }
        for (Future<?> f : futures) {
          f.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(sim.requestLog())
          .hasSize(40 + 40 + 5)
          .allSatisfy(r -> assertThat(r.status()).isIn(200, 202));
      assertThat(sim.requestCountsByKind()).containsEntry("POST assessPatches", 5L);
    }
  }
}
