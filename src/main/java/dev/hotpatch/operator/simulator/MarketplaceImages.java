package dev.hotpatch.operator.simulator;

import java.util.Locale;
import java.util.Set;

/** The marketplace Windows Server images the simulator knows, and which of them run Hotpatch. */
public final class MarketplaceImages {
  public static final String PUBLISHER = "MicrosoftWindowsServer";
  public static final String OFFER = "WindowsServer";

  /** Hotpatch-capable Azure Edition skus (lower case). */
  public static final Set<String> HOTPATCH_SKUS =
      Set.of(
          "2022-datacenter-azure-edition-core",
          "2022-datacenter-azure-edition-core-smalldisk",
          "2022-datacenter-azure-edition-hotpatch",
          "2022-datacenter-azure-edition-hotpatch-smalldisk",
          "2025-datacenter-azure-edition",
          "2025-datacenter-azure-edition-smalldisk",
          "2025-datacenter-azure-edition-core",
          "2025-datacenter-azure-edition-core-smalldisk");

  /** Other skus of the WindowsServer offer that exist but cannot hotpatch. */
  public static final Set<String> OTHER_SKUS =
      Set.of(
          "2022-datacenter-azure-edition",
          "2022-datacenter-azure-edition-smalldisk",
          "2022-datacenter",
          "2022-datacenter-g2",
          "2022-datacenter-core",
          "2025-datacenter",
          "2025-datacenter-g2",
          "2019-datacenter");

  private MarketplaceImages() {}

  public static boolean isHotpatchCompatible(String publisher, String offer, String sku) {
    return eq(publisher, PUBLISHER)
        && eq(offer, OFFER)
        && sku != null
        && HOTPATCH_SKUS.contains(sku.toLowerCase(Locale.ROOT));
  }

  public static boolean exists(String publisher, String offer, String sku) {
    if (!eq(publisher, PUBLISHER) || !eq(offer, OFFER) || sku == null) {
      return false;
    }
    String s = sku.toLowerCase(Locale.ROOT);
    return HOTPATCH_SKUS.contains(s) || OTHER_SKUS.contains(s);
  }

  /** The OS build a fresh VM of this sku starts on when none is given. */
  public static String defaultBuild(String sku) {
    return sku != null && sku.startsWith("2025") ? "26100.2700" : "20348.2700";
  }

  private static boolean eq(String a, String b) {
    return a != null && a.equalsIgnoreCase(b);
  }
}
