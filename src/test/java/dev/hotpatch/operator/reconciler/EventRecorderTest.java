package dev.hotpatch.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hotpatch.operator.devtools.Cluster;
import dev.hotpatch.operator.devtools.LocalKubernetes;
import dev.hotpatch.operator.devtools.SimulatedClock;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Events are aggregated as Kubernetes' own recorder does: one object per (object, type, reason)
 * under a stable name, its count and lastTimestamp moved on each repeat.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventRecorderTest {
  private static final String DNS_SUBDOMAIN =
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  private Cluster kube;
  private String ns;
  private SimulatedClock clock;
  private EventRecorder recorder;

  /** Fabric8's mock API server; {@link RealServerEventsTest} a real one. */
  protected Cluster startCluster() {
    return LocalKubernetes.start();
  }

  @BeforeAll
  void startTheCluster() {
    kube = startCluster();
  }

  @AfterAll
  void stop() throws Exception {
    kube.close();
  }

  @BeforeEach
  void start() {
    ns = "events-" + NAMESPACES.incrementAndGet();
    kube.client()
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
    clock = new SimulatedClock(Instant.parse("2025-03-01T10:00:00Z"));
    recorder = new EventRecorder(kube.client(), clock);
  }

  /** Events are about any object; a ConfigMap takes the longest names a cluster allows. */
  private ConfigMap object(String name) {
    return kube.client()
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .endMetadata()
                .build())
        .create();
  }

  private List<Event> events() {
    return kube.client().v1().events().inNamespace(ns).list().getItems();
  }

  @Test
  void theSameReasonFiveTimesIsOneEventCountedFive() {
    ConfigMap web = object("web-1");
    for (int i = 1; i <= 5; i++) {
      recorder.warning(web, "AzureError", "Azure answered 503, attempt " + i);
      clock.advance(Duration.ofMinutes(1));
    }
    List<Event> events = events();
    assertThat(events).hasSize(1);
    Event e = events.get(0);
    assertThat(e.getCount()).isEqualTo(5);
    assertThat(e.getType()).isEqualTo("Warning");
    assertThat(e.getReason()).isEqualTo("AzureError");
    assertThat(e.getMessage()).isEqualTo("Azure answered 503, attempt 5");
    assertThat(Instant.parse(e.getFirstTimestamp())).isEqualTo("2025-03-01T10:00:00Z");
    assertThat(Instant.parse(e.getLastTimestamp())).isEqualTo("2025-03-01T10:04:00Z");
    assertThat(e.getInvolvedObject().getName()).isEqualTo("web-1");
    assertThat(e.getInvolvedObject().getUid()).isEqualTo(web.getMetadata().getUid());
    assertThat(e.getSource().getComponent()).isEqualTo("hotpatch-operator");
    assertThat(e.getReportingComponent()).isEqualTo("hotpatch-operator");
  }

  @Test
  void differentReasonsTypesAndObjectsHaveDifferentNames() {
    ConfigMap web = object("web-1");
    ConfigMap api = object("api-1");
    recorder.normal(web, "Converged", "on baseline");
    recorder.warning(web, "AzureError", "503");
    recorder.normal(web, "AzureError", "same reason, other type");
    recorder.normal(api, "Converged", "on baseline");
    recorder.normal(web, "Converged", "again");
    List<Event> events = events();
    assertThat(events).hasSize(4);
    assertThat(events.stream().map(e -> e.getMetadata().getName()).distinct()).hasSize(4);
    assertThat(events)
        .filteredOn(
            e ->
                e.getInvolvedObject().getName().equals("web-1")
                    && e.getReason().equals("Converged"))
        .singleElement()
        .satisfies(e -> assertThat(e.getCount()).isEqualTo(2));
    assertThat(events)
        .allSatisfy(e -> assertThat(e.getMetadata().getName()).matches(DNS_SUBDOMAIN));
    assertThat(events)
        .allSatisfy(
            e ->
                assertThat(e.getMetadata().getName())
                    .startsWith(e.getInvolvedObject().getName() + "."));
  }

  @Test
  void anEventDeletedMeanwhileIsCreatedAgainCountedOne() {
    ConfigMap web = object("web-1");
    recorder.warning(web, "AzureError", "first");
    recorder.warning(web, "AzureError", "second");
    String name = events().get(0).getMetadata().getName();
    // Kubernetes deletes events after an hour (--event-ttl).
    kube.client().v1().events().inNamespace(ns).withName(name).delete();
    assertThat(events()).isEmpty();
    clock.advance(Duration.ofHours(2));
    recorder.warning(web, "AzureError", "third");
    List<Event> events = events();
    assertThat(events).hasSize(1);
    Event e = events.get(0);
    assertThat(e.getMetadata().getName()).isEqualTo(name);
    assertThat(e.getCount()).isEqualTo(1);
    assertThat(e.getMessage()).isEqualTo("third");
    assertThat(Instant.parse(e.getFirstTimestamp())).isEqualTo("2025-03-01T12:00:00Z");
    recorder.warning(web, "AzureError", "fourth");
    assertThat(events()).singleElement().satisfies(x -> assertThat(x.getCount()).isEqualTo(2));
  }

  @Test
  void anEventAnotherReplicaMadeCountsOnFromIt() {
    ConfigMap web = object("web-1");
    EventRecorder otherReplica = new EventRecorder(kube.client(), clock);
    otherReplica.normal(web, "Converged", "on baseline");
    String name = events().get(0).getMetadata().getName();
    // The other replica counted it a few more times.
    kube.client()
        .v1()
        .events()
        .inNamespace(ns)
        .withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"count\":7}");
    clock.advance(Duration.ofMinutes(3));
    recorder.normal(web, "Converged", "still on baseline");
    List<Event> events = events();
    assertThat(events).hasSize(1);
    Event e = events.get(0);
    assertThat(e.getMetadata().getName()).isEqualTo(name);
    assertThat(e.getCount()).isEqualTo(8);
    assertThat(e.getMessage()).isEqualTo("still on baseline");
    assertThat(Instant.parse(e.getFirstTimestamp())).isEqualTo("2025-03-01T10:00:00Z");
    assertThat(Instant.parse(e.getLastTimestamp())).isEqualTo("2025-03-01T10:03:00Z");
    // From now on this replica knows the count: a repeat is one patch.
    recorder.normal(web, "Converged", "and again");
    assertThat(events()).singleElement().satisfies(x -> assertThat(x.getCount()).isEqualTo(9));
  }

  @Test
  void namesStayValidForTheLongestObjectNames() {
    // 253 characters, the most Kubernetes allows, ending so that a cut could leave a dot or dash.
    String longName = ("a".repeat(62) + ".").repeat(3) + "b".repeat(46) + "-c.d-" + "e".repeat(13);
    assertThat(longName).hasSize(253);
    ConfigMap big = object(longName);
    recorder.warning(big, "AzureError", "503");
    recorder.warning(big, "AzureError", "503 again");
    recorder.normal(big, "Converged", "fine");
    List<Event> events = events();
    assertThat(events).hasSize(2);
    assertThat(events)
        .allSatisfy(
            e -> {
              String name = e.getMetadata().getName();
              assertThat(name).hasSizeLessThanOrEqualTo(253).matches(DNS_SUBDOMAIN);
              assertThat(longName).startsWith(name.substring(0, name.lastIndexOf('.')));
              assertThat(e.getInvolvedObject().getName()).isEqualTo(longName);
            });
    assertThat(events.stream().map(e -> e.getMetadata().getName()).distinct()).hasSize(2);
    assertThat(events)
        .filteredOn(e -> e.getReason().equals("AzureError"))
        .singleElement()
        .satisfies(e -> assertThat(e.getCount()).isEqualTo(2));
  }

  @Test
  void anEventThatCannotBeWrittenIsLoggedOnceAndNeverThrown() {
    ConfigMap web = object("web-1");
    Logger log = (Logger) LoggerFactory.getLogger(EventRecorder.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    log.addAppender(logs);
    try (KubernetesClient nowhere =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl("http://127.0.0.1:1")
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build()) {
      new EventRecorder(nowhere, clock).warning(web, "AzureError", "503");
    } finally {
      log.detachAppender(logs);
    }
    assertThat(logs.list)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.WARN);
              assertThat(e.getFormattedMessage()).contains("AzureError").contains("web-1");
            });
  }
}
