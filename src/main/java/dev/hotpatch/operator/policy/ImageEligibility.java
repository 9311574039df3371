package dev.hotpatch.operator.policy;

import dev.hotpatch.operator.api.PatchBaselineSpec.OsFamily;
import dev.hotpatch.operator.api.VmCreateTemplate;
import dev.hotpatch.operator.azure.VmSnapshot;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Which marketplace images can run Hotpatch: Windows Server Azure Edition, and only these skus. */
public final class ImageEligibility {
  public static final String PUBLISHER = "MicrosoftWindowsServer";
  public static final String OFFER = "WindowsServer";

  /** Eligible skus (lower case) and the OS they bring, in the order messages list them. */
  public static final Map<String, OsFamily> ELIGIBLE_SKUS = eligibleSkus();

  /** The eligible skus as one readable line, for messages. */
  public static final String ELIGIBLE_SKU_LIST = String.join(", ", ELIGIBLE_SKUS.keySet());

  /**
   * Eligible: osFamily is set; not eligible: osFamily is null. The message always names the image.
   */
  public record Result(boolean eligible, OsFamily osFamily, String message) {}

  private ImageEligibility() {}

  public static Result check(VmSnapshot.Image image) {
    return image == null
        ? check(null, null, null)
        : check(image.publisher(), image.offer(), image.sku());
  }

  public static Result check(VmCreateTemplate.ImageRef image) {
    return image == null ? check(null, null, null) : check(image.publisher, image.offer, image.sku);
  }

  public static Result check(String publisher, String offer, String sku) {
    // Custom and gallery images carry no marketplace publisher: Hotpatch needs the marketplace
    // image.
    if (publisher == null || publisher.isBlank()) {
      return notEligible("custom image (no marketplace publisher, offer and sku)");
    }
    String name = publisher + ":" + offer + ":" + sku;
    OsFamily family = sku == null ? null : ELIGIBLE_SKUS.get(sku.toLowerCase(Locale.ROOT));
    if (!PUBLISHER.equalsIgnoreCase(publisher)
        || !OFFER.equalsIgnoreCase(offer)
        || family == null) {
      return notEligible("image " + name);
    }
    return new Result(true, family, "image " + name + " is eligible for Hotpatch (" + family + ")");
  }

  private static Result notEligible(String what) {
    return new Result(
        false,
        null,
        what
            + " is not eligible for Hotpatch; eligible images are "
            + PUBLISHER
            + ":"
            + OFFER
            + " with sku "
            + ELIGIBLE_SKU_LIST);
  }

  private static Map<String, OsFamily> eligibleSkus() {
    Map<String, OsFamily> skus = new LinkedHashMap<>();
    for (String sku :
        new String[] {
          "2022-datacenter-azure-edition-core",
          "2022-datacenter-azure-edition-core-smalldisk",
          "2022-datacenter-azure-edition-hotpatch",
          "2022-datacenter-azure-edition-hotpatch-smalldisk"
        }) {
      skus.put(sku, OsFamily.WindowsServer2022AzureEdition);
    }
    for (String sku :
        new String[] {
          "2025-datacenter-azure-edition",
          "2025-datacenter-azure-edition-smalldisk",
          "2025-datacenter-azure-edition-core",
          "2025-datacenter-azure-edition-core-smalldisk"
        }) {
      skus.put(sku, OsFamily.WindowsServer2025AzureEdition);
    }
    return java.util.Collections.unmodifiableMap(skus);
  }
}
