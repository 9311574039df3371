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

  @Test
  void twoVmsReadApartShareOneInstanceOfEachRepeatedStringAndReadTheSame() throws Exception {
    String json =
        """
        {"apiVersion":"hotpatch.dev/v1alpha1","kind":"HotpatchVM",
         "metadata":{"name":"%s","namespace":"fleet","uid":"%s","resourceVersion":"7"},
         "spec":{"azure":{"subscriptionId":"00000000-0000-0000-0000-0000000000a1",
                          "resourceGroup":"rg-web","name":"%s"},"baselineRef":{"name":"ws2022"}},
         "status":{"phase":"Converged","osBuild":"20348.3207","baseline":"KB5050001",
                   "lastInstallation":{"status":"Succeeded","kbs":["KB5050001"]},
                   "conditions":[{"type":"Ready","status":"True","reason":"Converged",
                                  "message":"on baseline KB5050001","lastTransitionTime":"2026-04-20T09:00:00Z"}]}}
        """;
    var mapper = io.fabric8.kubernetes.client.utils.Serialization.jsonMapper();
    HotpatchVM a = mapper.readValue(json.formatted("web-1", "u-1", "web-1"), HotpatchVM.class);
    HotpatchVM b = mapper.readValue(json.formatted("web-2", "u-2", "web-2"), HotpatchVM.class);
    HotpatchVM before = mapper.readValue(json.formatted("web-1", "u-1", "web-1"), HotpatchVM.class);
    assertThat(a.getSpec().azure.subscriptionId).isNotSameAs(b.getSpec().azure.subscriptionId);

    LeanItemStore<HotpatchVM> store = LeanItemStore.forVms();
    store.put(store.getKey(a), a);
    store.put(store.getKey(b), b);
    HotpatchVM ca = store.get("fleet/web-1");
    HotpatchVM cb = store.get("fleet/web-2");

    before.getMetadata().setManagedFields(null);
    com.fasterxml.jackson.databind.JsonNode cached = mapper.valueToTree(ca);
    com.fasterxml.jackson.databind.JsonNode read = mapper.valueToTree(before);
    assertThat(cached).as("equal values: nothing reads differently").isEqualTo(read);
    assertThat(ca.getMetadata().getNamespace()).isSameAs(cb.getMetadata().getNamespace());
    assertThat(ca.getSpec().azure.subscriptionId).isSameAs(cb.getSpec().azure.subscriptionId);
    assertThat(ca.getSpec().azure.resourceGroup).isSameAs(cb.getSpec().azure.resourceGroup);
    assertThat(ca.getStatus().osBuild).isSameAs(cb.getStatus().osBuild);
    assertThat(ca.getStatus().conditions.get(0).getMessage())
        .isSameAs(cb.getStatus().conditions.get(0).getMessage());
    assertThat(ca.getStatus().lastInstallation.kbs.get(0))
        .isSameAs(cb.getStatus().lastInstallation.kbs.get(0));
    ca.getStatus().lastInstallation.kbs.add("KB0000000"); // still a list the reconciler may change
    assertThat(ca.getSpec().azure.name).isEqualTo("web-1");
  }
}
