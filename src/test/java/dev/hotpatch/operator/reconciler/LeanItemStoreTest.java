package dev.hotpatch.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.api.HotpatchVM;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

class LeanItemStoreTest {
  @Test
  void theCacheKeepsNoManagedFields() {
    HotpatchVM vm = new HotpatchVM();
    vm.setMetadata(
        new ObjectMetaBuilder()
            .withName("web-1")
            .withNamespace("fleet")
            .withResourceVersion("42")
            .withManagedFields(
                new ManagedFieldsEntryBuilder()
                    .withManager("kubectl")
                    .withOperation("Apply")
                    .build())
            .build());
    LeanItemStore<HotpatchVM> store = new LeanItemStore<>();
    store.put(store.getKey(vm), vm);
    HotpatchVM cached = store.get("fleet/web-1");
    assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(cached.getMetadata().getResourceVersion()).isEqualTo("42");
  }

  @Test
  void theCacheKeepsNoLastAppliedConfigurationButEveryOtherAnnotation() {
    HotpatchVM vm = new HotpatchVM();
    vm.setMetadata(
        new ObjectMetaBuilder()
            .withName("web-1")
            .withNamespace("fleet")
            .addToAnnotations(
                LeanItemStore.LAST_APPLIED, "{\"apiVersion\":\"hotpatch.dev/v1alpha1\"}")
            .addToAnnotations("team", "web")
            .build());
    LeanItemStore<HotpatchVM> store = new LeanItemStore<>();
    store.put(store.getKey(vm), vm);
    assertThat(store.get("fleet/web-1").getMetadata().getAnnotations())
        .containsOnlyKeys("team")
        .containsEntry("team", "web");
  }
}
