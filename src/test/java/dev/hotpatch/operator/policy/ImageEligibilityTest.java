package dev.hotpatch.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.operator.api.PatchBaselineSpec.OsFamily;
import dev.hotpatch.operator.azure.VmSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageEligibilityTest {

  @ParameterizedTest(name = "[{index}] {0}:{1}:{2} -> {3}")
  @CsvSource(
      nullValues = "null",
      textBlock =
          """
      MicrosoftWindowsServer, WindowsServer, 2022-datacenter-azure-edition-core,             WindowsServer2022AzureEdition
      MicrosoftWindowsServer, WindowsServer, 2022-datacenter-azure-edition-core-smalldisk,   WindowsServer2022AzureEdition
      MicrosoftWindowsServer, WindowsServer, 2022-datacenter-azure-edition-hotpatch,         WindowsServer2022AzureEdition
      MicrosoftWindowsServer, WindowsServer, 2022-datacenter-azure-edition-hotpatch-smalldisk, WindowsServer2022AzureEdition
      MicrosoftWindowsServer, WindowsServer, 2025-datacenter-azure-edition,                  WindowsServer2025AzureEdition
      MicrosoftWindowsServer, WindowsServer, 2025-datacenter-azure-edition-smalldisk,        WindowsServer2025AzureEdition
      MicrosoftWindowsServer, WindowsServer, 2025-datacenter-azure-edition-core,             WindowsServer2025AzureEdition
      MicrosoftWindowsServer, WindowsServer, 2025-datacenter-azure-edition-core-smalldisk,   WindowsServer2025AzureEdition
      microsoftwindowsserver, WINDOWSSERVER, 2022-Datacenter-Azure-Edition-Hotpatch,         WindowsServer2022AzureEdition
      MicrosoftWindowsServer, WindowsServer, 2025-DATACENTER-AZURE-EDITION,                  WindowsServer2025AzureEdition
      MicrosoftWindowsServer, WindowsServer, 2022-datacenter-azure-edition,                  null
      MicrosoftWindowsServer, WindowsServer, 2022-datacenter-azure-edition-smalldisk,        null
      MicrosoftWindowsServer, WindowsServer, 2019-datacenter,                                null
      MicrosoftWindowsServer, WindowsServer, 2022-datacenter,                                null
      MicrosoftWindowsServer, WindowsServer, 2025-datacenter,                                null
      MicrosoftWindowsServer, WindowsServer, null,                                           null
      MicrosoftWindowsServer, WindowsServerSemiAnnual, 2022-datacenter-azure-edition-hotpatch, null
      Canonical,              WindowsServer, 2022-datacenter-azure-edition-hotpatch,         null
      null,                   null,          null,                                           null
      '',                     '',            '',                                             null
      """)
  void eligibleExactlyForAzureEditionHotpatchSkus(
      String publisher, String offer, String sku, OsFamily family) {
    ImageEligibility.Result r = ImageEligibility.check(publisher, offer, sku);
    assertThat(r.eligible()).isEqualTo(family != null);
    assertThat(r.osFamily()).isEqualTo(family);
    assertThat(r.message()).isNotBlank();
    if (family == null) {
      assertThat(r.message()).contains("not eligible").contains(ImageEligibility.ELIGIBLE_SKU_LIST);
    }
  }

  @Test
  void messageNamesTheImage() {
    ImageEligibility.Result r =
        ImageEligibility.check(
            "MicrosoftWindowsServer", "WindowsServer", "2022-datacenter-azure-edition");
    assertThat(r.message())
        .startsWith(
            "image MicrosoftWindowsServer:WindowsServer:2022-datacenter-azure-edition is not eligible")
        .contains("2022-datacenter-azure-edition-hotpatch-smalldisk")
        .contains("2025-datacenter-azure-edition-core-smalldisk");
  }

  @Test
  void customImagesSaySo() {
    VmSnapshot.Image custom = new VmSnapshot.Image(null, null, null, null);
    assertThat(ImageEligibility.check(custom).message()).startsWith("custom image");
    assertThat(ImageEligibility.check((VmSnapshot.Image) null).eligible()).isFalse();
  }

  @Test
  void listsEightSkus() {
    assertThat(ImageEligibility.ELIGIBLE_SKUS).hasSize(8);
  }

  @Test
  void readsCreateTemplateImages() {
    assertThat(ImageEligibility.check(Fixtures.createTemplate().image).eligible()).isTrue();
  }
}
