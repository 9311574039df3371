package dev.hotpatch.operator.reconciler;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which HotpatchVMs and PatchBaselines one installation handles. Unsharded (the default), it
 * handles every one in its namespaces. With a name, only those labelled {@value #LABEL}={@code
 * name}: every informer lists and watches with that label selector, so the installations of
 * different shards never hold, and never act on, the same object; each elects its own leader.
 *
 * <p>A shard owns whole PatchBaselines with their VMs: a VM is acted on only when it and its
 * baseline carry the same shard, so a baseline's rollout budget is counted by one installation.
 */
public record Shard(String name) {
  public static final String LABEL = "hotpatch.dev/shard";

  /** A label value: at most 63 characters, alphanumeric at both ends, {@code -_.} inside. */
  private static final Pattern VALUE =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

  public static final Shard NONE = new Shard(null);

  public Shard {
    if (name != null && !VALUE.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "shard \""
              + name
              + "\" is not a label value (at most 63 characters: letters, digits, '-', '_', '.',"
              + " beginning and ending with a letter or digit)");
    }
  }

  public static Shard of(String name) {
    return name == null || name.isBlank() ? NONE : new Shard(name.trim());
  }

  public boolean sharded() {
    return name != null;
  }

  /** The informers' label selector; empty when unsharded. */
  public Optional<String> labelSelector() {
    return sharded() ? Optional.of(LABEL + "=" + name) : Optional.empty();
  }

  /** One leader per shard: the shard's own lease. */
  public String leaseName(String base) {
    return sharded() ? base + "-" + name : base;
  }

  /** Said where a shard hides an object, so "not found" does not mislead. */
  public String hint() {
    return sharded()
        ? " among the objects of shard " + name + " (labelled " + LABEL + "=" + name + ")"
        : "";
  }
}
