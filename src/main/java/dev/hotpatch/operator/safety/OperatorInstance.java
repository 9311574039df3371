package dev.hotpatch.operator.safety;

import dev.hotpatch.operator.HotpatchOperator;
import dev.hotpatch.operator.azure.AzureGateways;
import dev.hotpatch.operator.azure.AzureTarget;
import dev.hotpatch.operator.azure.RequestListener;
import dev.hotpatch.operator.azure.SdkAzureGateway;
import dev.hotpatch.operator.devtools.LocalKubernetes;
import dev.hotpatch.operator.devtools.ReconcileCounter;
import dev.hotpatch.operator.reconciler.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One operator pod: the real {@link HotpatchOperator} with its own API client and Azure gateways,
 * sharing the leader lease with the other pods on one API server. It can be stopped gracefully or
 * crash at an exact call ({@link KillSwitch}). Lease times are short so a handover costs about a
 * second of real time.
 */
final class OperatorInstance implements AutoCloseable {
  static final Duration LEASE = Duration.ofMillis(1000);
  static final Duration RENEW = Duration.ofMillis(800);
  static final Duration RETRY = Duration.ofMillis(50);

  final String identity;
  final ReconcileCounter counter = new ReconcileCounter();
  private final KubernetesClient client;
  private final KillSwitch kill;
  private volatile boolean leading;
  private volatile boolean closing;
  private volatile String stoppedBy;
  private volatile String informerStop;
  private HotpatchOperator operator;

  private OperatorInstance(
      String identity,
      LocalKubernetes kube,
      String armEndpoint,
      OperatorSettings settings,
      String leaseNamespace) {
    this.identity = identity;
    this.client = LocalKubernetes.newClient(kube.server());
    this.kill = new KillSwitch(client::close);
    AzureTarget target = AzureTarget.simulator(armEndpoint);
    AzureGateways gateways =
        new AzureGateways(c -> kill.wrap(new SdkAzureGateway(target, c, RequestListener.NONE)));
    // Losing the lease while running halts a real pod (HotpatchOperator's callback): kill this one.
    LeaderCallbacks callbacks =
        new LeaderCallbacks(
            () -> leading = true,
            () -> {
              leading = false;
              if (!closing) {
                kill.kill();
              }
            },
            leader -> {});
    try {
      this.operator = start(client, gateways, settings, leaseNamespace, callbacks);
    } catch (RuntimeException e) { // JOSDK gives up when an informer cannot start: a finding (I6)
      stoppedBy = "failed to start: " + rootCause(e);
    }
  }

  private HotpatchOperator start(
      KubernetesClient client,
      AzureGateways gateways,
      OperatorSettings settings,
      String leaseNamespace,
      LeaderCallbacks callbacks) {
    return HotpatchOperator.start(
        client,
        gateways,
        settings,
        new HotpatchOperator.Options(Set.of(), leaseNamespace, Duration.ZERO)
            .withJosdk(
                o ->
                    o.withMetrics(counter)
                        // JOSDK's default handler exits the process and the Deployment starts a
                        // new pod: here the pod dies the same way and the world replaces it. A
                        // world where it keeps happening is a finding (I6, see FuzzWorld).
                        .withInformerStoppedHandler(
                            (informer, e) -> {
                              if (!closing && !kill.dead()) {
                                informerStop = "informer stopped: " + rootCause(e);
                                kill.kill();
                              }
                            })
                        .withLeaderElectionConfiguration(
                            new LeaderElectionConfiguration(
                                HotpatchOperator.LEASE_NAME,
                                leaseNamespace,
                                LEASE,
                                RENEW,
                                RETRY,
                                identity,
                                callbacks,
                                false))));
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = String.valueOf(t.getMessage());
    return t.getClass().getSimpleName() + ": " + (m.length() > 200 ? m.substring(0, 200) : m);
  }

  static OperatorInstance start(
      String identity,
      LocalKubernetes kube,
      String armEndpoint,
      OperatorSettings settings,
      String leaseNamespace) {
    return new OperatorInstance(identity, kube, armEndpoint, settings, leaseNamespace);
  }

  boolean leading() {
    return leading && !kill.dead() && operator != null;
  }

  /** Started, not crashed, not stopped on its own: may lead now or later. */
  boolean alive() {
    return operator != null && !kill.dead() && stoppedBy == null;
  }

  boolean dead() {
    return kill.dead();
  }

  /** Why this instance stopped on its own (not by a crash or a close), or null. */
  String stoppedBy() {
    return stoppedBy;
  }

  /** Why an informer of this pod stopped (and the pod with it), or null. */
  String informerStop() {
    return informerStop;
  }

  void armCrash(int nthCall, boolean afterCall) {
    kill.arm(nthCall, afterCall);
  }

  void kill() {
    kill.kill();
  }

  void disarm() {
    kill.disarm();
  }

  /** Lists every subscription and reconciles every VM it watches (only the leader has any). */
  int resyncAll() {
    return leading() ? operator.resyncAll() : 0;
  }

  /** A first list of a subscription is under way: the step is not settled yet. */
  boolean fleetLoading() {
    return operator != null && operator.fleet().loading();
  }

  List<String> heldSlots() {
    return operator == null ? List.of() : SlotProbe.held(operator.rolloutSlots());
  }

  /** A killed pod is gone at once; its threads are stopped in the background. */
  void closeInBackground() {
    Thread t = new Thread(this::close, identity + "-reaper");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() {
    closing = true;
    if (operator != null) {
      operator.close();
    }
    client.close();
  }
}
