package dev.hotpatch.operator.reconciler;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Growing pauses between create attempts that Azure refused: poll interval, doubled each time,
 * capped.
 */
final class CreateBackoff {
  private static final int MAX_DOUBLINGS = 10;
  private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

  Duration next(String uid, OperatorSettings settings) {
    int n = attempts.merge(uid, 1, Integer::sum);
    Duration d = settings.pollInterval().multipliedBy(1L << Math.min(n, MAX_DOUBLINGS));
    return d.compareTo(settings.blockedInterval()) > 0 ? settings.blockedInterval() : d;
  }

  void reset(String uid) {
    attempts.remove(uid);
  }
}
