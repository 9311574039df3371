package dev.hotpatch.operator.azure;

import java.util.Locale;

/** Names an ARM request for metrics: method plus the last meaningful path segment. */
final class RequestKind {
  private RequestKind() {}

  static String of(String method, String path) {
    String p = path.toLowerCase(Locale.ROOT);
    String kind;
    // Compute's and Microsoft.Network's /operations/, disks' /DiskOperations/, Network's
    // /operationResults/.
    if (p.contains("/operations/")
        || p.contains("/diskoperations/")
        || p.contains("/operationresults/")) {
      kind = "operation";
    } else if (p.endsWith("/microsoft.resourcegraph/resources")) {
      kind = "resourceGraph";
    } else if (p.endsWith("/installpatches")) {
      kind = "installPatches";
    } else if (p.endsWith("/assesspatches")) {
      kind = "assessPatches";
    } else if (p.endsWith("/restart")) {
      kind = "restart";
    } else if (p.endsWith("/instanceview")) {
      kind = "instanceView";
    } else if (p.endsWith("/virtualmachines")) {
      kind = "listVirtualMachines";
    } else if (p.contains("/virtualmachines/")) {
      kind = "virtualMachine";
    } else if (p.contains("/networkinterfaces")) {
      kind = "networkInterface";
    } else if (p.contains("/virtualnetworks")) {
      kind = "virtualNetwork";
    } else if (p.contains("/disks")) {
      kind = "disk";
    } else {
      kind = "other";
    }
    return method + " " + kind;
  }
}
