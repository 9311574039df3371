package dev.hotpatch.operator.install;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The chart's RBAC as a tiny authorizer, to check that it covers what the operator asks the API
 * server for (e.g. the requests a mock API server recorded: {@code Rbac.fromRender(docs)
 * .denied(requests.map(r -> Rbac.Request.parse(r.getMethod(), r.getPath())))}).
 */
final class Rbac {
  /**
   * What every authenticated user may do without our RBAC (the built-in system:basic-user role):
   * JOSDK's leader election asks a SelfSubjectRulesReview whether it may use the lease.
   */
  static final List<Rule> BUILT_IN =
      List.of(
          new Rule(
              List.of("authorization.k8s.io"),
              List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews"),
              List.of("create"),
              List.of()),
          new Rule(
              List.of("authentication.k8s.io"),
              List.of("selfsubjectreviews"),
              List.of("create"),
              List.of()));

  private final List<Scoped> rules;

  private Rbac(List<Scoped> rules) {
    this.rules = rules;
  }

  /** The ClusterRole's rules (everywhere) and the Roles' rules (in their namespace). */
  @SuppressWarnings("unchecked")
  static Rbac fromRender(List<Chart.Doc> docs) {
    List<Scoped> rules = new ArrayList<>();
    for (Chart.Doc doc : docs) {
      if (!doc.kind().equals("ClusterRole") && !doc.kind().equals("Role")) {
        continue;
      }
      String namespace =
          doc.kind().equals("Role") ? (String) doc.metadata().get("namespace") : null;
      for (Map<String, Object> rule : (List<Map<String, Object>>) doc.object().get("rules")) {
        rules.add(new Scoped(namespace, Rule.of(rule)));
      }
    }
    return new Rbac(rules);
  }

  /** The ClusterRole's rules alone, in order. */
  static List<Rule> clusterRules(List<Chart.Doc> docs) {
    return rules(docs, "ClusterRole");
  }

  @SuppressWarnings("unchecked")
  static List<Rule> rules(List<Chart.Doc> docs, String kind) {
    List<Rule> rules = new ArrayList<>();
    for (Chart.Doc doc : docs) {
      if (doc.kind().equals(kind)) {
        for (Map<String, Object> rule : (List<Map<String, Object>>) doc.object().get("rules")) {
          rules.add(Rule.of(rule));
        }
      }
    }
    return rules;
  }

  boolean allows(Request request) {
    if (request.nonResource()) {
      return true; // discovery and /version: open to every authenticated user (system:discovery)
    }
    if (BUILT_IN.stream().anyMatch(rule -> rule.matches(request))) {
      return true;
    }
    for (Scoped s : rules) {
      if (s.namespace != null && !s.namespace.equals(request.namespace())) {
        continue;
      }
      if (s.rule.matches(request)) {
        return true;
      }
    }
    return false;
  }

  /** The requests no rule allows, without duplicates. */
  List<Request> denied(Collection<Request> requests) {
    return requests.stream().filter(r -> !allows(r)).distinct().toList();
  }

  private record Scoped(String namespace, Rule rule) {}

  /** One PolicyRule. */
  record Rule(
      List<String> apiGroups,
      List<String> resources,
      List<String> verbs,
      List<String> resourceNames) {
    @SuppressWarnings("unchecked")
    static Rule of(Map<String, Object> rule) {
      return new Rule(
          (List<String>) rule.getOrDefault("apiGroups", List.of()),
          (List<String>) rule.getOrDefault("resources", List.of()),
          (List<String>) rule.getOrDefault("verbs", List.of()),
          (List<String>) rule.getOrDefault("resourceNames", List.of()));
    }

    boolean matches(Request r) {
      String resource =
          r.subresource() == null ? r.resource() : r.resource() + "/" + r.subresource();
      return (apiGroups.contains("*") || apiGroups.contains(r.apiGroup()))
          && (resources.contains("*") || resources.contains(resource))
          && (verbs.contains("*") || verbs.contains(r.verb()))
          && (resourceNames.isEmpty() || (r.name() != null && resourceNames.contains(r.name())));
    }
  }

  /** The authorization attributes of one API request. */
  record Request(
      String verb,
      String apiGroup,
      String resource,
      String subresource,
      String namespace,
      String name) {
    static Request nonResourceRequest(String verb) {
      return new Request(verb, null, null, null, null, null);
    }

    boolean nonResource() {
      return resource == null;
    }

    /**
     * Attributes from an HTTP method and request path (with query), as the API server derives them.
     */
    static Request parse(String method, String pathAndQuery) {
      URI uri = URI.create(pathAndQuery);
      String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
      List<String> seg =
          new ArrayList<>(Arrays.asList(uri.getPath().replaceAll("^/+|/+$", "").split("/")));
      String group;
      if (seg.size() >= 2 && seg.get(0).equals("api")) {
        group = "";
        seg = seg.subList(2, seg.size());
      } else if (seg.size() >= 3 && seg.get(0).equals("apis")) {
        group = seg.get(1);
        seg = seg.subList(3, seg.size());
      } else {
        return nonResourceRequest(method.toLowerCase());
      }
      if (seg.isEmpty()) {
        return nonResourceRequest(method.toLowerCase());
      }
      String namespace = null;
      if (seg.get(0).equals("namespaces") && seg.size() >= 3) {
        namespace = seg.get(1);
        seg = seg.subList(2, seg.size());
      }
      String resource = seg.get(0);
      String name = seg.size() > 1 ? seg.get(1) : null;
      String sub = seg.size() > 2 ? seg.get(2) : null;
      if (resource.equals("namespaces") && name != null && namespace == null) {
        namespace = name;
      }
      boolean watch = query.matches("(^|.*&)watch=(true|1)(&.*|$)");
      String verb =
          switch (method.toUpperCase()) {
            case "GET", "HEAD" -> watch ? "watch" : name == null ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name == null ? "deletecollection" : "delete";
            default -> method.toLowerCase();
          };
      return new Request(verb, group, resource, sub, namespace, name);
    }
  }
}
