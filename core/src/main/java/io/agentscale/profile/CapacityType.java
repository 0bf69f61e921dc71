package io.agentscale.profile;

/** How EC2 capacity for agent nodes is bought. */
public enum CapacityType {
  /** The default: a node is never reclaimed in the middle of a call. */
  ON_DEMAND,
  /** Cheaper, but AWS may reclaim a node with two minutes' notice and drop every call on it. */
  SPOT
}
