package dev.hotpatch.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * CHANGELOG.md as Keep a Changelog 1.1.0 writes one: [Unreleased] first, then each release as
 * {@code ## [X.Y.Z] - YYYY-MM-DD}, newest first; only its kinds of change as subsections; and a
 * link reference at the bottom for every version heading ([Unreleased] compares the newest tag with
 * HEAD).
 */
class ChangelogTest {
  static final Path CHANGELOG = Chart.ROOT.resolve("CHANGELOG.md");
  static final String REPOSITORY = "https://github.com/hotpatch-dev/hotpatch-operator";

  private static final Pattern VERSION_HEADING = Pattern.compile("^## \\[([^]]+)](.*)$");
  private static final Pattern RELEASE = Pattern.compile("^ - (\\d{4}-\\d{2}-\\d{2})$");
  private static final Pattern REFERENCE = Pattern.compile("^\\[([^]]+)]: (\\S+)$");
  private static final List<String> KINDS =
      List.of("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security");

  @Test
  void unreleasedFirstThenDatedReleasesNewestFirstEachWithALinkReference() {
    List<String> versions = new ArrayList<>();
    Map<String, LocalDate> dates = new LinkedHashMap<>();
    Map<String, String> references = new LinkedHashMap<>();
    for (String line : Chart.read(CHANGELOG).split("\n", -1)) {
      Matcher heading = VERSION_HEADING.matcher(line);
      if (heading.matches()) {
        String version = heading.group(1);
        versions.add(version);
        if (!version.equals("Unreleased")) {
          Matcher date = RELEASE.matcher(heading.group(2));
          assertThat(date.matches())
              .as("%s: a release heading ends with - YYYY-MM-DD", line)
              .isTrue();
          dates.put(version, LocalDate.parse(date.group(1)));
        }
      } else if (line.startsWith("### ")) {
        assertThat(KINDS)
            .as("a Keep a Changelog kind of change: %s", line)
            .contains(line.substring(4));
      }
      Matcher reference = REFERENCE.matcher(line);
      if (reference.matches()) {
        references.put(reference.group(1), reference.group(2));
      }
    }
    assertThat(versions).first().isEqualTo("Unreleased");
    List<String> released = versions.subList(1, versions.size());
    assertThat(released).isNotEmpty().allMatch(v -> v.matches("\\d+\\.\\d+\\.\\d+"));
    List<LocalDate> byHeading = released.stream().map(dates::get).toList();
    assertThat(byHeading)
        .as("release dates, newest first")
        .isSortedAccordingTo((a, b) -> b.compareTo(a));
    assertThat(references.keySet()).as("link references").containsExactlyElementsOf(versions);
    assertThat(references.get("Unreleased"))
        .isEqualTo(REPOSITORY + "/compare/v" + released.get(0) + "...HEAD");
    for (int i = 0; i < released.size(); i++) {
      String version = released.get(i);
      assertThat(references.get(version))
          .as(version)
          .isEqualTo(
              i + 1 < released.size()
                  ? REPOSITORY + "/compare/v" + released.get(i + 1) + "...v" + version
                  : REPOSITORY + "/releases/tag/v" + version);
    }
  }
}
