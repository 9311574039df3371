package dev.hotpatch.operator.devtools;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.reconciler.Conditions;
import dev.hotpatch.operator.reconciler.Phases;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Plays the hotpatch calendar: commits each month's baselines to the PatchBaselines (as a GitOps
 * commit would) and drives simulated time through maintenance windows until the fleet converges.
 */
public final class CalendarRun {
  /** Phases in which the operator still has work that time will move forward. */
  private static final Set<String> ACTIVE =
      Set.of(Phases.TRANSITIONING, Phases.INSTALLING, Phases.ORCHESTRATING, Phases.WAITING);

  /** Waiting for these never ends by itself: a person has to act. */
  private static final Set<String> HELD = Set.of("RolloutPaused", "FailureBudgetSpent");

  private static final Duration STEP = Duration.ofMinutes(10);

  private final SimulationDriver driver;
  private final KubernetesClient client;
  private final String namespace;
  private final HotpatchCalendar calendar;
  private final List<Consumer<List<HotpatchVM>>> observers = new ArrayList<>();

  public CalendarRun(
      SimulationDriver driver,
      KubernetesClient client,
      String namespace,
      HotpatchCalendar calendar) {
    this.driver = driver;
    this.client = client;
    this.namespace = namespace;
    this.calendar = calendar;
  }

  /** Called with every HotpatchVM after each step, e.g. to check the rollout budget held. */
  public void onStep(Consumer<List<HotpatchVM>> observer) {
    observers.add(observer);
  }

  /**
   * Updates every PatchBaseline of the namespace to what was released by {@code date}; returns the
   * changed names.
   */
  public List<String> commit(LocalDate date) {
    List<String> changed = new ArrayList<>();
    for (PatchBaseline b :
        client.resources(PatchBaseline.class).inNamespace(namespace).list().getItems()) {
      if (calendar.declare(b.getSpec(), date)) {
        client
            .resources(PatchBaseline.class)
            .inNamespace(namespace)
            .withName(b.getMetadata().getName())
            .edit(
                current -> {
                  current.setSpec(b.getSpec());
                  return current;
                });
        changed.add(b.getMetadata().getName());
      }
    }
    return changed;
  }

  /**
   * Plays one month: jump to the commit day, commit, then drive until converged or the month ends.
   */
  public void playMonth(int year, int month) {
    LocalDate day = HotpatchCalendar.commitDay(year, month);
    driver.jumpTo(day.atTime(9, 0).toInstant(ZoneOffset.UTC));
    commit(day);
    LocalDate nextMonth = day.withDayOfMonth(1).plusMonths(1);
    driveUntilConverged(nextMonth.atStartOfDay().toInstant(ZoneOffset.UTC));
  }

  /**
   * Moves time in small steps while operations run, and jumps to the next window while VMs wait for
   * one.
   */
  public void driveUntilConverged(Instant until) {
    driver.settle();
    for (int i = 0; i < 2000 && driver.clock().instant().isBefore(until); i++) {
      List<HotpatchVM> vms = vms();
      observers.forEach(o -> o.accept(vms));
      List<HotpatchVM> active = vms.stream().filter(CalendarRun::active).toList();
      if (active.isEmpty()) {
        return;
      }
      // A VM not reconciled yet has no status: it counts as in flight (look again soon).
      boolean inFlight =
          active.stream()
              .anyMatch(vm -> vm.getStatus() == null || vm.getStatus().pendingOperation != null);
      Instant now = driver.clock().instant();
      Instant nextWindow =
          active.stream()
              .filter(vm -> vm.getStatus() != null)
              .map(vm -> vm.getStatus().nextRebootWindow)
              .filter(w -> w != null)
              .map(Instant::parse)
              .filter(t -> t.isAfter(now))
              .min(Instant::compareTo)
              .orElse(null);
      if (inFlight || nextWindow == null || !nextWindow.isAfter(now.plus(STEP))) {
        driver.advance(STEP);
      } else {
        driver.jumpTo(nextWindow.isBefore(until) ? nextWindow : until);
      }
    }
  }

  public List<HotpatchVM> vms() {
    return client.resources(HotpatchVM.class).inNamespace(namespace).list().getItems();
  }

  private static boolean active(HotpatchVM vm) {
    if (vm.getStatus() == null) {
      return true;
    }
    String reason =
        Conditions.find(vm.getStatus().conditions, Conditions.READY)
            .map(c -> c.getReason())
            .orElse("");
    return ACTIVE.contains(vm.getStatus().phase) && !HELD.contains(reason);
  }
}
