package dev.hotpatch.operator.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the operator's client reads objects: a value of the wrong type in one of our resources
 * ({@code failureBudget: lots}, {@code days: Sat}) is read as unset with one log line, and the
 * validator then names what is missing. A real API server refuses such values by the CRD schema; a
 * server that does not (Fabric8's mock, an old CRD) must not make one object fail the informer's
 * whole list, which stops the operator.
 */
public final class TolerantReading {
  private static final Logger LOG = LoggerFactory.getLogger(TolerantReading.class);

  private TolerantReading() {}

  public static KubernetesSerialization serialization() {
    ObjectMapper mapper =
        new ObjectMapper()
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .addHandler(new UnsetOnWrongType());
    return new KubernetesSerialization(mapper, true);
  }

  /** Reads a wrong-typed value of our own classes as unset; others fail as usual. */
  static final class UnsetOnWrongType extends DeserializationProblemHandler {
    @Override
    public Object handleWeirdStringValue(
        DeserializationContext ctxt, Class<?> targetType, String value, String failureMsg) {
      return unset(ctxt, "\"" + value + "\"", targetType);
    }

    @Override
    public Object handleWeirdNumberValue(
        DeserializationContext ctxt, Class<?> targetType, Number value, String failureMsg) {
      return unset(ctxt, String.valueOf(value), targetType);
    }

    @Override
    public Object handleUnexpectedToken(
        DeserializationContext ctxt,
        JavaType targetType,
        JsonToken token,
        JsonParser p,
        String failureMsg)
        throws IOException {
      if (!ours(ctxt)) {
        return NOT_HANDLED;
      }
      p.skipChildren();
      return unset(ctxt, String.valueOf(token), targetType.getRawClass());
    }

    private static Object unset(DeserializationContext ctxt, String value, Class<?> targetType) {
      if (!ours(ctxt)) {
        return NOT_HANDLED;
      }
      LOG.warn(
          "a {} object has {} at {} where a {} belongs; read as unset",
          Api.GROUP,
          value,
          ctxt.getParser().getParsingContext().pathAsPointer(),
          targetType.getSimpleName());
      return null;
    }

    private static boolean ours(DeserializationContext ctxt) {
      Object bean = ctxt.getParser().currentValue();
      return bean != null && bean.getClass().getPackageName().equals(Api.class.getPackageName());
    }
  }
}
