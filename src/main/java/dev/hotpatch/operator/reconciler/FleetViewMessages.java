package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.fleet.FleetView;
import dev.hotpatch.operator.policy.GoDuration;
import dev.hotpatch.operator.policy.RebootGate;
import java.time.Duration;
import java.time.Instant;

/** What a VM says while its subscription's view is loading, or too old to decide a reboot on. */
final class FleetViewMessages {
  private FleetViewMessages() {}

  static String loading(FleetView view) {
    // Stable while the list goes on (no page count, no next-attempt time): each change of the
    // message would be one more status write per VM while thousands wait.
    FleetView.Health h = view.health();
    StringBuilder m =
        new StringBuilder("waiting for the first list of subscription ")
            .append(view.subscriptionId());
    if (h.lastError() != null) {
      m.append("; Azure refuses or fails the list pages (the loader backs off and tries again): ")
          .append(h.lastError());
    }
    return m.toString();
  }

  static String stale(FleetView view, Instant now, Duration bound) {
    FleetView.Health h = view.health();
    StringBuilder m =
        new StringBuilder("the view of subscription ")
            .append(view.subscriptionId())
            .append(" was listed ")
            .append(GoDuration.format(Duration.between(h.loadedAt(), now)))
            .append(" ago (at ")
            .append(RebootGate.format(h.loadedAt()))
            .append("), longer than ")
            .append(GoDuration.format(bound))
            .append(": no reboot-capable call until it is listed again");
    if (h.source() != null && !h.source().equals("compute")) {
      m.append(" (listed through ").append(h.source()).append(')');
    }
    if (h.lastError() != null) {
      m.append("; the last list failed: ").append(h.lastError());
    }
    return m.toString();
  }
}
