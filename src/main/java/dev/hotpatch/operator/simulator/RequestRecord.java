package dev.hotpatch.operator.simulator;

import java.time.Instant;

/** One HTTP request the simulator answered (never its body). {@code path} has no query string. */
public record RequestRecord(
    Instant time, String method, String path, String apiVersion, int status) {}
