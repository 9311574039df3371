package dev.hotpatch.operator.policy;

import java.time.Instant;
import java.util.Optional;

/**
 * The reboot gate's answer. nextWindow is the start of the open window (when inside one) or of the
 * next one; windowEnd is when the current window closes, when inside one.
 */
public record GateDecision(
    boolean allowed,
    GateReason reason,
    String message,
    Optional<Instant> nextWindow,
    Optional<Instant> windowEnd) {}
