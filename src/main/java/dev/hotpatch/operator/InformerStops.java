package dev.hotpatch.operator;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.api.config.InformerStoppedHandler;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An informer that had synced and then stopped with an error: the API server ended its watch for
 * good, and that controller sees no more changes. JOSDK's own handler calls {@code System.exit(1)}
 * from the informer's thread, which is right for the pod (the Deployment starts a new one) and
 * wrong for anything sharing the JVM (a test suite, the benchmark, the demo). Here the first stop
 * is recorded and logged with its cause, then handed to a reaction: {@code run} exits the process
 * as JOSDK did; embedded operators only record it, and their owner decides.
 */
public final class InformerStops implements InformerStoppedHandler {
  private static final Logger LOG = LoggerFactory.getLogger(InformerStops.class);

  /** The reaction of a pod: exit, so Kubernetes starts a fresh one with fresh watches. */
  public static final Consumer<String> EXIT_THE_PROCESS =
      cause -> {
        LOG.error("exiting so that Kubernetes restarts the operator: {}", cause);
        System.exit(1);
      };

  private final BooleanSupplier closing;
  private final Consumer<String> reaction;
  private final AtomicReference<String> first = new AtomicReference<>();

  InformerStops(BooleanSupplier closing, Consumer<String> reaction) {
    this.closing = closing;
    this.reaction = reaction;
  }

  @Override
  public void onStop(SharedIndexInformer informer, Throwable ex) {
    // A stop without an error is a graceful close; one before the first sync fails the start.
    if (ex == null || !informer.hasSynced() || closing.getAsBoolean()) {
      return;
    }
    String cause =
        "the informer of "
            + informer.getApiTypeClass().getSimpleName()
            + " stopped: "
            + rootCause(ex);
    first.compareAndSet(null, cause);
    LOG.error("{}; this controller sees no more changes", cause, ex);
    reaction.accept(cause);
  }

  /** The first informer stop with its cause, if one happened. */
  public Optional<String> first() {
    return Optional.ofNullable(first.get());
  }

  static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = String.valueOf(t.getMessage());
    return t.getClass().getSimpleName() + ": " + (m.length() > 300 ? m.substring(0, 300) : m);
  }
}
