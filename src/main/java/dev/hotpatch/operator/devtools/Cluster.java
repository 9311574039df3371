package dev.hotpatch.operator.devtools;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Kubernetes API server a sandbox runs on, with our CRDs applied: Fabric8's mock ({@link
 * LocalKubernetes}) or a real kube-apiserver and etcd ({@link RealKubernetes}).
 */
public interface Cluster extends AutoCloseable {
  /** The CRDs the build generated from the resource classes (the same as crds/). */
  String[] CRDS = {"hotpatchvms.hotpatch.dev-v1.yml", "patchbaselines.hotpatch.dev-v1.yml"};

  KubernetesClient client();

  /** What this is, for logs and the demo: "mock API server" or "kube-apiserver v1.34.4". */
  String description();

  /** A kubeconfig kubectl can use for this server, when it can talk to it (not the mock). */
  default java.util.Optional<Path> kubeconfig() {
    return java.util.Optional.empty();
  }

  /** Applies every YAML file of a folder (like kubectl apply -f DIR) into a namespace. */
  default List<HasMetadata> applyFolder(Path folder, String namespace) throws IOException {
    List<HasMetadata> applied = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        applied.addAll(applyFile(f, namespace));
      }
    }
    return applied;
  }

  default List<HasMetadata> applyFile(Path file, String namespace) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      List<HasMetadata> applied = new ArrayList<>();
      for (HasMetadata item : client().load(in).items()) {
        applied.add(
            client().resource(item).inNamespace(namespace).createOr(NonDeletingOperation::update));
      }
      return applied;
    }
  }

  /** Creates or updates our CRDs from the classpath. */
  static void applyCrds(KubernetesClient client) {
    for (String crd : CRDS) {
      try (InputStream in = Cluster.class.getResourceAsStream("/META-INF/fabric8/" + crd)) {
        if (in == null) {
          throw new IllegalStateException("CRD " + crd + " missing from the classpath");
        }
        client
            .load(in)
            .items()
            .forEach(item -> client.resource(item).createOr(NonDeletingOperation::update));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Deletes our objects in a namespace, finalizers first: called when no operator runs, so none
   * would remove them.
   */
  static void deleteOurObjects(KubernetesClient client, String namespace) {
    for (var vm :
        client
            .resources(dev.hotpatch.operator.api.HotpatchVM.class)
            .inNamespace(namespace)
            .list()
            .getItems()) {
      client
          .resource(vm)
          .edit(
              o -> {
                o.getMetadata().setFinalizers(List.of());
                return o;
              });
    }
    client.resources(dev.hotpatch.operator.api.HotpatchVM.class).inNamespace(namespace).delete();
    client.resources(dev.hotpatch.operator.api.PatchBaseline.class).inNamespace(namespace).delete();
  }

  /** Waits until a real API server serves our CRDs (informers started before that fail). */
  static void awaitEstablished(KubernetesClient client) {
    for (String crd : CRDS) {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(crd.substring(0, crd.indexOf("-v1.yml")))
          .waitUntilCondition(
              c ->
                  c != null
                      && c.getStatus() != null
                      && c.getStatus().getConditions() != null
                      && c.getStatus().getConditions().stream()
                          .anyMatch(
                              x ->
                                  "Established".equals(x.getType())
                                      && "True".equals(x.getStatus())),
              60,
              java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Override
  void close();
}
