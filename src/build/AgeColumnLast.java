import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Moves the Age printer column (jsonPath .metadata.creationTimestamp) to the end of every
 * additionalPrinterColumns list in the CRD YAML files of a directory, as built-in kinds show it.
 *
 * <p>Fabric8's CRD generator (7.5.2) orders printer columns by jsonPath, so .metadata comes before
 * .spec and .status, and the annotations cannot change that (fabric8io/kubernetes-client#7454).
 * The build runs this on the generated files (pom.xml, process-classes, after the generator);
 * nothing else in the files changes, and running it twice changes nothing more.
 *
 * <p>Usage: {@code java src/build/AgeColumnLast.java DIR}. JDK only, run as a source file; under
 * src/ so that the image build, which copies only pom.xml, src/ and crds/, has it.
 */
public class AgeColumnLast {
  private static final String AGE_PATH = "jsonPath: \".metadata.creationTimestamp\"";

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: java AgeColumnLast.java DIR");
      System.exit(2);
    }
    try (Stream<Path> files = Files.list(Path.of(args[0]))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String moved = ageLast(text);
        if (!moved.equals(text)) {
          Files.writeString(file, moved, StandardCharsets.UTF_8);
        }
      }
    }
  }

  static String ageLast(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).trim().replaceFirst("^- ", "").equals("additionalPrinterColumns:")) {
        continue;
      }
      int start = i + 1;
      if (start >= lines.size() || !lines.get(start).trim().startsWith("- ")) {
        continue;
      }
      int indent = indent(lines.get(start));
      // The list's items: each starts with "- " at indent, its other lines are deeper.
      List<List<String>> items = new ArrayList<>();
      int end = start;
      while (end < lines.size()) {
        String line = lines.get(end);
        boolean itemStart = indent(line) == indent && line.trim().startsWith("- ");
        if (itemStart) {
          items.add(new ArrayList<>());
        } else if (line.isBlank() || indent(line) <= indent) {
          break;
        }
        items.get(items.size() - 1).add(line);
        end++;
      }
      List<List<String>> ordered = new ArrayList<>();
      List<List<String>> age = new ArrayList<>();
      for (List<String> item : items) {
        (item.stream().anyMatch(l -> l.trim().replaceFirst("^- ", "").equals(AGE_PATH))
                ? age
                : ordered)
            .add(item);
      }
      ordered.addAll(age);
      List<String> replacement = new ArrayList<>();
      ordered.forEach(replacement::addAll);
      for (int j = start; j < end; j++) {
        lines.set(j, replacement.get(j - start));
      }
      i = end - 1;
    }
    return String.join("\n", lines);
  }

  private static int indent(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return n;
  }
}
