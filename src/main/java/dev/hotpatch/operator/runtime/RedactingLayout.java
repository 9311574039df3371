package dev.hotpatch.operator.runtime;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;

/** A logback pattern layout whose whole output (message, MDC, stack trace) is redacted. */
final class RedactingLayout extends LayoutBase<ILoggingEvent> {
  private final PatternLayout delegate = new PatternLayout();

  RedactingLayout(String pattern) {
    delegate.setPattern(pattern);
  }

  @Override
  public void start() {
    delegate.setContext(getContext());
    delegate.start();
    super.start();
  }

  @Override
  public void stop() {
    delegate.stop();
    super.stop();
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    return Redactor.redact(delegate.doLayout(event));
  }
}
