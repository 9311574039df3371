package dev.hotpatch.operator.reconciler;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Secrets HotpatchVMs name, from informers: one per named Secret, field-selected on its name,
 * so the operator caches the few credentials Secrets it uses and never the namespace's others. A
 * thousand VMs naming one Secret read it once, not once per reconcile; a Secret created or changed
 * reconciles the VMs that name it at once.
 */
final class SecretCache implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SecretCache.class);
  private static final long SYNC_WAIT_SECONDS = 10;

  private final KubernetesClient client;
  private final Consumer<String> changed;

  /** Empty when the Secret cannot be watched: it is then read on each ask. */
  private final Map<String, Optional<SharedIndexInformer<Secret>>> informers =
      new ConcurrentHashMap<>();

  /**
   * @param changed told "namespace/name" of a Secret that was added, changed or deleted
   */
  SecretCache(KubernetesClient client, Consumer<String> changed) {
    this.client = client;
    this.changed = changed;
  }

  /** The Secret as the cache has it; the first ask for a Secret starts its informer. */
  Optional<Secret> get(String namespace, String name) {
    String key = namespace + "/" + name;
    Optional<SharedIndexInformer<Secret>> informer =
        informers.computeIfAbsent(key, k -> start(namespace, name));
    if (informer.isPresent() && !informer.get().isRunning()) {
      // It stopped for good (a watch event it could not read) and still says synced: what it
      // holds may be a Secret rotated since. Read it now; the next ask starts a new informer.
      LOG.warn("the informer of Secret {} stopped; reading it directly", key);
      informers.remove(key, informer);
      informer.get().stop();
      return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
    }
    if (informer.isPresent() && informer.get().hasSynced()) {
      return Optional.ofNullable(informer.get().getStore().getByKey(key));
    }
    // Not synced (no list/watch permission, say): read it directly, as before the cache.
    return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
  }

  private Optional<SharedIndexInformer<Secret>> start(String namespace, String name) {
    String key = namespace + "/" + name;
    ResourceEventHandler<Secret> handler =
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(Secret s) {
            changed.accept(key);
          }

          @Override
          public void onUpdate(Secret before, Secret after) {
            changed.accept(key);
          }

          @Override
          public void onDelete(Secret s, boolean finalStateUnknown) {
            changed.accept(key);
          }
        };
    try {
      SharedIndexInformer<Secret> informer =
          client
              .secrets()
              .inNamespace(namespace)
              .withField("metadata.name", name)
              .runnableInformer(0);
      informer.addEventHandler(handler);
      try {
        informer.start().toCompletableFuture().get(SYNC_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException
          | java.util.concurrent.TimeoutException
          | RuntimeException e) {
        informer.stop();
        throw e;
      }
      return Optional.of(informer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException
        | KubernetesClientException e) {
      LOG.warn(
          "cannot watch Secret {} ({}); reading it on each reconcile instead", key, e.toString());
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    informers.values().forEach(i -> i.ifPresent(SharedIndexInformer::stop));
  }
}
