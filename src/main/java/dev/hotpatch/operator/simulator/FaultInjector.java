package dev.hotpatch.operator.simulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Faults to inject: the next N requests matching a method and a path regex answer an ARM error;
 * baseline installs on a VM that end Failed; VMs whose operations never finish; answers lost after
 * an operation started. Thread-safe.
 */
public final class FaultInjector {
  private final List<Rule> rules = new ArrayList<>();
  private final Set<String> failingTransitions = new HashSet<>();
  private final Set<String> hanging = new HashSet<>();
  private final List<LostRule> lost = new ArrayList<>();

  private record LostRule(String vmName, String action, LostAnswer how) {}

  /** A fault answered instead of the real response. */
  public record Fault(int status, String code, String message) {}

  private static final class Rule {
    final String method;
    final Pattern path;
    final Fault fault;
    int remaining;

    Rule(String method, Pattern path, Fault fault, int remaining) {
      this.method = method;
      this.path = path;
      this.fault = fault;
      this.remaining = remaining;
    }
  }

  /**
   * The next {@code times} requests with this method ("*" for any) whose path (without query)
   * matches {@code pathRegex} answer {@code status} with {@code {"error":{code,message}}}.
   */
  public synchronized FaultInjector failNext(
      String method, String pathRegex, int status, String code, String message, int times) {
    rules.add(
        new Rule(
            method.toUpperCase(Locale.ROOT),
            Pattern.compile(pathRegex),
            new Fault(status, code, message),
            times));
    return this;
  }

  /**
   * Baseline installs on this VM (name, case-insensitive) end Failed: no reboot, build unchanged.
   */
  public synchronized FaultInjector failTransition(String vmName) {
    failingTransitions.add(vmName.toLowerCase(Locale.ROOT));
    return this;
  }

  /** Operations on this VM (name, case-insensitive) stay InProgress forever. */
  public synchronized FaultInjector hangOperations(String vmName) {
    hanging.add(vmName.toLowerCase(Locale.ROOT));
    return this;
  }

  /**
   * The next request that starts an operation {@code action} ("installPatches", "restart",
   * "assessPatches", "update", "create", "delete" or "*") on this VM (name, case-insensitive) has
   * its answer lost as {@code how}: the operation starts and runs, the client never learns it.
   */
  public synchronized FaultInjector loseNextAnswer(String vmName, String action, LostAnswer how) {
    lost.add(new LostRule(vmName.toLowerCase(Locale.ROOT), action, how));
    return this;
  }

  /** Removes every fault. */
  public synchronized void clear() {
    lost.clear();
    rules.clear();
    failingTransitions.clear();
    hanging.clear();
  }

  synchronized Optional<Fault> match(String method, String path) {
    for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
      Rule rule = it.next();
      if ((rule.method.equals("*") || rule.method.equalsIgnoreCase(method))
          && rule.path.matcher(path).matches()) {
        if (--rule.remaining <= 0) {
          it.remove();
        }
        return Optional.of(rule.fault);
      }
    }
    return Optional.empty();
  }

  /** Takes the first lost-answer rule matching this operation, if any. */
  synchronized Optional<LostAnswer> takeLostAnswer(String vmName, String action) {
    for (Iterator<LostRule> it = lost.iterator(); it.hasNext(); ) {
      LostRule rule = it.next();
      if (rule.vmName().equalsIgnoreCase(vmName)
          && (rule.action().equals("*") || rule.action().equalsIgnoreCase(action))) {
        it.remove();
        return Optional.of(rule.how());
      }
    }
    return Optional.empty();
  }

  synchronized boolean transitionFails(String vmName) {
    return failingTransitions.contains(vmName.toLowerCase(Locale.ROOT));
  }

  synchronized boolean hangs(String vmName) {
    return hanging.contains(vmName.toLowerCase(Locale.ROOT));
  }
}
