package dev.hotpatch.operator.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Resource Graph's copy of the VMs: ARM's state as it was {@code lag} ago. Resource Graph is an
 * index ARM feeds asynchronously (most changes in under 30 s, sometimes far longer), so a query
 * does not show a write made just before it. The index takes a picture of every VM each {@code
 * every} of simulated time once the first query came (a simulator nobody queries pays nothing) and
 * answers from the newest picture at least {@code lag} old. Guarded by the simulator lock.
 */
final class ResourceGraphIndex {
  private static final Comparator<ObjectNode> BY_ID =
      Comparator.comparing(r -> r.get("id").asText().toLowerCase(Locale.ROOT));

  private record Picture(Instant at, List<ObjectNode> rows) {}

  private final Duration lag;
  private final Duration every;
  private final ArrayDeque<Picture> pictures = new ArrayDeque<>();
  private boolean queried;

  ResourceGraphIndex(Duration lag, Duration every) {
    this.lag = lag;
    this.every = every;
  }

  Duration lag() {
    return lag;
  }

  /** Called as ARM's state catches up with the clock: takes a picture when one is due. */
  void observe(SimContext ctx, Instant now) {
    if (!queried || lag.isZero()) {
      return;
    }
    Picture last = pictures.peekLast();
    if (last == null || !now.isBefore(last.at().plus(every))) {
      pictures.addLast(new Picture(now, render(ctx)));
    }
    Instant cutoff = now.minus(lag);
    while (pictures.size() > 1) {
      Iterator<Picture> oldest = pictures.iterator();
      oldest.next();
      if (oldest.next().at().isAfter(cutoff)) {
        break;
      }
      pictures.removeFirst(); // a newer picture is old enough: this one is never shown again
    }
  }

  /** The rows a query sees at {@code now}, ordered by id. */
  List<ObjectNode> visible(SimContext ctx, Instant now) {
    if (lag.isZero()) {
      return render(ctx);
    }
    if (!queried) {
      queried = true; // the VMs existed unchanged until now, as far as the index can tell
      observe(ctx, now);
    }
    Instant cutoff = now.minus(lag);
    Picture shown = pictures.peekFirst();
    for (Picture p : pictures) {
      if (p.at().isAfter(cutoff)) {
        break;
      }
      shown = p;
    }
    return shown.rows();
  }

  private static List<ObjectNode> render(SimContext ctx) {
    List<ObjectNode> rows = new ArrayList<>();
    for (SimulatedVm vm : ctx.vms.all()) {
      rows.add(ResourceGraphRowJson.row(ctx, vm));
    }
    rows.sort(BY_ID);
    return List.copyOf(rows);
  }
}
