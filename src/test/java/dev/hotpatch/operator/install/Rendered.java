package dev.hotpatch.operator.install;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers to read rendered Kubernetes objects (plain maps from Jackson). */
final class Rendered {
  private Rendered() {}

  /** The value at a dotted path, or null. */
  static Object at(Object root, String path) {
    Object node = root;
    if (path.isEmpty()) {
      return node;
    }
    for (String key : path.split("\\.")) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = map.get(key);
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object root, String path) {
    Object value = at(root, path);
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  static Chart.Doc one(List<Chart.Doc> docs, String kind) {
    List<Chart.Doc> found = docs.stream().filter(d -> kind.equals(d.kind())).toList();
    if (found.size() != 1) {
      throw new AssertionError("expected one " + kind + ", found " + found.size());
    }
    return found.get(0);
  }

  static Map<String, Object> deployment(List<Chart.Doc> docs) {
    return one(docs, "Deployment").object();
  }

  static Map<String, Object> podLabels(List<Chart.Doc> docs) {
    return map(deployment(docs), "spec.template.metadata.labels");
  }

  @SuppressWarnings("unchecked")
  static Container container(List<Chart.Doc> docs) {
    List<Map<String, Object>> containers =
        (List<Map<String, Object>>) at(deployment(docs), "spec.template.spec.containers");
    if (containers.size() != 1) {
      throw new AssertionError("expected one container, found " + containers.size());
    }
    return new Container(containers.get(0));
  }

  record Container(Map<String, Object> raw) {
    String image() {
      return (String) raw.get("image");
    }

    /** Plain env values by name. */
    @SuppressWarnings("unchecked")
    Map<String, String> env() {
      Map<String, String> env = new LinkedHashMap<>();
      for (Map<String, Object> e : (List<Map<String, Object>>) raw.getOrDefault("env", List.of())) {
        if (e.containsKey("value")) {
          env.put((String) e.get("name"), String.valueOf(e.get("value")));
        }
      }
      return env;
    }

    /** env from fieldRef: name to fieldPath. */
    @SuppressWarnings("unchecked")
    Map<String, String> fieldRefs() {
      Map<String, String> refs = new LinkedHashMap<>();
      for (Map<String, Object> e : (List<Map<String, Object>>) raw.getOrDefault("env", List.of())) {
        Object path = at(e, "valueFrom.fieldRef.fieldPath");
        if (path != null) {
          refs.put((String) e.get("name"), (String) path);
        }
      }
      return refs;
    }

    @SuppressWarnings("unchecked")
    List<Object> envFrom() {
      return (List<Object>) raw.getOrDefault("envFrom", List.of());
    }

    Map<String, Object> securityContext() {
      return map(raw, "securityContext");
    }
  }
}
