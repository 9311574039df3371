package dev.hotpatch.operator.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.cli.Main;
import dev.hotpatch.operator.devtools.LocalKubernetes;
import dev.hotpatch.operator.reconciler.Conditions;
import dev.hotpatch.operator.simulator.ArmSimulator;
import dev.hotpatch.operator.simulator.FleetSeed;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production image's content, {@code target/image/} (what the Dockerfile copies to /app), as
 * {@code mvn package} builds it: its dependency set, no development code, and the operator running
 * from it alone. Runs in the integration-test phase, after the jars exist.
 */
class ProductionArtifactTest {
  /** The build folder's image/ ({@code -Dhp.buildDir} moves the build; the pom passes it on). */
  static final Path IMAGE =
      Path.of(System.getProperty("hp.buildDir", "target")).resolve("image").toAbsolutePath();

  static final Path JAR = IMAGE.resolve("hotpatch-operator-production.jar");
  static final Path LIB = IMAGE.resolve("lib");
  static final Path REVIEWED = Path.of("src/test/resources/production-dependencies.txt");

  /** Whatever the reviewed list says, none of these may be in the image. */
  static final List<String> NEVER =
      List.of(
          "kubernetes-server-mock",
          "mockwebserver",
          "vertx-",
          "kube-api-test",
          "junit-",
          "opentest4j",
          "bcprov-",
          "commons-compress",
          "-osx-",
          "-windows-",
          "kqueue",
          "macos");

  @TempDir Path elsewhere;

  private static List<String> libJars() throws IOException {
    try (Stream<Path> files = Files.list(LIB)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theLibFolderHoldsExactlyTheReviewedProductionSet() throws IOException {
    List<String> jars = libJars();
    if (Boolean.getBoolean("hp.updateDeploy")) {
      Files.writeString(REVIEWED, String.join("\n", jars) + "\n");
    }
    assertThat(jars)
        .as(
            "the image's lib/ against %s (a dependency added or upgraded: review it, then"
                + " rewrite the list with -Dhp.updateDeploy=true)",
            REVIEWED)
        .containsExactlyElementsOf(Files.readAllLines(REVIEWED).stream().sorted().toList());
  }

  @Test
  void noMockServerVertxKubeApiTestJunitOrOtherSystemsNativeLibraries() throws IOException {
    for (String jar : libJars()) {
      assertThat(NEVER).as(jar).noneMatch(jar::contains);
    }
  }

  /** A native library: what a JNI loader (JNA, Netty) unpacks and loads. */
  private static final Pattern NATIVE_LIBRARY =
      Pattern.compile(".*\\.(so|dll|dylib|jnilib|a)$|.*\\.so\\.[0-9.]+$");

  /** Native libraries the Linux image can never load: other systems' formats or folders. */
  private static final Pattern OTHER_SYSTEMS =
      Pattern.compile(
          ".*(\\.dll|\\.dylib|\\.jnilib)$"
              + "|.*(win32-|windows|darwin|osx|macos|sunos|solaris|freebsd|openbsd|netbsd|dragonfly"
              + "|aix).*");

  @Test
  void noJarOfTheImageHoldsNativeLibrariesForOtherSystems() throws IOException {
    List<String> found = new ArrayList<>();
    List<Path> jars = new ArrayList<>(List.of(JAR));
    libJars().forEach(name -> jars.add(LIB.resolve(name)));
    for (Path jar : jars) {
      try (JarFile file = new JarFile(jar.toFile())) {
        file.stream()
            .map(e -> e.getName())
            .filter(e -> NATIVE_LIBRARY.matcher(e).matches())
            .filter(e -> OTHER_SYSTEMS.matcher(e.toLowerCase(Locale.ROOT)).matches())
            .forEach(e -> found.add(jar.getFileName() + "!/" + e));
      }
    }
    assertThat(found).as("native libraries in the image that Linux cannot load").isEmpty();
  }

  /**
   * JNA stays in the image: DefaultAzureCredential's chain (IntelliJ, VS Code, PowerShell
   * credentials) calls {@code com.sun.jna.Platform} once workload and managed identity are
   * unavailable; without JNA a misconfigured pod gets a NoClassDefFoundError instead of the chain's
   * message naming every credential it tried.
   */
  @Test
  void theImagesDefaultAzureCredentialRunsItsChainToTheEnd() throws Exception {
    Path probe = elsewhere.resolve("Probe.java");
    Files.writeString(
        probe,
        """
        public class Probe {
          public static void main(String[] args) {
            try {
              new com.azure.identity.DefaultAzureCredentialBuilder().build().getTokenSync(
                  new com.azure.core.credential.TokenRequestContext()
                      .addScopes("https://management.azure.com/.default"));
              System.out.println("PROBE token");
            } catch (Throwable e) {
              System.out.println("PROBE " + e.getClass().getName() + ": " + e.getMessage());
            }
          }
        }
        """);
    List<String> command = java();
    command.remove(Main.class.getName());
    command.add(probe.toString());
    ProcessBuilder builder = new ProcessBuilder(command).directory(elsewhere.toFile());
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("AZURE_") || k.startsWith("IDENTITY_"));
    builder.environment().remove("MSI_ENDPOINT");
    builder.environment().put("HOME", elsewhere.toString());
    // Managed identity's IMDS on a closed local port: unavailable at once, so the chain goes on.
    try (ServerSocket closed = new ServerSocket(0)) {
      builder
          .environment()
          .put("AZURE_POD_IDENTITY_AUTHORITY_HOST", "http://127.0.0.1:" + closed.getLocalPort());
    }
    builder.redirectErrorStream(true).redirectOutput(elsewhere.resolve("probe.out").toFile());
    Process p = builder.start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("the credential probe still runs after 2 minutes");
    }
    String out = Files.readString(elsewhere.resolve("probe.out"), StandardCharsets.UTF_8);
    assertThat(out.lines().filter(l -> l.startsWith("PROBE ")))
        .as(out)
        .singleElement(STRING)
        .startsWith("PROBE com.azure.identity.CredentialUnavailableException");
    assertThat(out)
        .contains(
            "IntelliJ authentication not available",
            "AzureDeveloperCliCredential authentication unavailable")
        .doesNotContain("NoClassDefFoundError")
        .doesNotContain("UnsatisfiedLinkError");
  }

  @Test
  void theJarHoldsNoSimulatorFuzzerDemoOrBench() throws IOException {
    List<String> entries;
    try (JarFile jar = new JarFile(JAR.toFile())) {
      entries = jar.stream().map(e -> e.getName()).toList();
    }
    assertThat(entries).contains("dev/hotpatch/operator/cli/Main.class");
    assertThat(entries)
        .noneMatch(e -> e.startsWith("dev/hotpatch/operator/simulator/"))
        .noneMatch(e -> e.startsWith("dev/hotpatch/operator/safety/"))
        .noneMatch(e -> e.startsWith("dev/hotpatch/operator/devtools/"))
        .noneMatch(e -> e.startsWith("demo/"))
        .noneMatch(e -> e.startsWith("META-INF/services/") && !e.endsWith("/"));
  }

  @Test
  void everyClassTheJarUsesIsInTheImage() throws Exception {
    Exited jdeps =
        exec(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "jdeps").toString(),
                "--multi-release",
                "17",
                "-verbose:class",
                "--class-path",
                LIB.toAbsolutePath() + File.separator + "*",
                JAR.toAbsolutePath().toString()),
            Duration.ofMinutes(3));
    assertThat(jdeps.code()).as(jdeps.err()).isZero();
    assertThat(jdeps.out().lines().filter(l -> l.contains("not found")))
        .as("classes the production jar refers to that the image does not have")
        .isEmpty();
  }

  @Test
  void theImageRunsTheOperatorAndSaysTheDemoIsNotInIt() throws Exception {
    Exited demo = exec(java("demo", "--json"), Duration.ofSeconds(60));
    assertThat(demo.code()).as(demo.err()).isEqualTo(2);
    assertThat(demo.err()).contains("'demo' is not in the production image");
    Exited help = exec(java("--help"), Duration.ofSeconds(60));
    assertThat(help.out()).contains("run").doesNotContain("demo").doesNotContain("bench");

    try (LocalKubernetes kube = LocalKubernetes.start();
        ArmSimulator simulator =
            ArmSimulator.builder()
                .fleet(
                    FleetSeed.fromYaml(
                        Files.readString(Path.of("src/main/resources/demo/fleet.yaml"))))
                .start()) {
      kube.client()
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName("fleet").endMetadata().build())
          .create();
      kube.applyFolder(Path.of("examples"), "fleet");
      Process run =
          start(
              java(
                  "run",
                  "--kubeconfig",
                  kubeconfig(kube.client().getConfiguration().getMasterUrl()).toString(),
                  "--arm-endpoint",
                  simulator.endpoint(),
                  "--insecure-plain-http-arm",
                  "--http-port",
                  "0",
                  "--operation-poll-interval",
                  "1s",
                  "--fleet-refresh-interval",
                  "1s"));
      try {
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(200))
            .failFast("the operator exited", () -> !run.isAlive())
            .until(() -> ready(kube, "web-1"));
      } finally {
        run.destroy();
        run.waitFor(20, TimeUnit.SECONDS);
        run.destroyForcibly();
      }
      String logs = Files.readString(elsewhere.resolve("run.out"), StandardCharsets.UTF_8);
      assertThat(logs).doesNotContain("NoClassDefFoundError").doesNotContain("ClassNotFound");
    }
  }

  @Test
  void theImageForecastsRebootsFromManifestsAlone() throws Exception {
    Exited forecast =
        exec(
            java("forecast", "--files", Path.of("examples").toAbsolutePath().toString(), "--json"),
            Duration.ofSeconds(60));

    assertThat(forecast.code()).as(forecast.err()).isZero();
    assertThat(forecast.err()).doesNotContain("NoClassDefFoundError");
    assertThat(forecast.out()).contains("\"name\" : \"web-1\"", "planned baseline (commit ");
    assertThat(exec(java("--help"), Duration.ofSeconds(60)).out()).contains("forecast");
  }

  private static boolean ready(LocalKubernetes kube, String name) {
    HotpatchVM vm =
        kube.client().resources(HotpatchVM.class).inNamespace("fleet").withName(name).get();
    return vm != null
        && vm.getStatus() != null
        && Conditions.isTrue(vm.getStatus().conditions, Conditions.READY);
  }

  private static List<String> java(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(JAR.toAbsolutePath() + File.pathSeparator + LIB.toAbsolutePath() + "/*");
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    return command;
  }

  private Path kubeconfig(String server) throws IOException {
    Path file = elsewhere.resolve("kubeconfig");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster:
            server: %s
            insecure-skip-tls-verify: true
        users:
        - name: someone
          user:
            token: a-token
        contexts:
        - name: mock
          context: {cluster: mock, user: someone}
        current-context: mock
        """
            .formatted(server));
    return file;
  }

  private record Exited(int code, String out, String err) {}

  /** Started from a temporary folder, so nothing is read from the project's. */
  private Process start(List<String> command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(elsewhere.toFile());
    builder.environment().remove("KUBECONFIG");
    builder.environment().remove("KUBERNETES_SERVICE_HOST");
    builder.environment().remove("ARM_ENDPOINT");
    builder.environment().put("HOME", elsewhere.toString());
    builder.redirectErrorStream(true).redirectOutput(elsewhere.resolve("run.out").toFile());
    return builder.start();
  }

  private Exited exec(List<String> command, Duration timeout) throws Exception {
    File out = elsewhere.resolve("exec.out").toFile();
    File err = elsewhere.resolve("exec.err").toFile();
    Process p =
        new ProcessBuilder(command)
            .directory(elsewhere.toFile())
            .redirectOutput(out)
            .redirectError(err)
            .start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError(String.join(" ", command) + " still running after " + timeout);
    }
    return new Exited(
        p.exitValue(),
        Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }
}
