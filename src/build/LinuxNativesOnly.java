import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies a jar into a folder under its own name without the native libraries Linux cannot load:
 * an entry that is a native library (.so, .dll, .dylib, .jnilib, .a) and whose path does not name
 * Linux is left out, and so is a folder left empty by that. Every other entry is copied as it is,
 * in its order and with its time, so the copy is as reproducible as the jar.
 *
 * <p>The build runs it on JNA for the production image's lib/ (pom.xml, package phase): JNA ships
 * libjnidispatch for Windows, macOS, Solaris, AIX and the BSDs in one jar.
 *
 * <p>Usage: {@code java src/build/LinuxNativesOnly.java JAR DIR}. JDK only, run as a source file;
 * under src/ so that the image build, which copies only pom.xml, src/ and crds/, has it.
 */
public class LinuxNativesOnly {
  private static final Pattern NATIVE_LIBRARY =
      Pattern.compile(".*\\.(so|dll|dylib|jnilib|a)$|.*\\.so\\.[0-9.]+$");

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: java LinuxNativesOnly.java JAR DIR");
      System.exit(2);
    }
    Path jar = Path.of(args[0]);
    Path target = Path.of(args[1]).resolve(jar.getFileName());
    Files.createDirectories(target.getParent());
    try (ZipFile in = new ZipFile(jar.toFile())) {
      List<? extends ZipEntry> entries = Collections.list(in.entries());
      List<String> kept = new ArrayList<>();
      for (ZipEntry e : entries) {
        if (!e.isDirectory() && !otherSystemsNative(e.getName())) {
          kept.add(e.getName());
        }
      }
      try (OutputStream file = Files.newOutputStream(target);
          ZipOutputStream out = new ZipOutputStream(file)) {
        for (ZipEntry e : entries) {
          String name = e.getName();
          boolean keep =
              e.isDirectory()
                  ? kept.stream().anyMatch(k -> k.startsWith(name))
                  : kept.contains(name);
          if (!keep) {
            continue;
          }
          ZipEntry copy = new ZipEntry(name);
          copy.setTime(e.getTime());
          out.putNextEntry(copy);
          try (InputStream data = in.getInputStream(e)) {
            data.transferTo(out);
          }
          out.closeEntry();
        }
      }
    }
  }

  static boolean otherSystemsNative(String name) {
    return NATIVE_LIBRARY.matcher(name).matches()
        && !name.toLowerCase(Locale.ROOT).contains("linux");
  }
}
