package dev.hotpatch.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.api.HotpatchVM;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * JOSDK's own handler exits the JVM when a synced informer stops: in the test suite that killed the
 * surefire fork in the middle of another test. Ours records the stop and hands it to a reaction
 * (run's exits; an embedded operator's only records).
 */
class InformerStopsTest {
  private final List<String> reactions = new ArrayList<>();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final InformerStops stops = new InformerStops(closing::get, reactions::add);

  @Test
  void aSyncedInformerStoppingWithAnErrorIsRecordedWithItsCauseAndReactedToOnce() {
    stops.onStop(informer(true), watchError("too many requests"));

    assertThat(stops.first())
        .hasValueSatisfying(
            c ->
                assertThat(c)
                    .contains("HotpatchVM")
                    .contains("KubernetesClientException")
                    .contains("too many requests"));
    assertThat(reactions).hasSize(1);

    stops.onStop(informer(true), watchError("a second one"));
    assertThat(stops.first()).hasValueSatisfying(c -> assertThat(c).contains("too many"));
    assertThat(reactions).as("each stop is reacted to").hasSize(2);
  }

  @Test
  void aGracefulStopAStopBeforeTheFirstSyncAndAStopWhileClosingAreNotFailures() {
    stops.onStop(informer(true), null);
    stops.onStop(informer(false), watchError("cannot list"));
    closing.set(true);
    stops.onStop(informer(true), watchError("the server is going away"));

    assertThat(stops.first()).isEmpty();
    assertThat(reactions).isEmpty();
  }

  private static WatcherException watchError(String message) {
    return new WatcherException(message, new KubernetesClientException(message));
  }

  /** Fabric8's informer interface, answering only what the handler asks. */
  @SuppressWarnings("unchecked")
  private static SharedIndexInformer<HotpatchVM> informer(boolean synced) {
    return (SharedIndexInformer<HotpatchVM>)
        Proxy.newProxyInstance(
            InformerStopsTest.class.getClassLoader(),
            new Class<?>[] {SharedIndexInformer.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "hasSynced" -> synced;
                  case "getApiTypeClass" -> HotpatchVM.class;
                  case "toString" -> "informer";
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
