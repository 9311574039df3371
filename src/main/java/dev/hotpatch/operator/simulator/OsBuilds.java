package dev.hotpatch.operator.simulator;

import dev.hotpatch.operator.api.PatchBaselineSpec.OsFamily;
import java.util.Comparator;

/** OS builds ("20348.2700" = build.UBR): parsing, ordering, OS family and display names. */
public final class OsBuilds {
  /** Orders builds by build number, then UBR (numerically, not as text). */
  public static final Comparator<String> ORDER = OsBuilds::compare;

  private OsBuilds() {}

  public static int compare(String a, String b) {
    long[] x = parse(a);
    long[] y = parse(b);
    int c = Long.compare(x[0], y[0]);
    return c != 0 ? c : Long.compare(x[1], y[1]);
  }

  /** [build, ubr]; accepts "20348.2700" and "10.0.20348.2700". */
  static long[] parse(String build) {
    String[] parts = build.trim().split("\\.");
    if (parts.length < 2) {
      throw new IllegalArgumentException("not an OS build (build.UBR): " + build);
    }
    int n = parts.length;
    return new long[] {Long.parseLong(parts[n - 2]), Long.parseLong(parts[n - 1])};
  }

  public static int ubr(String build) {
    return (int) parse(build)[1];
  }

  public static String baseBuild(OsFamily os) {
    return os == OsFamily.WindowsServer2025AzureEdition ? "26100" : "20348";
  }

  public static OsFamily osOf(String build) {
    return parse(build)[0] == 26100
        ? OsFamily.WindowsServer2025AzureEdition
        : OsFamily.WindowsServer2022AzureEdition;
  }

  /** What the guest agent reports as instanceView.osVersion. */
  public static String osVersion(String build) {
    return "10.0." + build;
  }

  public static String osName(String build) {
    return osOf(build) == OsFamily.WindowsServer2025AzureEdition
        ? "Windows Server 2025 Datacenter Azure Edition"
        : "Windows Server 2022 Datacenter Azure Edition";
  }
}
