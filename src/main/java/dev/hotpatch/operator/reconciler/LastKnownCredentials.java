package dev.hotpatch.operator.reconciler;

import dev.hotpatch.operator.azure.Credentials;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credentials each HotpatchVM last resolved, by uid. An operation in flight is followed with
 * them when its Secret is deleted mid-transition: Azure goes on rebooting the VM either way.
 */
final class LastKnownCredentials {
  private final Map<String, Credentials> byUid = new ConcurrentHashMap<>();

  void remember(String uid, Credentials credentials) {
    byUid.put(uid, credentials);
  }

  Optional<Credentials> get(String uid) {
    return Optional.ofNullable(byUid.get(uid));
  }

  void forget(String uid) {
    byUid.remove(uid);
  }
}
