package io.agentscale.simulate;

/** How one platform adds, readies and removes workers; the {@link Fleet} does the rest. */
interface PlatformModel {
  /** Puts the platform in steady state at time 0 and schedules its control loops. */
  void start();

  /** Nodes paid for right now. */
  int nodes();

  /** False where the platform runs the nodes itself. */
  boolean hasNodes();
}
