package dev.hotpatch.operator.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The long-running-operation headers Compute sends, always absolute URLs to the simulator, keeping
 * the api-version of the call that started the operation. With {@link
 * SimulatorBehaviour#longOperationUrls()} they carry Azure's signed query parameters ({@code p},
 * {@code t}, {@code c}, {@code s}, {@code h}; about 3,300 characters in all, as in azure-cli's
 * recording); routing ignores them.
 */
final class Lro {
  private static final int CERT_CHARS = 2_600;
  private static final int SIGNATURE_CHARS = 342;

  private Lro() {}

  static String statusUrl(SimContext ctx, ArmOperation op) {
    String base = base(ctx, op, op.statusCollection);
    return ctx.behaviour.longOperationUrls()
        ? base + "?p=" + pid(op) + "&api-version=" + op.apiVersion + signature(op)
        : base + "?api-version=" + op.apiVersion;
  }

  /**
   * The Location URL: the status URL plus {@code monitor=true} (Compute, disks), or the same query
   * under another collection (Microsoft.Network's {@code operationResults}).
   */
  static String resultUrl(SimContext ctx, ArmOperation op) {
    if (!op.resultCollection.equals(op.statusCollection)) {
      String base = base(ctx, op, op.resultCollection);
      return ctx.behaviour.longOperationUrls()
          ? base + "?p=" + pid(op) + "&api-version=" + op.apiVersion + signature(op)
          : base + "?api-version=" + op.apiVersion;
    }
    return ctx.behaviour.longOperationUrls()
        ? base(ctx, op, op.statusCollection)
            + "?p="
            + pid(op)
            + "&monitor=true&api-version="
            + op.apiVersion
            + signature(op)
        : statusUrl(ctx, op) + "&monitor=true";
  }

  private static String base(SimContext ctx, ArmOperation op, String collection) {
    return ctx.endpoint
        + "/subscriptions/"
        + op.subscriptionId
        + "/providers/"
        + op.provider
        + "/locations/"
        + op.location
        + "/"
        + collection
        + "/"
        + op.id;
  }

  private static String pid(ArmOperation op) {
    return java.util
        .UUID
        .nameUUIDFromBytes(("p-" + op.id).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** t (ticks), c (certificate), s (signature), h (hash): stable per operation. */
  private static String signature(ArmOperation op) {
    long ticks = op.startTime.getEpochSecond() * 10_000_000L + 621_355_968_000_000_000L;
    return "&t="
        + ticks
        + "&c="
        + bytes("c-" + op.id, CERT_CHARS)
        + "&s="
        + bytes("s-" + op.id, SIGNATURE_CHARS)
        + "&h="
        + bytes("h-" + op.id, 43);
  }

  /** {@code chars} characters of URL-safe base64 drawn from a hash chain of {@code seed}. */
  private static String bytes(String seed, int chars) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      StringBuilder out = new StringBuilder();
      byte[] block = seed.getBytes(StandardCharsets.UTF_8);
      while (out.length() < chars) {
        block = sha.digest(block);
        out.append(Base64.getUrlEncoder().withoutPadding().encodeToString(block));
      }
      return out.substring(0, chars);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Azure-AsyncOperation, plus Location when the operation has a result URL, plus Retry-After. */
  static ArmResponse withHeaders(SimContext ctx, ArmResponse response, ArmOperation op) {
    response.header("Azure-AsyncOperation", statusUrl(ctx, op));
    if (op.hasResultUrl) {
      response.header("Location", resultUrl(ctx, op));
    }
    response.header("Azure-AsyncNotification", "Enabled");
    return retryAfter(ctx, response);
  }

  static ArmResponse retryAfter(SimContext ctx, ArmResponse response) {
    return response.header("Retry-After", Integer.toString(ctx.timings.pollRetryAfterSeconds()));
  }
}
