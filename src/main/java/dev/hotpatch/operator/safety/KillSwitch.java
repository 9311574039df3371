package dev.hotpatch.operator.safety;

import dev.hotpatch.operator.azure.AzureGateway;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A crash of one operator instance at an exact point: the N-th call that starts an Azure operation
 * ("begin..."), before it is sent (a crash between the intent write and the call) or after Azure
 * answered (between the call and recording its handle). From then on the instance reaches neither
 * Azure nor, through {@code onCrash}, Kubernetes, as a killed pod would.
 */
final class KillSwitch {
  private final AtomicBoolean dead = new AtomicBoolean();
  private final AtomicInteger acting = new AtomicInteger();
  private final Runnable onCrash;
  private volatile int tripAt = -1;
  private volatile boolean afterCall;

  KillSwitch(Runnable onCrash) {
    this.onCrash = onCrash;
  }

  /** Crash at the {@code n}-th acting call from now (1 = the next one). */
  void arm(int n, boolean afterCall) {
    this.afterCall = afterCall;
    this.tripAt = acting.get() + n;
  }

  void disarm() {
    tripAt = -1;
  }

  /** Dies now, between any two calls. */
  void kill() {
    if (dead.compareAndSet(false, true)) {
      onCrash.run();
    }
  }

  boolean dead() {
    return dead.get();
  }

  AzureGateway wrap(AzureGateway gateway) {
    return (AzureGateway)
        Proxy.newProxyInstance(
            AzureGateway.class.getClassLoader(),
            new Class<?>[] {AzureGateway.class},
            (proxy, method, args) -> {
              if (dead.get()) {
                throw new IllegalStateException("operator instance crashed");
              }
              boolean trips =
                  method.getName().startsWith("begin") && acting.incrementAndGet() == tripAt;
              if (trips && !afterCall) {
                crash();
              }
              Object result;
              try {
                result = method.invoke(gateway, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              if (trips) {
                crash();
              }
              return result;
            });
  }

  private void crash() {
    if (dead.compareAndSet(false, true)) {
      onCrash.run();
    }
    throw new IllegalStateException("operator instance crashed");
  }
}
