package dev.hotpatch.operator.devtools;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * The manifests of {@code examples/*.yaml} as the build bundles them into the jar ({@code
 * demo/examples/}, see pom.xml), so that the demo runs from any folder: nothing is read from the
 * working directory.
 */
public final class BundledExamples {
  /** The folder on the classpath. */
  static final String FOLDER = "/demo/examples";

  /** A file the folder always holds; found first, as folders cannot be looked up in every jar. */
  private static final String ANCHOR = FOLDER + "/patchbaselines.yaml";

  /** What the demo prints for where its manifests came from. */
  public static final String DESCRIPTION = "examples/*.yaml bundled in the jar";

  private BundledExamples() {}

  /** Work on the files of a folder while it is open (a jar's file system closes afterwards). */
  interface FolderUse<T> {
    T apply(Path folder) throws IOException;
  }

  /** Calls {@code use} with the bundled folder: inside the jar, or under target/classes. */
  static <T> T open(FolderUse<T> use) throws IOException {
    URL url = BundledExamples.class.getResource(ANCHOR);
    if (url == null) {
      throw new IOException(
          "the demo's manifests ("
              + ANCHOR.substring(1)
              + ") are missing from the classpath: build the jar with `mvn package`, or pass"
              + " --examples FOLDER");
    }
    URI uri;
    try {
      uri = url.toURI();
    } catch (URISyntaxException e) {
      throw new IOException("bad classpath URL " + url, e);
    }
    if (!"jar".equals(uri.getScheme())) {
      return use.apply(Path.of(uri).getParent());
    }
    FileSystem opened = null;
    FileSystem fs;
    try {
      fs = opened = FileSystems.newFileSystem(uri, Map.of());
    } catch (FileSystemAlreadyExistsException e) {
      fs = FileSystems.getFileSystem(uri);
    }
    try {
      return use.apply(fs.getPath(FOLDER));
    } finally {
      if (opened != null) {
        opened.close();
      }
    }
  }
}
