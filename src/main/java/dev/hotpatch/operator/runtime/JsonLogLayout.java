package dev.hotpatch.operator.runtime;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One JSON object a line: {@code time} (ISO-8601 UTC), {@code level}, {@code logger}, {@code
 * thread}, {@code message}, {@code exception} (stack trace, when any) and {@code mdc} (when not
 * empty). Values pass through {@link Redactor}.
 */
public final class JsonLogLayout extends LayoutBase<ILoggingEvent> {
  private static final JsonFactory JSON = new JsonFactory();

  @Override
  public String doLayout(ILoggingEvent event) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
      json.writeStringField("level", event.getLevel().toString());
      json.writeStringField("logger", event.getLoggerName());
      json.writeStringField("thread", event.getThreadName());
      json.writeStringField("message", Redactor.redact(event.getFormattedMessage()));
      IThrowableProxy thrown = event.getThrowableProxy();
      if (thrown != null) {
        json.writeStringField("exception", Redactor.redact(ThrowableProxyUtil.asString(thrown)));
      }
      Map<String, String> mdc = event.getMDCPropertyMap();
      if (mdc != null && !mdc.isEmpty()) {
        json.writeObjectFieldStart("mdc");
        for (Map.Entry<String, String> e : new TreeMap<>(mdc).entrySet()) {
          String value =
              Redactor.isSecretKey(e.getKey()) ? Redactor.MASK : Redactor.redact(e.getValue());
          json.writeStringField(e.getKey(), value);
        }
        json.writeEndObject();
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.append(CoreConstants.LINE_SEPARATOR).toString();
  }

  @Override
  public String getContentType() {
    return "application/json";
  }
}
