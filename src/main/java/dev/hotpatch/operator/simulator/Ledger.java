package dev.hotpatch.operator.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What happened: every request (method, path, api-version, status, kind) and every reboot. */
final class Ledger {
  private final List<RequestRecord> requests = new ArrayList<>();
  private final Map<String, Long> countsByKind = new TreeMap<>();
  private final List<RebootRecord> reboots = new ArrayList<>();

  synchronized void request(RequestRecord record, String kind) {
    requests.add(record);
    countsByKind.merge(record.method() + " " + kind, 1L, Long::sum);
  }

  synchronized void reboot(RebootRecord record) {
    reboots.add(record);
  }

  synchronized List<RequestRecord> requests() {
    return List.copyOf(requests);
  }

  synchronized Map<String, Long> countsByKind() {
    return Map.copyOf(countsByKind);
  }

  synchronized List<RebootRecord> reboots() {
    return List.copyOf(reboots);
  }
}
