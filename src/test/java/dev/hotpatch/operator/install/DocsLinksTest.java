package dev.hotpatch.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The relative links of README.md, CHANGELOG.md and docs/*.md lead somewhere: to a file of the
 * repository and, for a Markdown file, to one of its headings (as GitHub makes anchors of them).
 */
class DocsLinksTest {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern FENCE = Pattern.compile("(?ms)^\\s*```.*?^\\s*```");

  static List<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(Chart.ROOT.resolve("README.md")));
    docs.add(Chart.ROOT.resolve("CHANGELOG.md"));
    try (Stream<Path> files = Files.list(Chart.ROOT.resolve("docs"))) {
      files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  /** GitHub's anchors of a Markdown file's headings (outside code blocks). */
  static Set<String> anchors(Path markdown) {
    Set<String> anchors = new TreeSet<>();
    Matcher m =
        Pattern.compile("(?m)^#+ (.+)$")
            .matcher(FENCE.matcher(Chart.read(markdown)).replaceAll(""));
    while (m.find()) {
      anchors.add(
          m.group(1).strip().toLowerCase().replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
    }
    return anchors;
  }

  @Test
  void everyRelativeLinkLeadsToAFileAndHeading() throws IOException {
    int links = 0;
    for (Path doc : documents()) {
      String text = FENCE.matcher(Chart.read(doc)).replaceAll("");
      Matcher link = LINK.matcher(text);
      while (link.find()) {
        String target = link.group(1);
        if (target.matches("^[a-z]+:.*")) {
          continue; // https:, mailto:
        }
        links++;
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path to = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
        String where = Chart.ROOT.relativize(doc) + ": " + target;
        assertThat(to).as(where).exists();
        assertThat(to.startsWith(Chart.ROOT)).as("%s stays in the repository", where).isTrue();
        if (hash >= 0 && to.toString().endsWith(".md")) {
          assertThat(anchors(to)).as(where).contains(target.substring(hash + 1));
        }
      }
    }
    assertThat(links).as("relative links found").isGreaterThan(20);
  }

  /**
   * The code's comments cite documents of this repository, not the design document that is not in
   * it (by its file name or as its possessive): docs/architecture.md is the design of record.
   */
  @Test
  void noSourceFileCitesADesignDocumentOutsideTheRepository() throws IOException {
    List<String> citing = new ArrayList<>();
    for (String root : List.of("src/main/java", "src/test/java", "src/build")) {
      try (Stream<Path> files = Files.walk(Chart.ROOT.resolve(root))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
          List<String> lines = Files.readAllLines(f);
          for (int i = 0; i < lines.size(); i++) {
            if (DESIGN_CITATION.matcher(lines.get(i)).find()) {
              citing.add(Chart.ROOT.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
            }
          }
        }
      }
    }
    assertThat(citing).as("cite docs/architecture.md instead").isEmpty();
  }

  private static final Pattern DESIGN_CITATION = Pattern.compile("\\bDESIGN('s|\\.md)");
}
