package dev.hotpatch.operator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hotpatch.operator.policy.ExpectedReboot;
import dev.hotpatch.operator.policy.RebootCalendar;
import dev.hotpatch.operator.policy.VmCalendar;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * How a reboot forecast is shown: a table, one row per expected reboot (and one per note), or one
 * JSON document. Used by {@code forecast} and by the demo.
 */
public final class ForecastReport {
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
  private static final String[] HEADER = {
    "VM", "NAMESPACE", "BASELINE", "EXPECTED REBOOT (UTC)", "WHY"
  };

  private ForecastReport() {}

  /** The forecast as `forecast --json` prints it. */
  public record Json(
      String from, String until, int months, List<String> assumptions, List<Vm> vms) {
    /** One VM: its reboots, oldest first, and notes (why none, or what could not be placed). */
    public record Vm(
        String namespace, String name, String baseline, List<Reboot> reboots, List<String> notes) {}

    /**
     * @param at when the transition starts (the VM reboots during it), RFC 3339 UTC
     * @param cause IN_FLIGHT, BEHIND_BASELINE or PLANNED_BASELINE
     * @param window the window's local start, e.g. "Sat 22:00 Europe/Berlin"
     */
    public record Reboot(
        String at,
        String cause,
        String onto,
        String released,
        String committed,
        String windowStart,
        String windowEnd,
        String window,
        int slot,
        int slotsInWindow,
        String why) {}
  }

  public static Json json(RebootCalendar.Forecast forecast) {
    List<Json.Vm> vms = new ArrayList<>();
    for (VmCalendar vm : forecast.vms()) {
      List<Json.Reboot> reboots =
          vm.reboots().stream()
              .map(
                  r ->
                      new Json.Reboot(
                          r.at().toString(),
                          r.cause().name(),
                          r.onto(),
                          r.released() == null ? null : r.released().toString(),
                          r.committed() == null ? null : r.committed().toString(),
                          r.window() == null ? null : r.window().start().toString(),
                          r.window() == null ? null : r.window().end().toString(),
                          r.windowLabel(),
                          r.slot(),
                          r.slotsInWindow(),
                          r.why()))
              .toList();
      vms.add(new Json.Vm(vm.namespace(), vm.name(), vm.baseline(), reboots, vm.notes()));
    }
    return new Json(
        forecast.from().toString(),
        forecast.until().toString(),
        forecast.months(),
        forecast.assumptions().describe(),
        vms);
  }

  public static String toJson(RebootCalendar.Forecast forecast) {
    try {
      return new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(json(forecast));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the forecast cannot be written as JSON", e);
    }
  }

  /** A heading, the table, then the assumptions it rests on; lines end with \n. */
  public static String table(RebootCalendar.Forecast forecast) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "Reboot forecast from %s to %s UTC (%d month%s), %d HotpatchVM%s.\n",
            MINUTE.format(forecast.from()),
            MINUTE.format(forecast.until()),
            forecast.months(),
            forecast.months() == 1 ? "" : "s",
            forecast.vms().size(),
            forecast.vms().size() == 1 ? "" : "s"));
    List<String[]> rows = rows(forecast);
    int[] width = new int[HEADER.length - 1];
    for (String[] row : rows) {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < width.length; i++) {
        line.append(String.format("%-" + width[i] + "s  ", row[i]));
      }
      out.append(line.append(row[row.length - 1]).toString().stripTrailing()).append('\n');
    }
    out.append("Assumptions:\n");
    forecast.assumptions().describe().forEach(a -> out.append("  - ").append(a).append('\n'));
    return out.toString();
  }

  private static List<String[]> rows(RebootCalendar.Forecast forecast) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (VmCalendar vm : forecast.vms()) {
      String baseline = vm.baseline() == null ? "-" : vm.baseline();
      for (ExpectedReboot r : vm.reboots()) {
        rows.add(new String[] {vm.name(), vm.namespace(), baseline, minute(r.at()), r.why()});
      }
      for (String note : vm.notes()) {
        rows.add(new String[] {vm.name(), vm.namespace(), baseline, "-", note});
      }
    }
    return rows;
  }

  private static String minute(Instant t) {
    return MINUTE.format(t);
  }
}
