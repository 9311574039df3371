package dev.hotpatch.operator.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes API server {@code run} talks to, how it was found (--kubeconfig, $KUBECONFIG,
 * ~/.kube/config or in-cluster), and a bounded check that it answers, made before the operator
 * starts so that a wrong address is one clear line instead of minutes of retries.
 */
final class ApiServer {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final Config config;
  private final String source;

  private ApiServer(Config config, String source) {
    this.config = config;
    this.source = source;
  }

  Config config() {
    return config;
  }

  /** How the address was found, e.g. "--kubeconfig /tmp/k, context kind-dev" or "in-cluster". */
  String source() {
    return source;
  }

  String url() {
    return config.getMasterUrl();
  }

  /**
   * @param kubeconfig {@code --kubeconfig}, or null: Fabric8's search ($KUBECONFIG, ~/.kube/config,
   *     then the pod's service account)
   * @param context {@code --context}, or null: the kubeconfig's current context
   * @throws RunCommand.Refused when the kubeconfig cannot be read
   */
  static ApiServer resolve(Path kubeconfig, String context) {
    if (kubeconfig != null) {
      if (!Files.isRegularFile(kubeconfig)) {
        throw new RunCommand.Refused("--kubeconfig " + kubeconfig + ": no such file");
      }
      Config config;
      try {
        config = Config.fromKubeconfig(context, kubeconfig.toFile());
      } catch (RuntimeException e) {
        throw new RunCommand.Refused("--kubeconfig " + kubeconfig + ": " + describe(e));
      }
      return new ApiServer(config, "--kubeconfig " + kubeconfig + contextOf(config));
    }
    Config config;
    try {
      config = Config.autoConfigure(context);
    } catch (RuntimeException e) {
      throw new RunCommand.Refused("cannot read the Kubernetes configuration: " + describe(e));
    }
    String source;
    File file = config.getFile();
    if (file != null) {
      source =
          "kubeconfig "
              + file
              + (System.getenv("KUBECONFIG") != null ? " ($KUBECONFIG)" : "")
              + contextOf(config);
    } else if (System.getenv(Config.KUBERNETES_SERVICE_HOST_PROPERTY) != null) {
      source = "in-cluster ($KUBERNETES_SERVICE_HOST and the pod's service account)";
    } else {
      source =
          "Fabric8's default, as there is no kubeconfig (looked for "
              + String.join(", ", Config.getKubeconfigFilenames())
              + ") and no $KUBERNETES_SERVICE_HOST (not in a cluster); pass --kubeconfig";
    }
    if (System.getenv("KUBERNETES_MASTER") != null
        || System.getProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY) != null) {
      source += ", address overridden by KUBERNETES_MASTER";
    }
    return new ApiServer(config, source);
  }

  private static String contextOf(Config config) {
    return config.getCurrentContext() == null
        ? ""
        : ", context " + config.getCurrentContext().getName();
  }

  /**
   * Asks the server for its version, once, within {@code timeout} all told: connecting (TLS
   * included) and the answer share it, and the wait ends at it whatever the client does.
   *
   * @return the one line to report when it cannot be reached or refuses our credentials; empty when
   *     it answered (any other HTTP status, say 403, still shows it is there)
   */
  Optional<String> unreachable(Duration timeout, String userAgent) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int millis = (int) timeout.toMillis();
    Config probe =
        new ConfigBuilder(config)
            .withConnectionTimeout(millis)
            .withRequestTimeout(millis)
            .withRequestRetryBackoffLimit(0)
            .withUserAgent(userAgent)
            .build();
    String where = "the Kubernetes API server at " + url();
    String from = ". The address is from " + source + ".";
    KubernetesClient client;
    try {
      client = new KubernetesClientBuilder().withConfig(probe).build();
    } catch (RuntimeException e) {
      LOG.debug("building a client for {} failed", where, e);
      return Optional.of("Cannot talk to " + where + ": " + describe(e) + from);
    }
    try {
      var version =
          CompletableFuture.supplyAsync(client::getKubernetesVersion)
              .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      LOG.debug("{} answered: Kubernetes {}", where, version.getGitVersion());
      return Optional.empty();
    } catch (TimeoutException e) {
      return Optional.of(
          "Cannot reach " + where + ": no answer within " + timeout.toSeconds() + " s" + from);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("Interrupted while reaching " + where);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      LOG.debug("GET /version of {} failed", where, cause);
      if (cause instanceof KubernetesClientException k && k.getCode() > 0) {
        if (k.getCode() == 401) {
          return Optional.of(
              "The Kubernetes API server at "
                  + url()
                  + " rejected our credentials (401 Unauthorized)"
                  + from);
        }
        // It answered: reachable. The operator reports what it cannot do itself.
        return Optional.empty();
      }
      return Optional.of(
          "Cannot reach "
              + where
              + ": "
              + describe(cause)
              + from
              + " (--log-level debug shows the stack trace.)");
    } finally {
      client.close();
    }
  }

  /** What went wrong, in words, on one line, without stack frames. */
  static String describe(Throwable e) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    for (Throwable t : chain) {
      if (t instanceof java.net.UnknownHostException
          || t instanceof java.nio.channels.UnresolvedAddressException) {
        return "cannot resolve its host name";
      }
      if (t instanceof java.net.http.HttpConnectTimeoutException
          || t instanceof java.net.SocketTimeoutException) {
        return "connecting timed out";
      }
      if (t instanceof java.net.ConnectException) {
        return "the connection was refused (is the cluster up, at that address?)";
      }
      if (t instanceof javax.net.ssl.SSLException) {
        return "TLS failed: " + t.getMessage();
      }
    }
    // Otherwise every distinct message of the chain, without Fabric8's generic one.
    List<String> parts = new ArrayList<>();
    for (Throwable t : chain) {
      String message = t.getMessage();
      if (message == null || message.isBlank() || message.startsWith("An error has occurred")) {
        continue;
      }
      String part = message.replaceAll("\\s+", " ").trim();
      if (parts.stream().noneMatch(p -> p.contains(part))) {
        parts.add(part);
      }
    }
    return parts.isEmpty()
        ? chain.get(chain.size() - 1).getClass().getSimpleName()
        : String.join(": ", parts);
  }
}
