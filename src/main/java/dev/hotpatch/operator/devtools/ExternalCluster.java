package dev.hotpatch.operator.devtools;

import dev.hotpatch.operator.api.TolerantReading;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster the user already has (kind, minikube, a test cluster), from a kubeconfig and an
 * optional context. The demo installs what it needs (our CRDs when absent, its namespace) and
 * removes what it added when it ends: the demo's objects, its namespace, and the CRDs if it
 * installed them.
 */
public final class ExternalCluster implements Cluster {
  private final KubernetesClient client;
  private final Path kubeconfig;
  private final List<String> crdsWeInstalled;
  private final String namespace;

  private ExternalCluster(
      KubernetesClient client, Path kubeconfig, List<String> crdsWeInstalled, String namespace) {
    this.client = client;
    this.kubeconfig = kubeconfig;
    this.crdsWeInstalled = crdsWeInstalled;
    this.namespace = namespace;
  }

  /**
   * @param kubeconfig the file (null: $KUBECONFIG or ~/.kube/config)
   * @param context a context of it (null: its current context)
   * @param namespace the demo's namespace, removed at the end
   */
  public static ExternalCluster connect(Path kubeconfig, String context, String namespace) {
    Path file =
        kubeconfig != null
            ? kubeconfig
            : Path.of(
                System.getenv()
                    .getOrDefault("KUBECONFIG", System.getProperty("user.home") + "/.kube/config"));
    String yaml;
    try {
      yaml = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kubeconfig " + file, e);
    }
    Config config = Config.fromKubeconfig(context, yaml, file.toString());
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(config)
            .withKubernetesSerialization(TolerantReading.serialization())
            .build();
    List<String> installed = new ArrayList<>();
    for (String crd : CRDS) {
      String name = crd.substring(0, crd.indexOf("-v1.yml"));
      if (client.apiextensions().v1().customResourceDefinitions().withName(name).get() == null) {
        installed.add(name);
      }
    }
    Cluster.applyCrds(client);
    Cluster.awaitEstablished(client);
    if (client.namespaces().withName(namespace).get() != null) {
      client.close();
      throw new IllegalStateException(
          "namespace "
              + namespace
              + " exists already in "
              + config.getMasterUrl()
              + ": the demo uses a namespace of its own and removes it at the end");
    }
    return new ExternalCluster(client, file, installed, namespace);
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  @Override
  public java.util.Optional<Path> kubeconfig() {
    return java.util.Optional.of(kubeconfig);
  }

  @Override
  public String description() {
    return "your cluster at " + client.getMasterUrl();
  }

  /** Removes what the demo added; the operator has stopped, so finalizers go first. */
  @Override
  public void close() {
    try {
      Cluster.deleteOurObjects(client, namespace);
      client.namespaces().withName(namespace).delete();
      for (String crd : crdsWeInstalled) {
        client.apiextensions().v1().customResourceDefinitions().withName(crd).delete();
      }
    } finally {
      client.close();
    }
  }
}
