package dev.hotpatch.operator.simulator;

/** Who started an operation or caused a reboot. */
public enum Origin {
  /** A request that came over HTTP (the operator, a person's CLI call). */
  CLIENT,
  /** Azure itself: automatic guest patching, host maintenance, a reboot from inside the guest. */
  PLATFORM
}
