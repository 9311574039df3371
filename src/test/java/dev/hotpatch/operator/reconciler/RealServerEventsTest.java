package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.devtools.Cluster;
import dev.hotpatch.operator.devtools.RealKubernetes;

/**
 * {@link EventRecorderTest} on a real kube-apiserver: its name validation, its 404 on a patch of an
 * Event gone and its 409 on a create of one there, as a cluster answers them.
 */
class RealServerEventsTest extends EventRecorderTest {
  @Override
  protected Cluster startCluster() {
    return RealKubernetes.start();
  }
}
