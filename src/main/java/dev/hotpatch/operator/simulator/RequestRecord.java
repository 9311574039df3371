package dev.hotpatch.operator.simulator;

import java.time.Instant;

/**
 * One HTTP request the simulator answered (never its body). {@code path} has no query string;
 * {@code status} 0 means the connection was reset without an answer (a lost answer).
 */
public record RequestRecord(
    Instant time, String method, String path, String apiVersion, int status) {}
