package dev.hotpatch.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.operator.api.PatchBaseline;
import dev.hotpatch.operator.api.PatchBaselineSpec;
import dev.hotpatch.operator.api.PatchBaselineStatus;
import dev.hotpatch.operator.cli.LocalKubernetes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A PatchBaseline's counts are written locked on the copy they were counted from. */
class LockedStatusPatchTest {
  private LocalKubernetes kube;

  @BeforeEach
  void start() {
    kube = LocalKubernetes.start();
    kube.client()
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("a").endMetadata().build())
        .create();
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  private PatchBaseline created() {
    PatchBaseline b = new PatchBaseline();
    b.setMetadata(new ObjectMetaBuilder().withName("ws2022").withNamespace("a").build());
    b.setSpec(new PatchBaselineSpec());
    return kube.client().resource(b).create();
  }

  private static PatchBaselineStatus counted(int targeted) {
    PatchBaselineStatus s = new PatchBaselineStatus();
    s.targeted = targeted;
    return s;
  }

  @Test
  void countsFromAnOlderCopyConflictAndLeaveTheNewerOnes() {
    PatchBaseline old = created();
    PatchBaseline written = LockedStatusPatch.write(kube.client(), old, counted(3));
    assertThat(written.getStatus().targeted).isEqualTo(3);
    assertThatThrownBy(() -> LockedStatusPatch.write(kube.client(), old, counted(1)))
        .isInstanceOf(StatusConflictException.class);
    assertThat(kube.client().resource(old).get().getStatus().targeted).isEqualTo(3);
    assertThat(LockedStatusPatch.write(kube.client(), written, counted(4)).getStatus().targeted)
        .isEqualTo(4);
  }
}
