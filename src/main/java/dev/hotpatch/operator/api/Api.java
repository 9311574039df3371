package dev.hotpatch.operator.api;

/** Names shared by the resources, the reconcilers and the tests. */
public final class Api {
  public static final String GROUP = "hotpatch.dev";
  public static final String VERSION = "v1alpha1";
  public static final String CATEGORY = "hotpatch";

  /** Azure subscription IDs are GUIDs. */
  public static final String GUID_PATTERN =
      "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

  /** Install filters take KB-prefixed numbers, as Azure requires. */
  public static final String KB_PATTERN = "^KB[0-9]+$";

  /** A Windows build without the 10.0 prefix: build.UBR, e.g. 20348.2700. */
  public static final String BUILD_PATTERN = "^[0-9]{5}\\.[0-9]+$";

  /**
   * The Hotpatch-eligible marketplace skus (lower case) as a CEL list body, for the CRD's rule on
   * create.image; a test keeps it equal to ImageEligibility's list.
   */
  public static final String ELIGIBLE_SKUS_CEL =
      "'2022-datacenter-azure-edition-core', '2022-datacenter-azure-edition-core-smalldisk',"
          + " '2022-datacenter-azure-edition-hotpatch',"
          + " '2022-datacenter-azure-edition-hotpatch-smalldisk', '2025-datacenter-azure-edition',"
          + " '2025-datacenter-azure-edition-smalldisk', '2025-datacenter-azure-edition-core',"
          + " '2025-datacenter-azure-edition-core-smalldisk'";

  private Api() {}
}
