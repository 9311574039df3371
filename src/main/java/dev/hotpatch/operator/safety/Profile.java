package dev.hotpatch.operator.safety;

import dev.hotpatch.operator.simulator.SimulatorBehaviour;

/** How honest the simulator is in a schedule; one simulator per profile is reused. */
public enum Profile {
  /** The simulator's original behaviour: nothing lags, skews or gets lost. */
  FRIENDLY,
  /** Azure's defaults: lag, skew, 409 while busy, agent Not Ready, stale results, 5xx, patching. */
  AZURE_LIKE,
  /** Azure-like, and some answers to calls that start an operation are lost. */
  LOSSY;

  public SimulatorBehaviour behaviour(long seed) {
    return switch (this) {
      case FRIENDLY -> SimulatorBehaviour.friendly();
      case AZURE_LIKE -> SimulatorBehaviour.azureLike().withSeed(seed);
      case LOSSY -> SimulatorBehaviour.azureLike().withSeed(seed).withLostAnswerProbability(0.05);
    };
  }
}
