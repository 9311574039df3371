package dev.hotpatch.operator.devtools;

import dev.hotpatch.operator.api.TolerantReading;
import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real kube-apiserver and etcd, started by Fabric8's kube-api-test from the binaries that
 * scripts/kube-binaries.sh builds (or, on a machine with internet and none built, that it
 * downloads): schema validation, pruning, CEL rules, the status subresource, server-side apply,
 * RBAC and discovery as a cluster has them, so kubectl can talk to it. No controller manager runs:
 * namespaces never finish deleting and nothing garbage-collects.
 */
public final class RealKubernetes implements Cluster {
  /** The Kubernetes version tools/kube-binaries/go.mod pins (a test keeps the two in step). */
  public static final String VERSION = "1.34.4";

  private final KubeAPIServer server;
  private final KubernetesClient client;
  private final Path kubeconfig;

  private final Thread stopAtExit;

  private RealKubernetes(
      KubeAPIServer server, KubernetesClient client, Path kubeconfig, Thread stopAtExit) {
    this.server = server;
    this.client = client;
    this.kubeconfig = kubeconfig;
    this.stopAtExit = stopAtExit;
  }

  /** Where kube-api-test looks for the binaries of {@link #VERSION}. */
  public static Path binaries() {
    String dir = System.getenv("KUBE_API_TEST_DIR");
    Path root =
        dir == null || dir.isBlank()
            ? Path.of(System.getProperty("user.home"), ".kubeapitest")
            : Path.of(dir);
    return root.resolve("k8s").resolve(VERSION + "-linux-amd64");
  }

  /** The binaries are there: no download is needed (nor tried). */
  public static boolean available() {
    Path b = binaries();
    return Files.isExecutable(b.resolve("kube-apiserver"))
        && Files.isExecutable(b.resolve("etcd"))
        && Files.isExecutable(b.resolve("kubectl"));
  }

  public static RealKubernetes start() {
    KubeAPIServer server =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withApiServerVersion(VERSION)
                .withOfflineMode(available())
                .withUpdateKubeConfig(false)
                // As OpenShift runs it: changing ownerReferences needs delete (and finalizers)
                // rights.
                .withApiServerFlag(
                    "--enable-admission-plugins", "OwnerReferencesPermissionEnforcement")
                .build());
    server.start();
    // The server and etcd are child processes: they must not outlive this JVM, however it ends.
    Thread stopAtExit = new Thread(server::stop, "kube-apiserver-stop");
    Runtime.getRuntime().addShutdownHook(stopAtExit);
    String yaml = server.getKubeConfigYaml();
    try {
      Path kubeconfig = Files.createTempFile("hotpatch-kubeconfig-", ".yaml");
      Files.writeString(kubeconfig, yaml);
      KubernetesClient client =
          new KubernetesClientBuilder()
              .withConfig(Config.fromKubeconfig(yaml))
              .withKubernetesSerialization(TolerantReading.serialization())
              .build();
      Cluster.applyCrds(client);
      Cluster.awaitEstablished(client);
      return new RealKubernetes(server, client, kubeconfig, stopAtExit);
    } catch (IOException e) {
      server.stop();
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  /** A kubeconfig for this server (cluster admin), for kubectl. */
  @Override
  public java.util.Optional<Path> kubeconfig() {
    return java.util.Optional.of(kubeconfig);
  }

  /** The kubeconfig's text, for clients of their own (another identity, say). */
  public String kubeconfigYaml() {
    return server.getKubeConfigYaml();
  }

  /** The kubectl beside the server binaries. */
  public static Path kubectl() {
    return binaries().resolve("kubectl");
  }

  private static RealKubernetes shared;

  /**
   * One server for a whole test JVM (a start costs seconds): each use gets it back emptied of what
   * the last one left in its namespaces. Stopped when the JVM ends.
   */
  public static synchronized Cluster shared() {
    if (shared == null) {
      shared = start(); // stopped by the hook start() registers
    }
    return new SharedUse(shared);
  }

  /** A use of the shared server: closing it empties the namespaces, the server keeps running. */
  private record SharedUse(RealKubernetes server) implements Cluster {
    @Override
    public KubernetesClient client() {
      return server.client;
    }

    @Override
    public String description() {
      return server.description();
    }

    @Override
    public java.util.Optional<Path> kubeconfig() {
      return server.kubeconfig();
    }

    @Override
    public void close() {
      server.empty();
    }
  }

  /**
   * Removes our objects (finalizers first: no operator runs now), Secrets, Events and Leases from
   * every namespace but Kubernetes' own. Namespaces stay: without a controller manager they would
   * never finish deleting.
   */
  void empty() {
    for (var ns : client.namespaces().list().getItems()) {
      String n = ns.getMetadata().getName();
      if (n.startsWith("kube-") || n.equals("default")) {
        continue;
      }
      Cluster.deleteOurObjects(client, n);
      client.secrets().inNamespace(n).delete();
      client.v1().events().inNamespace(n).delete();
      client.leases().inNamespace(n).delete();
    }
  }

  @Override
  public String description() {
    return "kube-apiserver v" + VERSION + " at " + client.getMasterUrl();
  }

  @Override
  public void close() {
    client.close();
    server.stop();
    try { // stopped now: the exit hook has nothing left to do
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down
    }
    try {
      Files.deleteIfExists(kubeconfig);
    } catch (IOException e) {
      // a temporary file: nothing to do
    }
  }
}
