package dev.hotpatch.operator.reconciler;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps transition starts within Azure's guest patch quota per subscription
 * (Microsoft.Compute/VMGuestPatchOperationSubscriptionMaximum: 200 installPatches in a sliding
 * minute). A wave that opens more slots than that at once was refused thousands of times: each
 * refusal gave the slot back and the next VM was refused in turn. Now a VM whose start would exceed
 * the quota keeps its slot and starts at its turn; a 429 Azure sends anyway (other clients share
 * the quota) holds every start of the subscription back for its Retry-After.
 *
 * <p>Turns are spaced (a generic cell rate: at most {@link #BURST} at once, then one every {@code
 * (WINDOW + LATENESS) / (quota - BURST)}), not handed out 200 at an instant: a start reaches Azure
 * a little after its turn (its read of the VM, a busy thread), and 200 at once followed by 200 the
 * instant the first left the minute made 229 in one minute as Azure counts it. Spaced so, any
 * minute holds at most the quota whatever starts are up to {@link #LATENESS} late; and ARM's write
 * bucket sees ten at a time, not 200.
 */
final class InstallStartPacer {
  /** Azure's quota: installPatches calls a subscription may send in a sliding minute. */
  static final int AZURE_STARTS_PER_MINUTE = 200;

  static final Duration WINDOW = Duration.ofMinutes(1);

  /** Starts that may go at one instant. */
  static final int BURST = 10;

  /** How long after its turn a start may reach Azure with the quota still kept. */
  static final Duration LATENESS = Duration.ofSeconds(5);

  /** A 429 without a usable Retry-After holds starts back this long (and at least this long). */
  static final Duration MIN_HOLD = Duration.ofSeconds(10);

  private final int burst;
  private final Duration spacing;

  /** Per subscription: the turn the next start would have at the steady rate. */
  private final Map<String, Instant> nextAtRate = new HashMap<>();

  private final Map<String, Instant> heldUntil = new HashMap<>();

  /** VMs given a later turn, by namespace/name. */
  private final Map<String, Instant> turns = new HashMap<>();

  InstallStartPacer() {
    this(AZURE_STARTS_PER_MINUTE, BURST, LATENESS);
  }

  InstallStartPacer(int perMinute, int burst, Duration lateness) {
    if (burst < 1 || perMinute <= burst) {
      throw new IllegalArgumentException("a quota of " + perMinute + " with bursts of " + burst);
    }
    this.burst = burst;
    this.spacing = WINDOW.plus(lateness).dividedBy(perMinute - burst);
  }

  /**
   * A start of {@code vm} now. One that may not go is given its own later turn (its place is taken
   * then), so the VMs waiting come back one by one as the quota allows, not all at once.
   *
   * @return empty: go (its place is taken); otherwise the instant of its turn
   */
  synchronized Optional<Instant> tryStart(String subscription, String vm, Instant now) {
    Instant turn = turns.get(vm);
    if (turn != null && !now.isBefore(turn)) {
      turns.remove(vm);
      return Optional.empty(); // its place was taken when the turn was given
    }
    if (turn != null) {
      return Optional.of(turn);
    }
    Instant at = place(subscription.toLowerCase(Locale.ROOT), now);
    if (!at.isAfter(now)) {
      return Optional.empty();
    }
    turns.put(vm, at);
    return Optional.of(at);
  }

  /** Takes the first place at or after {@code earliest}: at the rate, bursts of at most BURST. */
  private Instant place(String key, Instant earliest) {
    Instant held = heldUntil.get(key);
    Instant at = held != null && held.isAfter(earliest) ? held : earliest;
    Instant next = nextAtRate.getOrDefault(key, at);
    Instant allowed = next.minus(spacing.multipliedBy(burst - 1L));
    if (allowed.isAfter(at)) {
      at = allowed;
    }
    nextAtRate.put(key, (next.isAfter(at) ? next : at).plus(spacing));
    return at;
  }

  /**
   * The start {@code vm} was just given (tryStart said go) cannot go before {@code at} after all:
   * its read of the VM must wait for the subscription's read budget. It takes a place at or after
   * {@code at} (the one it had goes unused: a start late by more than {@link #LATENESS} would break
   * the spacing), and the VM is told when.
   *
   * @return the VM's turn
   */
  synchronized Instant postpone(String subscription, String vm, Instant at) {
    Instant turn = place(subscription.toLowerCase(Locale.ROOT), at);
    turns.put(vm, turn);
    return turn;
  }

  /** The VM will not start (deleted, converged, its window closed): its turn goes. */
  synchronized void forget(String vm) {
    turns.remove(vm);
  }

  /** Azure refused a start with 429: nothing of this subscription starts before its Retry-After. */
  synchronized void throttled(String subscription, Instant now, Optional<Duration> retryAfter) {
    Duration hold = retryAfter.filter(d -> d.compareTo(MIN_HOLD) > 0).orElse(MIN_HOLD);
    heldUntil.merge(
        subscription.toLowerCase(Locale.ROOT), now.plus(hold), (a, b) -> a.isAfter(b) ? a : b);
  }

  /**
   * Says in status that the VM waits for its turn under the quota, and how long to wait.
   *
   * @param phase the phase meanwhile (WaitingForWindow for a transition, Installing for hotpatches)
   */
  static Duration sayWaiting(VmWork w, String phase, Instant turn, String message, Instant now) {
    w.status.phase = phase;
    w.condition(Conditions.BASELINE_CONVERGED, false, "AzureQuota", message);
    w.condition(Conditions.READY, false, "AzureQuota", message);
    Duration wait = Duration.between(now, turn);
    return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
  }
}
