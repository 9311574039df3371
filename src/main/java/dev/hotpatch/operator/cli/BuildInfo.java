package dev.hotpatch.operator.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version and commit of this build, for {@code --version} and the start-up log line. Read from
 * {@code build-info.properties}, which the build writes (src/build/BuildInfoFile.java, in
 * generate-resources): the pom's version and {@code git rev-parse --short=12 HEAD}, or {@code
 * unknown} when the build had no git (the image build copies no .git, unless given the commit).
 */
public final class BuildInfo implements IVersionProvider {
  static final String RESOURCE = "/dev/hotpatch/operator/build-info.properties";
  static final String UNKNOWN = "unknown";

  private record Read(String version, String commit) {}

  private static final Read CURRENT = load();

  /** For picocli, which makes version providers by reflection. */
  public BuildInfo() {}

  /** The pom's version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} outside a Maven build. */
  public static String version() {
    return CURRENT.version();
  }

  /** The commit built from (12 hex digits), or {@code unknown}. */
  public static String commit() {
    return CURRENT.commit();
  }

  /** "hotpatch-operator 0.1.0 (commit 0123456789ab)". */
  public static String describe() {
    return "hotpatch-operator " + version() + " (commit " + commit() + ")";
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      describe(),
      "Java "
          + System.getProperty("java.version")
          + " ("
          + System.getProperty("java.vendor")
          + "), "
          + System.getProperty("os.name")
          + " "
          + System.getProperty("os.arch")
    };
  }

  private static Read load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + RESOURCE, e);
    }
    String manifest = BuildInfo.class.getPackage().getImplementationVersion();
    return new Read(
        value(p.getProperty("version"), manifest), value(p.getProperty("commit"), null));
  }

  private static String value(String read, String fallback) {
    if (read != null && !read.isBlank()) {
      return read.strip();
    }
    return fallback != null && !fallback.isBlank() ? fallback : UNKNOWN;
  }
}
