import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Writes the properties file `--version` reads: the project's version and the git commit the
 * build was made from.
 *
 * <p>The commit is the one given, or, when that is {@code git}, what {@code git rev-parse
 * --short=12 HEAD} answers in the project's folder. Without git, outside a work tree (the image
 * build copies no .git), or when git fails or takes over 10 s, it is {@code unknown}: the build
 * never fails for it. The build runs this in generate-resources (pom.xml); the file is written only
 * when its content changes.
 *
 * <p>Usage: {@code java src/build/BuildInfoFile.java FILE VERSION PROJECT_DIR COMMIT|git}. JDK
 * only, run as a source file; under src/ so that the image build, which copies only pom.xml, src/,
 * crds/ and examples/, has it.
 */
public class BuildInfoFile {
  static final String UNKNOWN = "unknown";
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{4,64}");

  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      System.err.println("usage: java BuildInfoFile.java FILE VERSION PROJECT_DIR COMMIT|git");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    String commit = args[3].strip().equals("git") ? fromGit(Path.of(args[2])) : args[3].strip();
    if (!COMMIT.matcher(commit).matches()) {
      commit = UNKNOWN;
    }
    String text =
        "# Written by src/build/BuildInfoFile.java at build time; read by --version.\n"
            + "version="
            + args[1].strip()
            + "\ncommit="
            + commit
            + "\n";
    if (Files.isRegularFile(file)
        && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
      return;
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** The short commit of HEAD, or {@link #UNKNOWN} when git cannot say. */
  static String fromGit(Path dir) {
    Path out = null;
    try {
      out = Files.createTempFile("hotpatch-commit", ".txt");
      Process git =
          new ProcessBuilder("git", "-C", dir.toString(), "rev-parse", "--short=12", "HEAD")
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File(nullDevice())))
              .redirectOutput(out.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!git.waitFor(10, TimeUnit.SECONDS)) {
        git.destroyForcibly();
        return UNKNOWN;
      }
      String commit = Files.readString(out, StandardCharsets.UTF_8).strip();
      return git.exitValue() == 0 && COMMIT.matcher(commit).matches() ? commit : UNKNOWN;
    } catch (IOException e) {
      return UNKNOWN; // no git on the PATH
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return UNKNOWN;
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException ignored) {
          // a temporary file left behind
        }
      }
    }
  }

  private static String nullDevice() {
    return System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null";
  }
}
