package dev.hotpatch.operator.simulator;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

/** The time zone of an Azure region, for the platform's off-peak hours ("VM time zone"). */
final class Regions {
  private static final Map<String, String> ZONES =
      Map.ofEntries(
          Map.entry("westeurope", "Europe/Amsterdam"),
          Map.entry("northeurope", "Europe/Dublin"),
          Map.entry("uksouth", "Europe/London"),
          Map.entry("ukwest", "Europe/London"),
          Map.entry("francecentral", "Europe/Paris"),
          Map.entry("germanywestcentral", "Europe/Berlin"),
          Map.entry("swedencentral", "Europe/Stockholm"),
          Map.entry("switzerlandnorth", "Europe/Zurich"),
          Map.entry("eastus", "America/New_York"),
          Map.entry("eastus2", "America/New_York"),
          Map.entry("centralus", "America/Chicago"),
          Map.entry("southcentralus", "America/Chicago"),
          Map.entry("westus", "America/Los_Angeles"),
          Map.entry("westus2", "America/Los_Angeles"),
          Map.entry("westus3", "America/Phoenix"),
          Map.entry("canadacentral", "America/Toronto"),
          Map.entry("brazilsouth", "America/Sao_Paulo"),
          Map.entry("japaneast", "Asia/Tokyo"),
          Map.entry("koreacentral", "Asia/Seoul"),
          Map.entry("southeastasia", "Asia/Singapore"),
          Map.entry("eastasia", "Asia/Hong_Kong"),
          Map.entry("centralindia", "Asia/Kolkata"),
          Map.entry("australiaeast", "Australia/Sydney"));

  private Regions() {}

  /** The region's zone; UTC for regions not listed. */
  static ZoneId zone(String location) {
    String id = location == null ? null : ZONES.get(location.toLowerCase(Locale.ROOT));
    return id == null ? ZoneOffset.UTC : ZoneId.of(id);
  }
}
