package dev.hotpatch.operator.reconciler;

import java.time.Duration;
import java.time.Instant;

/**
 * A read this reconcile wanted to send would have gone over the subscription's ARM read budget:
 * nothing was sent, and the VM looks again at its turn. Not an error: status says nothing of it.
 */
final class ReadBudgetExhausted extends RuntimeException {
  private final transient Instant turn;

  ReadBudgetExhausted(Instant turn) {
    super("ARM read budget of the subscription spent until " + turn, null, false, false);
    this.turn = turn;
  }

  /** When the reader may read. */
  Instant turn() {
    return turn;
  }

  /** How long from {@code now} until the turn, at least a millisecond. */
  Duration waitFrom(Instant now) {
    Duration d = Duration.between(now, turn);
    return d.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : d;
  }
}
