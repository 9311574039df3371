package dev.hotpatch.operator.devtools;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** `demo --serve`: says how to reach the world with kubectl, then keeps it running until Ctrl-C. */
final class DemoServing {
  private DemoServing() {}

  /**
   * @param closed counted down once the demo (operator, then API server) is closed: a shutdown hook
   *     waits for it, so Ctrl-C or SIGTERM leaves no kube-apiserver or etcd behind
   */
  static void untilInterrupted(Demo demo, CountDownLatch closed) throws InterruptedException {
    Path config = demo.cluster().kubeconfig().orElseThrow();
    String kubectl = RealKubernetes.available() ? RealKubernetes.kubectl().toString() : "kubectl";
    System.out.printf(
        "%nServing %s until interrupted (Ctrl-C).%n"
            + "  export KUBECONFIG=%s%n"
            + "  %s get hpvm,pbl -n %s%n"
            + "  %s describe hpvm web-1 -n %s%n"
            + "  %s explain hotpatchvm.spec%n",
        demo.cluster().description(),
        config,
        kubectl,
        Demo.NAMESPACE,
        kubectl,
        Demo.NAMESPACE,
        kubectl);
    AtomicBoolean stop = new AtomicBoolean();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stop.set(true);
                  try {
                    closed.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "demo-serve-stop"));
    demo.serve(stop::get);
  }
}
