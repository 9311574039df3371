package dev.hotpatch.operator.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Plain ARM resources other than VMs (disks, NICs, virtual networks), by lower-case id. */
final class ResourceStore {
  private final Map<String, ObjectNode> resources = new LinkedHashMap<>();

  Optional<ObjectNode> get(String id) {
    return Optional.ofNullable(resources.get(id.toLowerCase(Locale.ROOT)));
  }

  void put(String id, ObjectNode resource) {
    resources.put(id.toLowerCase(Locale.ROOT), resource);
  }

  boolean remove(String id) {
    return resources.remove(id.toLowerCase(Locale.ROOT)) != null;
  }

  boolean exists(String id) {
    return resources.containsKey(id.toLowerCase(Locale.ROOT));
  }
}
