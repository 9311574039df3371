package dev.hotpatch.operator.azure;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * One subscription's VM list, read a page at a time so that the caller paces the pages (a whole
 * subscription at once would be 2 × ⌈N/50⌉ requests in a burst).
 */
public interface VmListing {
  /** Every page has been read: {@link #result()} is complete. */
  boolean done();

  /**
   * Reads the next page. On an {@link AzureException} nothing advances: calling again asks for the
   * same page.
   *
   * @return the requests Azure says are left in its current throttling window, when it says
   */
  OptionalInt fetchNext();

  /** Pages read so far. */
  int pages();

  /** The VMs, joined from the run-time and the model lists; only once {@link #done()}. */
  List<VmSnapshot> result();

  /** Where the list came from, for status, logs and metrics: "compute", "resource-graph", ... */
  default String source() {
    return FleetSource.COMPUTE.label();
  }

  /**
   * How far behind Azure's state the rows may be, at most as far as the operator assumes: zero for
   * Compute (each page is read live), Resource Graph's indexing lag for its rows.
   */
  default Duration lag() {
    return Duration.ZERO;
  }

  /**
   * One read covers a thousand VMs (Resource Graph), so the list is repeated as often when the
   * subscription is quiet as while something is in flight; Compute's 50-VM pages are not.
   */
  default boolean cheapToRepeat() {
    return false;
  }

  /** How often the quota that {@link #fetchNext()} reports refills: a minute for Compute. */
  default Duration quotaWindow() {
    return Duration.ofMinutes(1);
  }
}
