package dev.hotpatch.operator.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Programmatic logback set-up for the {@code run} command: one appender on standard output, a text
 * pattern or one JSON object a line, and secrets masked (see {@link Redactor}).
 */
public final class LogSetup {
  /** Time (UTC), level, thread, logger, message, MDC in brackets when not empty, stack trace. */
  public static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{36} - %msg"
          + "%replace( [%mdc]){' \\[\\]', ''}%n%ex";

  /** Libraries that are chatty at the operator's info level; kept at warn unless debugging. */
  private static final Map<String, Level> QUIET =
      Map.of(
          "io.netty",
          Level.WARN,
          "reactor",
          Level.WARN,
          "io.vertx",
          Level.WARN,
          "com.azure.core.implementation",
          Level.WARN);

  private LogSetup() {}

  /**
   * Resets logging to one standard-output appender.
   *
   * @param level trace, debug, info, warn or error (any case)
   * @param format text or json
   * @throws IllegalArgumentException for another level or format
   */
  public static void configure(String level, String format) {
    configure(level, format, null);
  }

  /** As {@link #configure(String, String)}, writing to {@code out} (tests) or stdout when null. */
  static void configure(String level, String format, OutputStream out) {
    Level root = parseLevel(level);
    Layout<ILoggingEvent> layout = layout(format);
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();

    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.setCharset(StandardCharsets.UTF_8);
    encoder.start();

    OutputStreamAppender<ILoggingEvent> appender;
    if (out == null) {
      appender = new ConsoleAppender<>();
    } else {
      appender = new OutputStreamAppender<>();
      appender.setOutputStream(out);
    }
    appender.setName("stdout");
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setImmediateFlush(true);
    appender.start();

    Logger rootLogger = context.getLogger(Logger.ROOT_LOGGER_NAME);
    rootLogger.setLevel(root);
    rootLogger.addAppender(appender);
    if (root.isGreaterOrEqual(Level.INFO)) {
      QUIET.forEach((name, quiet) -> context.getLogger(name).setLevel(quiet));
    }
  }

  static Level parseLevel(String level) {
    String l = level == null ? "" : level.trim().toUpperCase(Locale.ROOT);
    return switch (l) {
      case "TRACE", "DEBUG", "INFO", "ERROR" -> Level.toLevel(l);
      case "WARN", "WARNING" -> Level.WARN;
      default ->
          throw new IllegalArgumentException(
              "log level must be one of trace, debug, info, warn, error: " + level);
    };
  }

  private static Layout<ILoggingEvent> layout(String format) {
    String f = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
    return switch (f) {
      case "json" -> new JsonLogLayout();
      case "text" -> new RedactingLayout(TEXT_PATTERN);
      default -> throw new IllegalArgumentException("log format must be text or json: " + format);
    };
  }
}
