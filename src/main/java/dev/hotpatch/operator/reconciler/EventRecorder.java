package dev.hotpatch.operator.reconciler;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Emits core/v1 Events so `kubectl describe` shows what the operator did and why. */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private final KubernetesClient client;
  private final Clock clock;

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

  private void emit(HasMetadata involved, String type, String reason, String message) {
    String now = clock.instant().toString();
    var event =
        new EventBuilder()
            .withNewMetadata()
            .withName(
                involved.getMetadata().getName()
                    + "."
                    + UUID.randomUUID().toString().substring(0, 8))
            .withNamespace(involved.getMetadata().getNamespace())
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(involved.getApiVersion())
                    .withKind(involved.getKind())
                    .withName(involved.getMetadata().getName())
                    .withNamespace(involved.getMetadata().getNamespace())
                    .withUid(involved.getMetadata().getUid())
                    .build())
            .withType(type)
            .withReason(reason)
            .withMessage(message)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource("hotpatch-operator", null)
            .build();
    try {
      client
          .v1()
          .events()
          .inNamespace(involved.getMetadata().getNamespace())
          .resource(event)
          .create();
    } catch (KubernetesClientException e) {
      // An event is a courtesy: never fail a reconcile because it could not be written.
      LOG.warn(
          "could not record event {} for {}: {}",
          reason,
          involved.getMetadata().getName(),
          e.getMessage());
    }
  }
}
