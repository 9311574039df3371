package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.api.HotpatchVMSpec;
import dev.hotpatch.operator.api.HotpatchVMStatus;
import dev.hotpatch.operator.api.LocalRef;
import dev.hotpatch.operator.azure.Canonical;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.List;

/**
 * The PatchBaseline controller's copy of every HotpatchVM, cut to what its counts read (the
 * baseline named, the slot held, a failed transition, BaselineConverged). The HotpatchVM controller
 * keeps the whole objects; a second whole copy would double the operator's heap per VM.
 */
final class SlimVmStore extends BasicItemStore<HotpatchVM> {
  SlimVmStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public HotpatchVM put(String key, HotpatchVM vm) {
    return super.put(key, slim(vm));
  }

  static HotpatchVM slim(HotpatchVM vm) {
    HotpatchVM s = new HotpatchVM();
    var m = vm.getMetadata();
    s.setMetadata(
        new ObjectMetaBuilder()
            .withName(Canonical.of(m.getName()))
            .withNamespace(Canonical.of(m.getNamespace()))
            .withUid(Canonical.of(m.getUid()))
            .withResourceVersion(m.getResourceVersion())
            .withGeneration(m.getGeneration())
            .build());
    HotpatchVMSpec spec = new HotpatchVMSpec();
    if (vm.getSpec() != null && vm.getSpec().baselineRef != null) {
      spec.baselineRef = new LocalRef();
      spec.baselineRef.name = Canonical.of(vm.getSpec().baselineRef.name);
    }
    s.setSpec(spec);
    HotpatchVMStatus from = vm.getStatus();
    if (from != null) {
      HotpatchVMStatus st = new HotpatchVMStatus();
      st.failedTransition = Canonical.of(from.failedTransition);
      if (from.pendingOperation != null) {
        st.pendingOperation = new HotpatchVMStatus.PendingOperation();
        st.pendingOperation.kind = Canonical.of(from.pendingOperation.kind);
        st.pendingOperation.baselineKey = Canonical.of(from.pendingOperation.baselineKey);
      }
      st.conditions =
          from.conditions == null
              ? List.of()
              : from.conditions.stream()
                  .filter(c -> Conditions.BASELINE_CONVERGED.equals(c.getType()))
                  .map(
                      c -> {
                        Condition k = new Condition();
                        k.setType(Canonical.of(c.getType()));
                        k.setStatus(Canonical.of(c.getStatus()));
                        return k;
                      })
                  .toList();
      s.setStatus(st);
    }
    return s;
  }
}
