package dev.hotpatch.operator.azure;

import java.util.List;

/** What installPatches reported. KB IDs as Azure reports them: digits, no KB prefix. */
public record InstallResult(
    String status,
    String activityId,
    String rebootStatus,
    int installed,
    int failed,
    int pending,
    int excluded,
    int notSelected,
    List<String> installedKbIds,
    String startTime,
    String errorCode,
    String errorMessage) {}
