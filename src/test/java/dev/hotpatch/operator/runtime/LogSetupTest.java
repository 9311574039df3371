package dev.hotpatch.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LogSetupTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger("dev.hotpatch.operator.test");
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @AfterAll
  static void restore() {
    LogSetup.configure("info", "text");
  }

  @Test
  void jsonFormatWritesOneObjectPerLine() throws Exception {
    LogSetup.configure("info", "json", out);
    MDC.put("resource", "fleet/vm-1");
    try {
      LOG.info("Reconciled {} in {} ms", "vm-1", 42);
      LOG.warn("Azure said \"no\"\nsecond line", new IllegalStateException("boom"));
    } finally {
      MDC.clear();
    }
    List<JsonNode> lines = lines();
    assertThat(lines).hasSize(2);
    JsonNode first = lines.get(0);
    assertThat(first.get("level").asText()).isEqualTo("INFO");
    assertThat(first.get("logger").asText()).isEqualTo("dev.hotpatch.operator.test");
    assertThat(first.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
    assertThat(first.get("message").asText()).isEqualTo("Reconciled vm-1 in 42 ms");
    assertThat(first.get("time").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    assertThat(first.get("mdc").get("resource").asText()).isEqualTo("fleet/vm-1");
    assertThat(first.has("exception")).isFalse();
    JsonNode second = lines.get(1);
    assertThat(second.get("message").asText()).isEqualTo("Azure said \"no\"\nsecond line");
    assertThat(second.get("exception").asText())
        .startsWith("java.lang.IllegalStateException: boom")
        .contains("at dev.hotpatch.operator.runtime.LogSetupTest");
  }

  @Test
  void levelFiltersAndLibrariesAreQuietAtInfo() throws Exception {
    LogSetup.configure("WARN", "json", out);
    LOG.info("hidden");
    LOG.warn("shown");
    LoggerFactory.getLogger("io.netty.channel").warn("netty warn shown");
    assertThat(lines())
        .extracting(n -> n.get("message").asText())
        .containsExactly("shown", "netty warn shown");

    out.reset();
    LogSetup.configure("info", "json", out);
    LoggerFactory.getLogger("io.netty.channel").info("netty info hidden");
    LOG.debug("debug hidden");
    assertThat(out.size()).isZero();

    LogSetup.configure("debug", "json", out);
    LOG.debug("debug shown");
    LoggerFactory.getLogger("io.netty.channel").debug("netty debug shown");
    assertThat(lines()).hasSize(2);
  }

  @Test
  void textFormatUsesThePattern() {
    LogSetup.configure("info", "text", out);
    LOG.info("Hello {}", "world");
    LOG.error("Failed", new RuntimeException("kaput"));
    MDC.put("resource", "fleet/vm-1");
    try {
      LOG.info("With context");
    } finally {
      MDC.clear();
    }
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains(" - Hello world" + System.lineSeparator())
        .contains(" - With context [resource=fleet/vm-1]");
    assertThat(text)
        .containsPattern(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  \\[[^]]+\\] dev\\.hotpatch\\.operator\\.test - Hello world\\R");
    assertThat(text).contains("ERROR").contains("java.lang.RuntimeException: kaput");
  }

  @Test
  void secretsAreNeverWritten() throws Exception {
    String secret = "s3cr3t-Value~123";
    String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcGVyYXRvciJ9.c2lnbmF0dXJlLXZhbHVl";
    for (String format : List.of("json", "text")) {
      out.reset();
      LogSetup.configure("info", format, out);
      MDC.put("clientSecret", secret);
      try {
        LOG.info("env AZURE_CLIENT_SECRET={} password: {}", secret, secret);
        LOG.info("{\"client_secret\":\"" + secret + "\",\"tenant\":\"t1\"}");
        LOG.info("Authorization: Bearer {}", jwt);
        LOG.info("token {}", jwt);
        LOG.error("call failed", new IllegalArgumentException("bad client_secret=" + secret));
      } finally {
        MDC.clear();
      }
      String written = out.toString(StandardCharsets.UTF_8);
      assertThat(written)
          .as(format)
          .doesNotContain(secret)
          .doesNotContain(jwt)
          .contains(Redactor.MASK);
      assertThat(written).as(format).contains("t1");
    }
  }

  @Test
  void redactorKeepsOrdinaryText() {
    String plain =
        "VM vm-1 (rg/sub) moved to baseline KB5041160 build 20348.2700; secretRef=azure-creds";
    assertThat(Redactor.redact(plain)).isEqualTo(plain);
    assertThat(Redactor.redact(null)).isNull();
    assertThat(Redactor.redact("password=hunter2&user=me")).isEqualTo("password=***&user=me");
    assertThat(Redactor.isSecretKey("AZURE_CLIENT_SECRET")).isTrue();
    assertThat(Redactor.isSecretKey("resource")).isFalse();
  }

  @Test
  void badLevelOrFormatIsRejected() {
    assertThatThrownBy(() -> LogSetup.configure("loud", "json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("log level");
    assertThatThrownBy(() -> LogSetup.configure("info", "xml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("log format");
  }

  private List<JsonNode> lines() throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\\R")) {
      if (!line.isBlank()) {
        nodes.add(JSON.readTree(line));
      }
    }
    return nodes;
  }
}
