package dev.hotpatch.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpatch.operator.devtools.BundledExamples;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user runs it: a JVM of its own on the built classes, started from a folder
 * that is not the project's (nothing may be read from the working directory).
 */
class CliProcessTest {
  @TempDir Path elsewhere;

  private record Exited(int code, String out, String err, Duration took) {}

  private Exited hotpatchOperator(Map<String, String> env, Duration timeout, String... args)
      throws Exception {
    return hotpatchOperator(classpath(), env, timeout, args);
  }

  private Exited hotpatchOperator(
      String classpath, Map<String, String> env, Duration timeout, String... args)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(classpath);
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(elsewhere.toFile());
    builder.environment().remove("KUBECONFIG");
    builder.environment().remove("KUBERNETES_SERVICE_HOST");
    builder.environment().remove("ARM_ENDPOINT");
    builder.environment().put("HOME", elsewhere.toString());
    builder.environment().putAll(env);
    File out = elsewhere.resolve("stdout.txt").toFile();
    File err = elsewhere.resolve("stderr.txt").toFile();
    builder.redirectOutput(out).redirectError(err);
    long started = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(
          String.join(" ", args)
              + " still running after "
              + timeout
              + "; stdout:\n"
              + Files.readString(out.toPath())
              + "\nstderr:\n"
              + Files.readString(err.toPath()));
    }
    return new Exited(
        process.exitValue(),
        Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8),
        Duration.ofNanos(System.nanoTime() - started));
  }

  /** The test classpath (Surefire sets java.class.path to it in its forked JVM). */
  private static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  /**
   * The classpath with the build's classes folder replaced by a jar of it, as `java -jar` runs: the
   * bundled examples are then read from inside a jar.
   */
  private String classpathWithTheClassesInAJar() throws IOException {
    List<String> entries = new ArrayList<>();
    boolean replaced = false;
    for (String entry : classpath().split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (!replaced && Files.isRegularFile(path.resolve("demo/examples/patchbaselines.yaml"))) {
        Path jar = elsewhere.resolve("hotpatch-operator.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
            var files = Files.walk(path)) {
          for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
            out.putNextEntry(
                new java.util.jar.JarEntry(path.relativize(f).toString().replace('\\', '/')));
            Files.copy(f, out);
            out.closeEntry();
          }
        }
        entries.add(jar.toString());
        replaced = true;
      } else {
        entries.add(entry);
      }
    }
    assertThat(replaced).as("the build's classes on %s", classpath()).isTrue();
    return String.join(File.pathSeparator, entries);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private Path kubeconfigFor(String server) throws IOException {
    Path file = elsewhere.resolve("kubeconfig");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: nowhere
          cluster:
            server: %s
            insecure-skip-tls-verify: true
        users:
        - name: someone
          user:
            token: not-a-token
        contexts:
        - name: nowhere-ctx
          context: {cluster: nowhere, user: someone}
        current-context: nowhere-ctx
        """
            .formatted(server));
    return file;
  }

  private static void assertOneClearLine(Exited exited, String url, String source) {
    String all = exited.out() + exited.err();
    assertThat(exited.code()).as(all).isEqualTo(1);
    assertThat(all)
        .as("the address it tried and how it got it")
        .contains(url)
        .contains(source)
        .contains("context nowhere-ctx")
        .contains("Cannot reach the Kubernetes API server");
    assertThat(all).as("no stack traces").doesNotContain("\tat ").doesNotContain("Exception in");
    assertThat(all.lines().filter(l -> !l.isBlank()).count()).as(all).isLessThanOrEqualTo(3);
    // JVM start included; the check itself fails at once on a closed port.
    assertThat(exited.took()).as(all).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void runWithAClosedPortSaysWhereItLookedInOneLineAndExits() throws Exception {
    String url = "https://127.0.0.1:" + closedPort();
    Path kubeconfig = kubeconfigFor(url);
    Exited exited = runWith(kubeconfig);
    assertOneClearLine(exited, url, "--kubeconfig " + kubeconfig);
  }

  /**
   * An address that takes the connection and never answers (a port bound and listening, nothing
   * ever read or written; the kernel completes the TCP handshake): `run` still ends within 10 s of
   * its start, JVM start included, with one line naming the server and where its address came from.
   */
  @Test
  void runAgainstAServerThatNeverAnswersEndsWithinTenSecondsInOneLine() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      for (String scheme : List.of("https", "http")) {
        String url = scheme + "://127.0.0.1:" + silent.getLocalPort();
        Path kubeconfig = kubeconfigFor(url);
        Exited exited = runWith(kubeconfig);
        String all = exited.out() + exited.err();
        assertThat(exited.code()).as(all).isEqualTo(1);
        assertThat(exited.took())
            .as("%s, all told: %s", url, all)
            .isLessThan(Duration.ofSeconds(10));
        List<String> lines = all.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as(all).hasSize(1);
        assertThat(lines.get(0))
            .contains("Cannot reach the Kubernetes API server at " + url)
            .containsAnyOf("no answer within 5 s", "connecting timed out")
            .contains("The address is from --kubeconfig " + kubeconfig + ", context nowhere-ctx");
      }
    }
  }

  /** `run` with this kubeconfig and no other configuration, given a minute. */
  private Exited runWith(Path kubeconfig) throws Exception {
    return hotpatchOperator(
        Map.of(),
        Duration.ofSeconds(60),
        "run",
        "--kubeconfig",
        kubeconfig.toString(),
        "--http-port",
        "0");
  }

  @Test
  void runFindsTheKubeconfigOfItsEnvironmentAndSaysSo() throws Exception {
    String url = "https://127.0.0.1:" + closedPort();
    Path kubeconfig = kubeconfigFor(url);
    Exited exited =
        hotpatchOperator(
            Map.of("KUBECONFIG", kubeconfig.toString()),
            Duration.ofSeconds(60),
            "run",
            "--http-port",
            "0");
    assertOneClearLine(exited, url, "kubeconfig " + kubeconfig + " ($KUBECONFIG)");
  }

  @Test
  void runRefusesAPlainHttpArmEndpointWithoutItsFlag() throws Exception {
    Exited exited =
        hotpatchOperator(
            Map.of("ARM_ENDPOINT", "http://127.0.0.1:9"),
            Duration.ofSeconds(60),
            "run",
            "--kubeconfig",
            kubeconfigFor("https://127.0.0.1:" + closedPort()).toString());
    String all = exited.out() + exited.err();
    assertThat(exited.code()).as(all).isEqualTo(2);
    assertThat(all).contains("--insecure-plain-http-arm").doesNotContain("\tat ");
  }

  /**
   * {@code --version}, and {@code run --version} (the image's entrypoint is {@code run}, so {@code
   * docker run IMAGE --version} asks that one): exit 0, the pom's version and the commit built
   * from, which is one of this repository's commits when the build ran in a git work tree, else
   * unknown.
   */
  @Test
  void versionPrintsThePomVersionAndTheCommit() throws Exception {
    Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    Matcher pom =
        Pattern.compile("<artifactId>hotpatch-operator</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(Files.readString(root.resolve("pom.xml")));
    assertThat(pom.find()).as("the project's version in pom.xml").isTrue();
    Pattern line =
        Pattern.compile(
            "(?m)^hotpatch-operator "
                + Pattern.quote(pom.group(1))
                + " \\(commit ([0-9a-f]{12}|unknown)\\)$");
    for (List<String> args : List.of(List.of("--version"), List.of("run", "--version"))) {
      Exited exited =
          hotpatchOperator(Map.of(), Duration.ofSeconds(60), args.toArray(String[]::new));
      assertThat(exited.code()).as("%s: %s", args, exited.err()).isZero();
      Matcher printed = line.matcher(exited.out());
      assertThat(printed.find()).as("%s printed %s", args, exited.out()).isTrue();
      assertThat(exited.out())
          .as("%s", args)
          .contains("Java " + System.getProperty("java.version"));
      String commit = printed.group(1);
      if (!commit.equals("unknown")) {
        assertThat(git(root, "cat-file", "-t", commit))
            .as("%s names a commit of this repository", commit)
            .isEqualTo("commit");
      } else {
        assertThat(git(root, "rev-parse", "--short=12", "HEAD"))
            .as("unknown only when the build could not ask git")
            .isNull();
      }
    }
  }

  /** What git answers in {@code dir}, or null when it cannot (no git, no work tree). */
  private static String git(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process git;
    try {
      git = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      return null;
    }
    String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    return git.waitFor() == 0 ? out : null;
  }

  @Test
  void theDemoRunsFromAnotherFolderOnItsJarAndItsJsonIsOneDocument() throws Exception {
    Exited exited =
        hotpatchOperator(
            classpathWithTheClassesInAJar(),
            Map.of(),
            Duration.ofSeconds(180),
            "demo",
            "--months",
            "0",
            "--json");
    assertThat(exited.code()).as(exited.err()).isZero();
    assertThat(exited.err())
        .as("progress goes to standard error, from the first moment")
        .startsWith("Starting the mock Kubernetes API server, the ARM simulator and the operator")
        .contains(BundledExamples.DESCRIPTION)
        .doesNotContain("NoSuchFileException");
    JsonNode report =
        new ObjectMapper()
            .readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .readValue(exited.out());
    assertThat(report.get("vms").size()).as(exited.out()).isEqualTo(8);
    assertThat(report.get("settled").asBoolean()).isTrue();
  }
}
