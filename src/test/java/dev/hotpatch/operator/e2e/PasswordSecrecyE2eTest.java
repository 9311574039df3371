package dev.hotpatch.operator.e2e;

import static dev.hotpatch.operator.e2e.CreatedVm.NAME;
import static dev.hotpatch.operator.e2e.CreatedVm.PASSWORD;
import static dev.hotpatch.operator.e2e.CreatedVm.VM_ID;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.hotpatch.operator.api.HotpatchVM;
import dev.hotpatch.operator.reconciler.Conditions;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The admin password reaches Azure in the PUT and nowhere else: not logs, status, events or the
 * request log.
 */
class PasswordSecrecyE2eTest {
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Logger root;
  private Level rootLevel;
  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    // Everything, at every level, from the operator, JOSDK, Fabric8 and the Azure SDK.
    root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    rootLevel = root.getLevel();
    root.setLevel(Level.DEBUG);
    ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLogger("dev.hotpatch")
        .setLevel(Level.DEBUG);
    logs.start();
    root.addAppender(logs);
    h = OperatorHarness.startWithExampleBaselines();
  }

  @AfterEach
  void stop() {
    h.close();
    root.detachAppender(logs);
    root.setLevel(rootLevel);
    ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLogger("dev.hotpatch")
        .setLevel(Level.INFO);
  }

  @Test
  void passwordNeverAppearsInLogsStatusEventsOrTheRequestLog() throws Exception {
    // One refused attempt first, so error paths are covered too.
    h.simulator
        .faults()
        .failNext(
            "PUT",
            "(?i).*/virtualMachines/app-1$",
            400,
            "InvalidParameter",
            "The requested size is not available.",
            1);
    h.apply(CreatedVm.EXAMPLE);
    h.awaitStatus(
        NAME,
        s ->
            s.pendingOperation != null
                && s.pendingOperation.operationUrl != null
                && s.createRequested != null
                && h.simulator.vm(OperatorHarness.SUBSCRIPTION, "rg-new", NAME).isPresent());
    h.clock.advance(CreatedVm.REPORTS_AFTER);
    h.awaitCondition(NAME, Conditions.READY, "True", null);
    assertThat(CreatedVm.requests(h, "PUT", VM_ID))
        .extracting(r -> r.status())
        .containsExactly(400, 201);

    // The mock API server stands in for kube-apiserver, which holds the Secret; its own debug
    // lines are not the operator's logs.
    // The operator's threads keep logging while we read: take a copy under the appender's lock.
    List<ILoggingEvent> logged;
    synchronized (logs) {
      logged = List.copyOf(logs.list);
    }
    String logText =
        logged.stream()
            .filter(e -> !e.getLoggerName().startsWith("io.fabric8.kubernetes.client.server.mock"))
            .filter(e -> !e.getLoggerName().startsWith("io.fabric8.mockwebserver"))
            .map(
                e ->
                    e.getFormattedMessage()
                        + (e.getThrowableProxy() == null
                            ? ""
                            : ThrowableProxyUtil.asString(e.getThrowableProxy())))
            .collect(Collectors.joining("\n"));
    assertThat(logged).isNotEmpty();
    assertThat(logText).doesNotContain(PASSWORD);
    HotpatchVM resource = h.vm(NAME);
    assertThat(Serialization.asJson(resource)).doesNotContain(PASSWORD);
    assertThat(
            Serialization.asJson(
                h.client().v1().events().inNamespace(OperatorHarness.NAMESPACE).list()))
        .doesNotContain(PASSWORD);
    assertThat(h.simulator.requestLog().toString()).doesNotContain(PASSWORD);
    assertThat(h.armGet(VM_ID)).doesNotContain(PASSWORD).doesNotContain("adminPassword");
    assertThat(
            h.simulator.vm(OperatorHarness.SUBSCRIPTION, "rg-new", NAME).orElseThrow().toString())
        .doesNotContain(PASSWORD);
  }
}
