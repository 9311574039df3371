package dev.hotpatch.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnershipTest {
  @Test
  void deterministicNames() {
    assertThat(Ownership.nicName("app-1")).isEqualTo("app-1-nic");
    assertThat(Ownership.osDiskName("app-1")).isEqualTo("app-1-osdisk");
    assertThat(Ownership.vnetName("app-1", null)).isEqualTo("app-1-vnet");
    assertThat(Ownership.vnetName("app-1", "shared")).isEqualTo("shared");
  }

  @Test
  void ourTagsWinOverTheTemplatesSoNoOneForgesAnOwner() {
    Map<String, String> tags =
        Ownership.tags("fleet/app-1", Map.of("app", "demo", Ownership.OWNER_TAG, "other/x"));
    assertThat(tags)
        .containsEntry("app", "demo")
        .containsEntry(Ownership.OWNER_TAG, "fleet/app-1")
        .containsEntry(Ownership.CREATED_BY_TAG, "hotpatch-operator");
  }

  @Test
  void onlyTheExactOwnerTagProvesOwnership() {
    assertThat(Ownership.ownedBy(Map.of(Ownership.OWNER_TAG, "fleet/app-1"), "fleet/app-1"))
        .isTrue();
    assertThat(Ownership.ownedBy(Map.of(Ownership.OWNER_TAG, "fleet/app-2"), "fleet/app-1"))
        .isFalse();
    assertThat(
            Ownership.ownedBy(Map.of(Ownership.CREATED_BY_TAG, "hotpatch-operator"), "fleet/app-1"))
        .isFalse();
    assertThat(Ownership.ownedBy(null, "fleet/app-1")).isFalse();
  }
}
