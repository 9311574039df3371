package dev.hotpatch.operator.azure;

import java.util.List;

/** What assessPatches reported. KB IDs as Azure reports them: digits, no KB prefix. */
public record AssessResult(
    String status,
    String activityId,
    boolean rebootPending,
    int criticalAndSecurityCount,
    int otherCount,
    List<String> availableKbIds,
    String startTime) {}
