package dev.hotpatch.operator.policy;

import dev.hotpatch.operator.api.PatchBaselineSpec.OsFamily;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Windows OS build: the build number (20348 = Server 2022, 26100 = Server 2025) and the update
 * build revision (UBR), which every cumulative update or hotpatch raises.
 */
public record OsBuild(int build, int ubr) implements Comparable<OsBuild> {
  public static final int WS2022 = 20348;
  public static final int WS2025 = 26100;

  // Azure reports "10.0.20348.2700"; specs say "20348.2700"; osName-style strings add a prefix.
  private static final Pattern FORMAT =
      Pattern.compile(
          "^(?:Microsoft Windows NT\\s+)?(?:10\\.0\\.)?([0-9]{5})\\.([0-9]{1,9})$",
          Pattern.CASE_INSENSITIVE);
  private static final Comparator<OsBuild> ORDER =
      Comparator.comparingInt(OsBuild::build).thenComparingInt(OsBuild::ubr);

  public OsBuild {
    if (build < 0 || ubr < 0) {
      throw new IllegalArgumentException("negative OS build " + build + "." + ubr);
    }
  }

  /** Parses any of the three spellings; throws IllegalArgumentException naming the text. */
  public static OsBuild parse(String text) {
    return tryParse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "not an OS build: \"" + text + "\" (want e.g. 20348.2700 or 10.0.20348.2700)"));
  }

  public static Optional<OsBuild> tryParse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new OsBuild(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
  }

  /** The OS this build belongs to; empty for builds of other Windows versions. */
  public Optional<OsFamily> family() {
    return switch (build) {
      case WS2022 -> Optional.of(OsFamily.WindowsServer2022AzureEdition);
      case WS2025 -> Optional.of(OsFamily.WindowsServer2025AzureEdition);
      default -> Optional.empty();
    };
  }

  /** The build number every build of that OS carries. */
  public static int buildNumberOf(OsFamily family) {
    return switch (family) {
      case WindowsServer2022AzureEdition -> WS2022;
      case WindowsServer2025AzureEdition -> WS2025;
    };
  }

  /** Same OS (same build number): only then do UBRs compare meaningfully. */
  public boolean sameFamilyAs(OsBuild other) {
    return build == other.build;
  }

  public boolean isOlderThan(OsBuild other) {
    return compareTo(other) < 0;
  }

  public boolean isNewerThan(OsBuild other) {
    return compareTo(other) > 0;
  }

  @Override
  public int compareTo(OsBuild other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return build + "." + ubr;
  }
}
