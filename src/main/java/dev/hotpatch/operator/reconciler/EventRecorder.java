package dev.hotpatch.operator.reconciler;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits core/v1 Events so `kubectl describe` shows what the operator did and why.
 *
 * <p>Events are aggregated as client-go's recorder does: one Event per (involved object, type,
 * reason), under a stable name, whose {@code count}, {@code lastTimestamp} and {@code message} a
 * repeat moves with one JSON merge patch. The counts this replica wrote are kept in a bounded LRU,
 * so a repeat needs no GET; an Event expired meanwhile (the API server deletes them after an hour)
 * is created again, and one another replica (or this one before a restart) made is counted on
 * (create answers 409; a patch of the timestamp answers its count, so no GET is needed).
 *
 * <p>An Event is a courtesy: a failure to write one is logged and never fails the reconcile.
 */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  /** source.component and reportingComponent of every Event. */
  public static final String COMPONENT = "hotpatch-operator";

  /** Events remembered (name -> count): enough for the VMs with a recent repeat. */
  static final int REMEMBERED = 4096;

  /** Kubernetes names (DNS subdomains) are at most this long. */
  static final int MAX_NAME = 253;

  /** Hex characters of the hash that makes a name unique: 64 bits. */
  private static final int HASH_CHARS = 16;

  /** As client-go's recorder (and events.k8s.io/v1) limit the note. */
  static final int MAX_MESSAGE = 1024;

  private final KubernetesClient client;
  private final Clock clock;
  private final Map<String, Integer> counts =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
          return size() > REMEMBERED;
        }
      };

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public void normal(HasMetadata involved, String reason, String message) {
    emit(involved, "Normal", reason, message);
  }

  public void warning(HasMetadata involved, String reason, String message) {
    emit(involved, "Warning", reason, message);
  }

  /**
   * The Event's name: the object's name (cut to leave room, still a DNS subdomain), a dot, and a
   * hash of (object uid, or kind/namespace/name without one; type; reason).
   */
  static String nameFor(HasMetadata involved, String type, String reason) {
    var meta = involved.getMetadata();
    String identity =
        meta.getUid() != null && !meta.getUid().isEmpty()
            ? meta.getUid()
            : involved.getKind() + "/" + meta.getNamespace() + "/" + meta.getName();
    String hash = hash(identity + "\n" + type + "\n" + reason);
    String prefix = prefix(meta.getName(), MAX_NAME - 1 - HASH_CHARS);
    return prefix.isEmpty() ? hash : prefix + "." + hash;
  }

  /**
   * At most max characters of name, lowercase, each label starting and ending with a letter or
   * digit: a DNS subdomain, or empty.
   */
  private static String prefix(String name, int max) {
    if (name == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (String label : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-").split("\\.")) {
      String trimmed = label.replaceAll("^-+|-+$", "");
      if (!trimmed.isEmpty()) {
        out.append(out.isEmpty() ? "" : ".").append(trimmed);
      }
    }
    String cut = out.length() > max ? out.substring(0, max) : out.toString();
    return cut.replaceAll("[.-]+$", "");
  }

  private static String hash(String s) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always there", e);
    }
  }

  private void emit(HasMetadata involved, String type, String reason, String message) {
    // Events of a cluster-scoped object go to default, as client-go's recorder puts them.
    String namespace =
        involved.getMetadata().getNamespace() == null
            ? "default"
            : involved.getMetadata().getNamespace();
    String name = nameFor(involved, type, reason);
    String key = namespace + "/" + name;
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    String note = truncate(message);
    try {
      Integer known = remembered(key);
      if (known != null) {
        if (patch(namespace, name, known + 1, now, note) != null) {
          remember(key, known + 1);
          return;
        }
        forget(key); // expired meanwhile: made again below
      }
      if (create(event(involved, namespace, name, type, reason, note, now))) {
        remember(key, 1);
        return;
      }
      // Made by another replica, or by this one before a restart: count on from it. The patch
      // answers the Event as it is, so this needs no GET (the chart grants create and patch).
      Event existing = patch(namespace, name, null, now, note);
      if (existing == null) {
        // Expired between the two calls.
        if (create(event(involved, namespace, name, type, reason, note, now))) {
          remember(key, 1);
        }
        return;
      }
      int next = (existing.getCount() == null ? 1 : existing.getCount()) + 1;
      if (patch(namespace, name, next, now, note) != null) {
        remember(key, next);
      }
    } catch (RuntimeException e) {
      // An event is a courtesy: never fail a reconcile because it could not be written.
      LOG.warn(
          "could not record event {} for {}: {}",
          reason,
          involved.getMetadata().getName(),
          e.getMessage());
    }
  }

  private Resource<Event> events(String namespace, String name) {
    return client.v1().events().inNamespace(namespace).withName(name);
  }

  /**
   * One JSON merge patch of lastTimestamp, message and (unless null) count.
   *
   * @return the Event as patched, or null when it is not there (404)
   */
  private Event patch(String namespace, String name, Integer count, String now, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (count != null) {
      body.put("count", count);
    }
    body.put("lastTimestamp", now);
    body.put("message", message);
    try {
      return events(namespace, name)
          .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(body));
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  /**
   * @return false when an Event of that name exists already (409)
   */
  private boolean create(Event event) {
    try {
      client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return false;
      }
      throw e;
    }
  }

  private static Event event(
      HasMetadata involved,
      String namespace,
      String name,
      String type,
      String reason,
      String message,
      String now) {
    return new EventBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withInvolvedObject(
            new ObjectReferenceBuilder()
                .withApiVersion(involved.getApiVersion())
                .withKind(involved.getKind())
                .withName(involved.getMetadata().getName())
                .withNamespace(namespace)
                .withUid(involved.getMetadata().getUid())
                .build())
        .withType(type)
        .withReason(reason)
        .withMessage(message)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withNewSource(COMPONENT, null)
        .withReportingComponent(COMPONENT)
        .build();
  }

  private static String truncate(String message) {
    return message == null || message.length() <= MAX_MESSAGE
        ? message
        : message.substring(0, MAX_MESSAGE - 3) + "...";
  }

  private Integer remembered(String key) {
    synchronized (counts) {
      return counts.get(key);
    }
  }

  private void remember(String key, int count) {
    synchronized (counts) {
      counts.put(key, count);
    }
  }

  private void forget(String key) {
    synchronized (counts) {
      counts.remove(key);
    }
  }
}
