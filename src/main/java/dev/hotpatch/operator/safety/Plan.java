package dev.hotpatch.operator.safety;

import dev.hotpatch.operator.api.Rollout.MaintenanceWindow;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fleet of a schedule, one text line per baseline and VM. */
public final class Plan {
  private Plan() {}

  /**
   * @param os 2022 or 2025
   * @param start "previous": declared on the baseline the VMs run (a planned baseline comes later);
   *     "latest": declared on the newest one, so transitions start at once
   */
  public record Baseline(
      String namespace,
      String name,
      int os,
      List<Window> windows,
      String maxUnavailable,
      int failureBudget,
      String start) {
    public String key() {
      return namespace + "/" + name;
    }

    String toLine() {
      return "baseline "
          + key()
          + " os="
          + os
          + " max="
          + maxUnavailable
          + " budget="
          + failureBudget
          + " start="
          + start
          + " windows="
          + String.join(",", windows.stream().map(Window::toText).toList());
    }

    static Baseline parse(String line) {
      Map<String, String> f = fields(line);
      String[] key = f.get("").split("/");
      return new Baseline(
          key[0],
          key[1],
          Integer.parseInt(f.get("os")),
          Arrays.stream(f.get("windows").split(",")).map(Window::parse).toList(),
          f.get("max"),
          Integer.parseInt(f.get("budget")),
          f.get("start"));
    }
  }

  /** A maintenance window: days ("Sat+Sun"), start ("22:00"), duration ("4h"), IANA zone. */
  public record Window(String days, String start, String duration, String zone) {
    String toText() {
      return days + "|" + start + "|" + duration + "|" + zone;
    }

    static Window parse(String text) {
      String[] p = text.split("\\|");
      return new Window(p[0], p[1], p[2], p[3]);
    }

    MaintenanceWindow toApi() {
      MaintenanceWindow w = new MaintenanceWindow();
      w.days = days.isEmpty() ? List.of() : List.of(days.split("\\+"));
      w.start = start;
      w.duration = duration;
      w.timeZone = zone;
      return w;
    }
  }

  /**
   * @param create the operator creates the VM from a template (it does not exist in Azure)
   * @param secret the HotpatchVM names the namespace's credentials Secret
   */
  public record Vm(
      String namespace, String name, int os, String baseline, boolean create, boolean secret) {
    public String key() {
      return namespace + "/" + name;
    }

    String toLine() {
      return "vm "
          + key()
          + " os="
          + os
          + " baseline="
          + baseline
          + " create="
          + create
          + " secret="
          + secret;
    }

    static Vm parse(String line) {
      Map<String, String> f = fields(line);
      String[] key = f.get("").split("/");
      return new Vm(
          key[0],
          key[1],
          Integer.parseInt(f.get("os")),
          f.get("baseline"),
          Boolean.parseBoolean(f.get("create")),
          Boolean.parseBoolean(f.get("secret")));
    }
  }

  /** "kind target k=v k=v": the target under the key "". */
  static Map<String, String> fields(String line) {
    String[] words = line.trim().split("\\s+");
    Map<String, String> out = new HashMap<>();
    out.put("", words[1]);
    for (int i = 2; i < words.length; i++) {
      int eq = words[i].indexOf('=');
      out.put(words[i].substring(0, eq), words[i].substring(eq + 1));
    }
    return out;
  }

  private static final Pattern DURATION = Pattern.compile("^(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?$");

  /** "1d03h20m". */
  public static String format(Duration d) {
    return String.format("%dd%02dh%02dm", d.toDays(), d.toHoursPart(), d.toMinutesPart());
  }

  public static Duration parseDuration(String s) {
    Matcher m = DURATION.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration like 1d03h20m: " + s);
    }
    long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
    long hours = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
    long minutes = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
    return Duration.ofDays(days).plusHours(hours).plusMinutes(minutes);
  }
}
