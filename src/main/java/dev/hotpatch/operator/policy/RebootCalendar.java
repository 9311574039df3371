package dev.hotpatch.operator.policy;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.HotpatchVMStatus;
import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.api.Rollout;
import dev.hotpatch.operator.policy.ExpectedReboot.Cause;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A calendar of the reboots each HotpatchVM can expect in the months ahead, from the declared
 * PatchBaselines and HotpatchVMs (their status where known) and Microsoft's planned-baseline
 * calendar. Pure: no I/O, no clock; the reconciler does not use it.
 *
 * <p>The model:
 *
 * <ul>
 *   <li>Only a baseline transition reboots a VM. The operator starts one when the VM's build is
 *       older than its PatchBaseline's, so a VM gets one reboot now if it is behind its baseline
 *       (its {@code status.nextReboot}, else the first window slot from the start), and one for
 *       each planned baseline (second Tuesday of January, April, July, October) whose commit falls
 *       in the months ahead and which is newer than the PatchBaseline's {@code released} day.
 *   <li>The operator only acts once the PatchBaseline is moved onto the new baseline. The calendar
 *       assumes the platform team commits each planned baseline on its release day, {@link
 *       Assumptions#commitLagDays()} days later, at {@link Assumptions#commitTimeUtc()} UTC (about
 *       when Microsoft publishes). Unplanned baselines cannot be foreseen and are left out.
 *   <li>A transition starts in a maintenance window with at least {@link
 *       Assumptions#transitionNeeds()} of it left (the reboot gate's rule, {@link
 *       RolloutDefaults#TRANSITION_NEEDS}) and is assumed to take that long. Each open period, from
 *       the commit on, is cut into rows of that length, as many as start with that much left; each
 *       row takes maxUnavailable VMs (a percentage of the VMs naming the baseline, as the gate
 *       counts). The VMs of one baseline take the slots in namespace/name order, so later VMs slip
 *       to later rows and later windows. (The operator itself serves waiting VMs first come, first
 *       served; the order here is a stable stand-in.) A transition running at the start holds a
 *       place in the first row when a window is open then, and is listed whatever else holds
 *       (pause, suspend): the operator follows it to its end.
 *   <li>Each wave's transitions end before the next planned baseline's commit (so two waves never
 *       share a slot); a VM not placed by then moves onto the newer baseline directly and reboots
 *       once, in the later wave. Transitions that would not end before the forecast's end are not
 *       listed.
 *   <li>No reboot is forecast, with a note saying why, for a paused rollout, a baseline without
 *       windows, an invalid or missing baseline, a suspended, ineligible, blocked, invalid, missing
 *       or deleted VM, a VM of another OS than its baseline, and (for the transition due now only)
 *       a spent failure budget or a transition that already failed on the VM: a new baseline starts
 *       a budget afresh and retries the VM.
 * </ul>
 */
public final class RebootCalendar {
  /** Phases in which the operator starts no transition (reconciler/Phases names them). */
  static final Set<String> LEFT_ALONE = Set.of("Invalid", "Ineligible", "Blocked", "NotFound");

  /** The pending operation's kind while a baseline transition runs (reconciler/TransitionStep). */
  static final String TRANSITION_KIND = "BaselineTransition";

  private static final DateTimeFormatter WINDOW_START =
      DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);

  private RebootCalendar() {}

  /**
   * What the forecast takes for granted.
   *
   * @param commitLagDays days between a planned baseline's release and its commit to Git
   * @param commitTimeUtc the time of day (UTC) of the commit
   * @param transitionNeeds how much of a window a transition needs left, and how long it takes
   */
  public record Assumptions(int commitLagDays, LocalTime commitTimeUtc, Duration transitionNeeds) {
    public Assumptions {
      if (commitLagDays < 0) {
        throw new IllegalArgumentException("commit lag must be 0 or more days: " + commitLagDays);
      }
      if (transitionNeeds.isZero() || transitionNeeds.isNegative()) {
        throw new IllegalArgumentException("a transition needs time: " + transitionNeeds);
      }
    }

    /** Committed on the release day at 18:00 UTC; a transition needs what the gate asks. */
    public static Assumptions defaults() {
      return new Assumptions(0, LocalTime.of(18, 0), RolloutDefaults.TRANSITION_NEEDS);
    }

    public Assumptions withCommitLagDays(int days) {
      return new Assumptions(days, commitTimeUtc, transitionNeeds);
    }

    /** When the PatchBaselines are assumed to be moved onto a baseline released that day. */
    public Instant commitOf(LocalDate released) {
      return released.plusDays(commitLagDays).atTime(commitTimeUtc).toInstant(ZoneOffset.UTC);
    }

    /** The assumptions as sentences, for the forecast's readers. */
    public List<String> describe() {
      String when =
          commitLagDays == 0
              ? "on its release day"
              : commitLagDays + " day" + (commitLagDays == 1 ? "" : "s") + " after its release";
      return List.of(
          "Each planned baseline (second Tuesday of January, April, July and October) is"
              + " committed to every PatchBaseline "
              + when
              + ", at "
              + commitTimeUtc
              + " UTC; unplanned baselines cannot be foreseen and are not forecast.",
          "A transition starts with at least "
              + GoDuration.format(transitionNeeds)
              + " of a maintenance window left and takes that long: each window is cut into slots"
              + " of that length, each taking maxUnavailable VMs, filled in namespace/name order.");
    }
  }

  /** The calendar of every VM, by namespace/name, from {@code from} to {@code until}. */
  public record Forecast(
      Instant from, Instant until, int months, Assumptions assumptions, List<VmCalendar> vms) {
    public Forecast {
      vms = List.copyOf(vms);
    }
  }

  /**
   * @param baselines the PatchBaselines, any namespaces
   * @param vms the HotpatchVMs, any namespaces; status may be null (manifests from Git)
   * @param from the forecast's start
   * @param months how many months ahead (calendar months, in UTC)
   */
  public static Forecast forecast(
      List<PatchBaseline> baselines,
      List<HotpatchVM> vms,
      Instant from,
      int months,
      Assumptions assumptions) {
    if (months < 0) {
      throw new IllegalArgumentException("months must be 0 or more: " + months);
    }
    Instant until = from.atZone(ZoneOffset.UTC).plusMonths(months).toInstant();
    Map<String, PatchBaseline> byKey = new LinkedHashMap<>();
    baselines.forEach(b -> byKey.put(key(b.getMetadata().getNamespace(), b), b));
    List<Entry> entries =
        vms.stream()
            .map(Entry::new)
            .sorted(Comparator.comparing(Entry::namespace).thenComparing(Entry::name))
            .toList();
    Map<String, List<Entry>> members = new LinkedHashMap<>();
    for (Entry e : entries) {
      if (e.baseline != null) {
        members.computeIfAbsent(e.namespace() + "/" + e.baseline, k -> new ArrayList<>()).add(e);
      }
    }
    for (Entry e : entries) {
      PatchBaseline baseline =
          e.baseline == null ? null : byKey.get(e.namespace() + "/" + e.baseline);
      // The operator follows a transition in flight whatever else holds (pause, suspend, edits).
      inFlight(e, baseline, from).ifPresent(e.reboots::add);
      whyLeftOut(e, baseline).ifPresent(e.notes::add);
    }
    members.forEach(
        (key, group) -> {
          PatchBaseline baseline = byKey.get(key);
          List<Entry> eligible = group.stream().filter(e -> e.notes.isEmpty()).toList();
          if (baseline != null && !eligible.isEmpty()) {
            new BaselinePlan(baseline, group.size(), eligible, from, until, assumptions).run();
          }
        });
    for (Entry e : entries) {
      if (e.reboots.isEmpty() && e.notes.isEmpty()) {
        e.notes.add(
            "not behind its baseline"
                + (e.vm.getStatus() == null ? " (no status: assumed on it)" : "")
                + ", and no planned baseline is committed before "
                + RebootGate.format(until));
      }
    }
    return new Forecast(
        from, until, months, assumptions, entries.stream().map(Entry::done).toList());
  }

  /**
   * The transition running on the VM now, if one is: it may reboot the VM at any moment. Started
   * when its intent was recorded, else at its status.nextReboot, else (unknown) now.
   */
  private static Optional<ExpectedReboot> inFlight(Entry e, PatchBaseline baseline, Instant from) {
    if (!inFlight(e.vm)) {
      return Optional.empty();
    }
    HotpatchVMStatus.PendingOperation op = e.vm.getStatus().pendingOperation;
    String kb = op.targetBaseline != null ? op.targetBaseline : "the declared baseline";
    Instant started = instant(op.started).or(() -> nextReboot(e.vm)).orElse(from);
    MaintenanceSchedule schedule = scheduleOf(baseline);
    Optional<Interval> window = schedule.windowAt(started);
    return Optional.of(
        new ExpectedReboot(
            Cause.IN_FLIGHT,
            kb,
            null,
            null,
            started,
            window.orElse(null),
            window.map(w -> windowLabel(schedule, w)).orElse(""),
            0,
            0,
            "transition to baseline " + kb + " in flight since " + RebootGate.format(started)));
  }

  /** The baseline's windows, or none when it is missing or they do not parse. */
  private static MaintenanceSchedule scheduleOf(PatchBaseline baseline) {
    if (baseline == null || baseline.getSpec() == null || baseline.getSpec().rollout == null) {
      return MaintenanceSchedule.never();
    }
    try {
      return MaintenanceSchedule.of(baseline.getSpec().rollout.maintenanceWindows);
    } catch (IllegalArgumentException e) {
      return MaintenanceSchedule.never();
    }
  }

  /** Why the operator would start no transition on this VM at all, if it would not. */
  private static Optional<String> whyLeftOut(Entry e, PatchBaseline baseline) {
    HotpatchVM vm = e.vm;
    List<String> problems = SpecValidator.validate(vm.getSpec());
    if (!problems.isEmpty()) {
      return Optional.of(
          "spec is invalid (" + String.join("; ", problems) + "): the operator does not act on it");
    }
    if (vm.getMetadata().getDeletionTimestamp() != null) {
      return Optional.of("being deleted: no transition starts");
    }
    if (vm.getSpec().suspend) {
      return Optional.of(
          "spec.suspend is true: the operator only observes it, no transition starts");
    }
    HotpatchVMStatus status = vm.getStatus();
    if (status != null && status.phase != null && LEFT_ALONE.contains(status.phase)) {
      return Optional.of(
          "phase "
              + status.phase
              + ready(status).map(r -> " (" + r + ")").orElse("")
              + ": the operator starts no transition on it");
    }
    String name = e.namespace() + "/" + e.baseline;
    if (baseline == null) {
      return Optional.of("PatchBaseline " + name + " not found: nothing moves it until it exists");
    }
    List<String> invalid = SpecValidator.validate(baseline.getSpec());
    if (!invalid.isEmpty()) {
      return Optional.of(
          "PatchBaseline "
              + name
              + " is invalid ("
              + String.join("; ", invalid)
              + "): its VMs are not touched");
    }
    Optional<OsBuild> build = currentBuild(vm);
    OsBuild declared = OsBuild.parse(baseline.getSpec().build);
    if (build.isPresent() && !build.get().sameFamilyAs(declared)) {
      return Optional.of(
          "OS build "
              + build.get()
              + " is not the OS of PatchBaseline "
              + name
              + " ("
              + baseline.getSpec().os
              + "): no transition can change the OS");
    }
    return Optional.empty();
  }

  /**
   * The transitions one baseline's VMs can expect: the one due now, then one per planned baseline.
   */
  private static final class BaselinePlan {
    private final PatchBaseline baseline;
    private final String name;
    private final Rollout rollout;
    private final MaintenanceSchedule schedule;
    private final int maxUnavailable;
    private final List<Entry> vms;
    private final Instant from;
    private final Instant until;
    private final Assumptions assumptions;

    BaselinePlan(
        PatchBaseline baseline,
        int targeted,
        List<Entry> vms,
        Instant from,
        Instant until,
        Assumptions assumptions) {
      this.baseline = baseline;
      this.name = baseline.getMetadata().getName();
      this.rollout =
          baseline.getSpec().rollout == null ? new Rollout() : baseline.getSpec().rollout;
      this.schedule = MaintenanceSchedule.of(rollout.maintenanceWindows);
      this.maxUnavailable =
          RolloutBudget.maxUnavailable(rollout.maxUnavailable, Math.max(1, targeted));
      this.vms = vms;
      this.from = from;
      this.until = until;
      this.assumptions = assumptions;
    }

    void run() {
      if (rollout.paused) {
        noteAll(
            "the rollout of PatchBaseline "
                + name
                + " is paused (spec.rollout.paused): no transition starts until it is resumed, so"
                + " none is forecast");
        return;
      }
      if (schedule.isEmpty()) {
        noteAll("PatchBaseline " + name + " has no maintenance windows: the rollout never reboots");
        return;
      }
      List<LocalDate> planned = plannedReleases();
      List<Instant> commits = planned.stream().map(assumptions::commitOf).toList();
      dueNow(commits.isEmpty() ? until : commits.get(0), planned);
      for (int i = 0; i < planned.size(); i++) {
        Instant end = i + 1 < commits.size() ? commits.get(i + 1) : until;
        plannedWave(planned.get(i), commits.get(i), end);
      }
    }

    /** Planned baselines committed in [from, until) and newer than the declared one. */
    private List<LocalDate> plannedReleases() {
      Optional<LocalDate> declared = date(baseline.getSpec().released);
      LocalDate first =
          from.atZone(ZoneOffset.UTC).toLocalDate().minusDays(assumptions.commitLagDays() + 1L);
      LocalDate last = until.atZone(ZoneOffset.UTC).toLocalDate();
      return PlannedBaselines.releasedBetween(first, last).stream()
          .filter(d -> declared.map(d::isAfter).orElse(true))
          .filter(
              d -> {
                Instant commit = assumptions.commitOf(d);
                return !commit.isBefore(from) && commit.isBefore(until);
              })
          .toList();
    }

    /** The transition due now, for VMs behind the declared baseline, placed before {@code end}. */
    private void dueNow(Instant end, List<LocalDate> planned) {
      String kb = baseline.getSpec().kb;
      OsBuild declared = OsBuild.parse(baseline.getSpec().build);
      java.util.Set<String> failedVms =
          vms.stream()
              .filter(e -> e.vm.getStatus() != null && kb.equals(e.vm.getStatus().failedTransition))
              .map(e -> e.vm.getMetadata().getNamespace() + "/" + e.vm.getMetadata().getName())
              .collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
      failedVms.addAll(DepartedFailures.keys(baseline)); // as the gate counts them
      int failed = failedVms.size();
      int budget = RolloutDefaults.failureBudget(rollout);
      boolean budgetSpent = RolloutDefaults.budgetSpent(failed, budget);
      WindowSlots slots =
          new WindowSlots(schedule, maxUnavailable, assumptions.transitionNeeds(), from, end);
      // A transition running now holds its rollout slot (its reboot is listed by inFlight()).
      vms.stream().filter(e -> inFlight(e.vm)).forEach(e -> slots.occupyFirstRowIfOpenNow());
      for (Entry e : vms) {
        boolean behind =
            !inFlight(e.vm) && currentBuild(e.vm).filter(b -> b.isOlderThan(declared)).isPresent();
        if (!behind) {
          continue;
        }
        if (kb.equals(e.vm.getStatus().failedTransition)) {
          e.notes.add("the transition to baseline " + kb + " failed on this VM and is not retried");
          continue;
        }
        if (budgetSpent) {
          e.notes.add(
              "behind baseline "
                  + kb
                  + ", but the rollout's failure budget is spent ("
                  + failed
                  + " failed, budget "
                  + budget
                  + "): it waits for a person");
          continue;
        }
        Optional<Instant> told = nextReboot(e.vm);
        Instant earliest = told.filter(t -> t.isAfter(from)).orElse(from);
        Optional<WindowSlots.Slot> slot = slots.take(earliest);
        if (slot.isEmpty()) {
          e.notes.add(
              "behind baseline "
                  + kb
                  + ", with no free window slot before "
                  + RebootGate.format(end)
                  + (planned.isEmpty()
                      ? ""
                      : ": it moves onto the " + label(planned.get(0)) + " directly"));
          continue;
        }
        String why =
            "behind baseline "
                + kb
                + " now"
                + told.map(t -> " (status.nextReboot " + RebootGate.format(t) + ")").orElse("");
        e.reboots.add(reboot(Cause.BEHIND_BASELINE, kb, null, null, slot.get(), why));
      }
    }

    /** Every VM moves onto a planned baseline once its commit declares it. */
    private void plannedWave(LocalDate released, Instant commit, Instant end) {
      WindowSlots slots =
          new WindowSlots(schedule, maxUnavailable, assumptions.transitionNeeds(), commit, end);
      String onto = label(released);
      for (Entry e : vms) {
        Optional<WindowSlots.Slot> slot = slots.take(commit);
        if (slot.isEmpty()) {
          e.notes.add(
              "the "
                  + onto
                  + " (commit "
                  + released.plusDays(assumptions.commitLagDays())
                  + ") finds no free window slot before "
                  + RebootGate.format(end)
                  + (end.equals(until)
                      ? ", the end of the forecast"
                      : ", when the next one is committed"));
          continue;
        }
        String why = onto + " (commit " + released.plusDays(assumptions.commitLagDays()) + ")";
        e.reboots.add(reboot(Cause.PLANNED_BASELINE, onto, released, commit, slot.get(), why));
      }
    }

    private ExpectedReboot reboot(
        Cause cause,
        String onto,
        LocalDate released,
        Instant committed,
        WindowSlots.Slot slot,
        String why) {
      String window = windowLabel(schedule, slot.window());
      return new ExpectedReboot(
          cause,
          onto,
          released,
          committed,
          slot.at(),
          slot.window(),
          window,
          slot.number(),
          slot.ofWindow(),
          why + ", window " + window + ", slot " + slot.number() + " of " + slot.ofWindow());
    }

    private void noteAll(String note) {
      vms.forEach(e -> e.notes.add(note));
    }
  }

  /** "2027-01 planned baseline". */
  static String label(LocalDate released) {
    return YearMonth.from(released) + " planned baseline";
  }

  /**
   * The window's local start in the zone of the window rule that opens it: "Sat 22:00
   * Europe/Berlin".
   */
  static String windowLabel(MaintenanceSchedule schedule, Interval window) {
    ZoneId zone = schedule.rules().isEmpty() ? ZoneOffset.UTC : schedule.rules().get(0).zone();
    for (WindowRule rule : schedule.rules()) {
      Optional<Interval> opened = rule.occurrenceOn(rule.localDate(window.start()));
      if (opened.isPresent() && opened.get().start().equals(window.start())) {
        zone = rule.zone();
        break;
      }
    }
    return WINDOW_START.format(window.start().atZone(zone)) + " " + zone.getId();
  }

  static Optional<OsBuild> currentBuild(HotpatchVM vm) {
    return vm.getStatus() == null ? Optional.empty() : OsBuild.tryParse(vm.getStatus().osBuild);
  }

  static boolean inFlight(HotpatchVM vm) {
    HotpatchVMStatus s = vm.getStatus();
    return s != null
        && s.pendingOperation != null
        && TRANSITION_KIND.equals(s.pendingOperation.kind);
  }

  private static Optional<Instant> nextReboot(HotpatchVM vm) {
    return vm.getStatus() == null ? Optional.empty() : instant(vm.getStatus().nextReboot);
  }

  private static Optional<String> ready(HotpatchVMStatus status) {
    if (status.conditions == null) {
      return Optional.empty();
    }
    return status.conditions.stream()
        .filter(c -> "Ready".equals(c.getType()))
        .findFirst()
        .map(RebootCalendar::describe);
  }

  /** "Reason: the message's first clause": the whole message is in the VM's Ready condition. */
  private static String describe(Condition c) {
    String message = c.getMessage() == null ? "" : c.getMessage().strip();
    int clause = message.indexOf("; ");
    String first = clause < 0 ? message : message.substring(0, clause);
    return c.getReason() + (first.isEmpty() ? "" : ": " + first);
  }

  private static Optional<Instant> instant(String text) {
    try {
      return text == null || text.isBlank() ? Optional.empty() : Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<LocalDate> date(String text) {
    try {
      return text == null || text.isBlank() ? Optional.empty() : Optional.of(LocalDate.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String key(String namespace, PatchBaseline b) {
    return (namespace == null ? "" : namespace) + "/" + b.getMetadata().getName();
  }

  /** One VM's calendar while it is being made. */
  private static final class Entry {
    final HotpatchVM vm;
    final String baseline;
    final List<ExpectedReboot> reboots = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    Entry(HotpatchVM vm) {
      this.vm = vm;
      this.baseline =
          vm.getSpec() == null || vm.getSpec().baselineRef == null
              ? null
              : vm.getSpec().baselineRef.name;
    }

    String namespace() {
      String ns = vm.getMetadata().getNamespace();
      return ns == null ? "" : ns;
    }

    String name() {
      return vm.getMetadata().getName();
    }

    VmCalendar done() {
      List<ExpectedReboot> ordered =
          reboots.stream().sorted(Comparator.comparing(ExpectedReboot::at)).toList();
      return new VmCalendar(namespace(), name(), baseline, ordered, notes);
    }
  }
}
