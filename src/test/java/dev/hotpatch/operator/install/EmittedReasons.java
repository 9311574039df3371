package dev.hotpatch.operator.install;

import dev.hotpatch.operator.policy.GateReason;
import dev.hotpatch.operator.policy.OrchestrationPolicy;
import dev.hotpatch.operator.reconciler.Conditions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The condition reasons the operator writes, read from its main sources: every {@code
 * w.notReady(phase, reason, message)}, {@code w.condition(type, status, reason, message)} and
 * {@code conditions.set(list, generation, type, status, reason, message)}, with the reason a string
 * literal, a ternary of two, or one of the few computed reasons {@link #computed} knows. A reason
 * expression it cannot read fails the scan, so a new one is never silently missed.
 */
final class EmittedReasons {
  static final Path MAIN = Chart.ROOT.resolve("src/main/java/dev/hotpatch/operator");

  /** One condition the operator sets: on which kind, which type, to which status, with why. */
  record Site(String kind, String type, String status, String reason, String where) {}

  private static final Pattern CALL =
      Pattern.compile("\\b(notReady|condition|conditions\\.set)\\s*\\(");
  private static final Pattern LITERAL = Pattern.compile("\"(\\w+)\"");
  private static final Pattern TERNARY =
      Pattern.compile("(.+?)\\s*\\?\\s*\"(\\w+)\"\\s*:\\s*\"(\\w+)\"");
  private static final Pattern DECLARATION =
      Pattern.compile("(final\\s+)?[A-Z][\\w.<>,\\s]*\\s+\\w+");

  private EmittedReasons() {}

  /** Every site in the main sources. */
  static List<Site> scan() {
    List<Site> sites = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        scan(file, sites);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sites;
  }

  /** The reasons a kind's condition of this type is set to with this status ("True"/"False"). */
  static Set<String> reasons(List<Site> sites, String kind, String type, String status) {
    return sites.stream()
        .filter(s -> s.kind().equals(kind) && s.type().equals(type) && s.status().equals(status))
        .map(Site::reason)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static void scan(Path file, List<Site> sites) {
    String name = file.getFileName().toString();
    String code = withoutComments(Chart.read(file));
    String kind = name.equals("PatchBaselineReconciler.java") ? "PatchBaseline" : "HotpatchVM";
    Matcher m = CALL.matcher(code);
    while (m.find()) {
      if (insideString(code, m.start())) {
        continue; // words in a message ("...their Ready condition (..."), not a call
      }
      List<String> args = arguments(code, m.end());
      if (args.isEmpty() || DECLARATION.matcher(args.get(0)).matches()) {
        continue; // the method's own declaration
      }
      String where = name + ":" + (code.substring(0, m.start()).split("\n", -1).length);
      switch (m.group(1)) {
        case "notReady" -> add(sites, kind, name, where, "Conditions.READY", "false", args.get(1));
        case "condition" -> add(sites, kind, name, where, args.get(0), args.get(1), args.get(2));
        default -> add(sites, kind, name, where, args.get(2), args.get(3), args.get(4));
      }
    }
  }

  /** An odd number of unescaped quotes before {@code at} on its line. */
  private static boolean insideString(String code, int at) {
    int lineStart = code.lastIndexOf('\n', at - 1) + 1;
    boolean inside = false;
    for (int i = lineStart; i < at; i++) {
      if (code.charAt(i) == '"' && (i == 0 || code.charAt(i - 1) != '\\')) {
        inside = !inside;
      }
    }
    return inside;
  }

  private static void add(
      List<Site> sites,
      String kind,
      String file,
      String where,
      String typeExpr,
      String statusExpr,
      String reasonExpr) {
    if (typeExpr.equals("type") && file.equals("VmWork.java")) {
      return; // VmWork.condition passing its own parameters on: its callers are the sites
    }
    String type = conditionType(typeExpr, where);
    Matcher ternary = TERNARY.matcher(reasonExpr);
    if (ternary.matches() && ternary.group(1).trim().equals(statusExpr)) {
      sites.add(new Site(kind, type, "True", ternary.group(2), where));
      sites.add(new Site(kind, type, "False", ternary.group(3), where));
      return;
    }
    List<String> statuses =
        switch (statusExpr) {
          case "true" -> List.of("True");
          case "false" -> List.of("False");
          default -> List.of("True", "False"); // computed: either
        };
    for (String reason : reasons(file, reasonExpr, where)) {
      for (String status : statuses) {
        sites.add(new Site(kind, type, status, reason, where));
      }
    }
  }

  private static Set<String> reasons(String file, String expr, String where) {
    Matcher literal = LITERAL.matcher(expr);
    if (literal.matches()) {
      return Set.of(literal.group(1));
    }
    Matcher ternary = TERNARY.matcher(expr);
    if (ternary.matches()) {
      return Set.of(ternary.group(2), ternary.group(3));
    }
    Function<String, Set<String>> known = computed(file + ":" + expr);
    if (known == null) {
      throw new AssertionError(
          "cannot read the condition reason `"
              + expr
              + "` at "
              + where
              + ": use a string literal, or teach EmittedReasons.computed what it can be");
    }
    return known.apply(file);
  }

  /** The reasons the operator computes rather than spells out, by file and expression. */
  private static Function<String, Set<String>> computed(String fileAndExpr) {
    return switch (fileAndExpr) {
      // The reboot gate's answer when it stays shut. ConvergenceStep asks it only for a VM behind
      // its baseline (so never NotBehindBaseline), and starts the transition when it is Allowed.
      case "ConvergenceStep.java:gate.reason().name()" ->
          f ->
              EnumSet.complementOf(EnumSet.of(GateReason.Allowed, GateReason.NotBehindBaseline))
                  .stream()
                  .map(Enum::name)
                  .collect(Collectors.toSet());
      // OrchestrationPolicy's CANNOT decisions: every cannot(REASON_X, ...) it returns.
      case "OrchestrationStep.java:decision.reason()" ->
          f ->
              constantsPassedTo(
                  "policy/OrchestrationPolicy.java", "cannot", OrchestrationPolicy.class);
      // InstallCompletion.fail(w, op, reason, message): the literals its callers pass.
      case "InstallCompletion.java:reason" ->
          f -> literalsPassedTo("reconciler/InstallCompletion.java", "fail\\(w, op, ");
      // Inside VmWork.notReady(phase, reason, message): its callers are the sites.
      case "VmWork.java:reason" -> f -> Set.of();
      default -> null;
    };
  }

  private static Set<String> constantsPassedTo(String file, String method, Class<?> owner) {
    Matcher m =
        Pattern.compile("\\b" + method + "\\(\\s*(\\w+)\\s*,")
            .matcher(withoutComments(Chart.read(MAIN.resolve(file))));
    Set<String> values = new TreeSet<>();
    while (m.find()) {
      values.add(constant(owner, m.group(1)));
    }
    if (values.isEmpty()) {
      throw new AssertionError("no " + method + "(CONSTANT, ...) calls found in " + file);
    }
    return values;
  }

  private static Set<String> literalsPassedTo(String file, String prefix) {
    Matcher m =
        Pattern.compile(prefix + "\"(\\w+)\"")
            .matcher(withoutComments(Chart.read(MAIN.resolve(file))));
    Set<String> values = new TreeSet<>();
    while (m.find()) {
      values.add(m.group(1));
    }
    if (values.isEmpty()) {
      throw new AssertionError("no calls " + prefix + "\"...\" found in " + file);
    }
    return values;
  }

  private static String conditionType(String expr, String where) {
    if (!expr.startsWith("Conditions.")) {
      throw new AssertionError(
          "condition type `" + expr + "` at " + where + " is not a Conditions constant");
    }
    return constant(Conditions.class, expr.substring("Conditions.".length()));
  }

  static String constant(Class<?> owner, String field) {
    try {
      Field f = owner.getField(field);
      if (!Modifier.isStatic(f.getModifiers()) || f.getType() != String.class) {
        throw new AssertionError(owner.getSimpleName() + "." + field + " is not a String constant");
      }
      return (String) f.get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(owner.getSimpleName() + "." + field, e);
    }
  }

  /** The values of a class's public String constants. */
  static Set<String> constants(Class<?> owner) {
    Set<String> values = new TreeSet<>();
    for (Field f : owner.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        values.add(constant(owner, f.getName()));
      }
    }
    return values;
  }

  /** The top-level comma-separated arguments of the call whose "(" ends at {@code from}. */
  private static List<String> arguments(String code, int from) {
    List<String> args = new ArrayList<>();
    int depth = 0;
    StringBuilder arg = new StringBuilder();
    for (int i = from; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '"') {
        int end = endOfString(code, i);
        arg.append(code, i, end);
        i = end - 1;
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        if (depth == 0) {
          if (!arg.toString().isBlank() || !args.isEmpty()) {
            args.add(arg.toString().strip().replaceAll("\\s+", " "));
          }
          return args;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        args.add(arg.toString().strip().replaceAll("\\s+", " "));
        arg.setLength(0);
        continue;
      }
      arg.append(c);
    }
    throw new AssertionError("unbalanced call at " + from);
  }

  /** Java source with its comments blanked out; strings, text blocks and chars left whole. */
  static String withoutComments(String code) {
    StringBuilder out = new StringBuilder(code.length());
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '"') {
        int end = endOfString(code, i);
        out.append(code, i, end);
        i = end - 1;
      } else if (c == '\'') {
        int end = code.indexOf('\'', i + (code.charAt(i + 1) == '\\' ? 3 : 2)) + 1;
        out.append(code, i, end);
        i = end - 1;
      } else if (code.startsWith("//", i)) {
        int end = code.indexOf('\n', i);
        i = (end < 0 ? code.length() : end) - 1;
      } else if (code.startsWith("/*", i)) {
        int end = code.indexOf("*/", i + 2) + 2;
        out.append(code.substring(i, end).replaceAll("[^\n]", " "));
        i = end - 1;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The index just past the string literal or text block starting at {@code start}. */
  private static int endOfString(String code, int start) {
    if (code.startsWith("\"\"\"", start)) {
      int end = code.indexOf("\"\"\"", start + 3);
      while (code.charAt(end - 1) == '\\') {
        end = code.indexOf("\"\"\"", end + 1);
      }
      return end + 3;
    }
    for (int i = start + 1; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i + 1;
      }
    }
    throw new AssertionError("unterminated string at " + start);
  }
}
