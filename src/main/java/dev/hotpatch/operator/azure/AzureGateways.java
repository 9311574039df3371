package dev.hotpatch.operator.azure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** One gateway per set of credentials, built on first use and reused for every VM. */
public final class AzureGateways {
  private final Function<Credentials, AzureGateway> factory;
  private final Map<String, AzureGateway> gateways = new ConcurrentHashMap<>();

  public AzureGateways(Function<Credentials, AzureGateway> factory) {
    this.factory = factory;
  }

  /** Gateways on the Azure SDK for the given Resource Manager. */
  public static AzureGateways sdk(AzureTarget target, RequestListener listener) {
    return new AzureGateways(credentials -> new SdkAzureGateway(target, credentials, listener));
  }

  /** The same, reading fleets as {@code fleetReads} says (Compute, or Resource Graph). */
  public static AzureGateways sdk(
      AzureTarget target, RequestListener listener, FleetSource.Reads fleetReads) {
    return new AzureGateways(
        credentials -> new SdkAzureGateway(target, credentials, listener, fleetReads));
  }

  public AzureGateway forCredentials(Credentials credentials) {
    return gateways.computeIfAbsent(credentials.cacheKey(), k -> factory.apply(credentials));
  }
}
