package dev.hotpatch.operator.devtools;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * Fabric8's mock Kubernetes API server in CRUD mode (mixed: CRUD plus one canned answer), with our
 * CRDs applied: the cluster of the demo and the end-to-end tests. It enforces no schema, which is
 * why the operator validates specs.
 */
public final class LocalKubernetes implements Cluster {
  /**
   * The mock server logs every request through java.util.logging; keep the demo's output readable.
   */
  private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  private LocalKubernetes(KubernetesMockServer server) {
    this.server = server;
    this.client = newClient(server);
  }

  /**
   * A client of the mock server that reads objects as the operator's own client does ({@link
   * dev.hotpatch.operator.api.TolerantReading}).
   */
  public static KubernetesClient newClient(KubernetesMockServer server) {
    try (KubernetesClient plain = server.createClient()) {
      return new io.fabric8.kubernetes.client.KubernetesClientBuilder()
          .withConfig(plain.getConfiguration())
          .withKubernetesSerialization(dev.hotpatch.operator.api.TolerantReading.serialization())
          .build();
    }
  }

  public static LocalKubernetes start() {
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            expectations,
            new KubernetesMixedDispatcher(expectations),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    answerRulesReviews(server);
    LocalKubernetes k = new LocalKubernetes(server);
    k.applyCrds();
    return k;
  }

  /**
   * A real API server answers "what may I do?" (JOSDK asks before leader election) from RBAC; the
   * CRUD mock cannot, so it answers that leases may be used.
   */
  private static void answerRulesReviews(KubernetesMockServer server) {
    SelfSubjectRulesReview review =
        new SelfSubjectRulesReviewBuilder()
            .withNewMetadata()
            .endMetadata()
            .withNewStatus()
            .addNewResourceRule()
            .withApiGroups("coordination.k8s.io")
            .withResources("leases")
            .withVerbs("get", "create", "update")
            .endResourceRule()
            .withIncomplete(false)
            .endStatus()
            .build();
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, review)
        .always();
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  public KubernetesMockServer server() {
    return server;
  }

  private void applyCrds() {
    Cluster.applyCrds(client);
  }

  @Override
  public String description() {
    return "Fabric8's mock API server at " + client.getMasterUrl();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
