package io.agentscale.simulate;

import java.util.List;

/**
 * What one platform did with the traffic.
 *
 * @param dropRate dropped ÷ offered
 * @param interruptedSessions calls cut off because a draining worker ran out of time
 * @param stillHolding callers still on hold when the run ended (neither served nor dropped)
 * @param workerHours worker-time paid for, starting and draining workers included
 * @param nodeHours node-time paid for; null where the platform runs the nodes (LiveKit Cloud)
 * @param idleFraction share of paid worker slot-time that carried no call
 */
public record Outcome(
    String platform,
    long offeredCalls,
    long servedCalls,
    long droppedCalls,
    double dropRate,
    long interruptedSessions,
    long stillHolding,
    Waits waitSeconds,
    int peakWorkers,
    double workerHours,
    Double nodeHours,
    double idleFraction,
    List<Sample> timeline) {

  public record Waits(double p50, double p95, double p99, double max) {}

  /**
   * The state at the end of one timeline bucket.
   *
   * @param offeredPerMinute the trace's arrival rate at that moment
   * @param arrivals calls that arrived during the bucket
   * @param capacity sessions the ready workers can carry
   * @param starting workers created but not yet ready (waiting for a node, starting or warming up)
   * @param drops calls dropped during the bucket
   */
  public record Sample(long seconds, double offeredPerMinute, long arrivals, int sessions, int capacity, int ready,
      int starting, int draining, Integer nodes, long drops) {}
}
