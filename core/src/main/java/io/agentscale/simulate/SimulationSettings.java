package io.agentscale.simulate;

import java.time.Duration;
import io.agentscale.traffic.CallLengths;

/**
 * How a run treats callers and the parts of the platform the profile does not describe.
 *
 * @param meanCall mean call length
 * @param callLengths the distribution of call lengths
 * @param patience how long a caller holds for a free agent before counting as dropped (0: at once)
 * @param seed the seed of every random choice: the same seed gives the same calls on both platforms
 * @param podStart container start of a placed pod whose node holds the image, before warmup_time begins (an image
 *     pull, when the node lacks it, comes first: {@code capacity.image_pull_time})
 * @param deletionCost what the agent pods' {@code controller.kubernetes.io/pod-deletion-cost} is: nothing (as the
 *     manifests ship) or each pod's live session count, a what-if of session-aware scale-in
 * @param prepull whether balloons pre-pull the agent image; null follows the profile's {@code kubernetes.prepull_image}
 */
public record SimulationSettings(
    Duration meanCall,
    CallLengths callLengths,
    Duration patience,
    long seed,
    Duration podStart,
    DeletionCost deletionCost,
    Boolean prepull) {

  /** The agent pods' deletion cost. */
  public enum DeletionCost { none, sessions }

  public static final Duration POD_START = Duration.ofSeconds(10);

  public static SimulationSettings defaults() {
    return new SimulationSettings(io.agentscale.profile.Defaults.MEAN_CALL_LENGTH, CallLengths.lognormal, Duration.ZERO, 1, POD_START, DeletionCost.none,
        null);
  }

  public SimulationSettings withMeanCall(Duration d) {
    return new SimulationSettings(d, callLengths, patience, seed, podStart, deletionCost, prepull);
  }

  public SimulationSettings withCallLengths(CallLengths c) {
    return new SimulationSettings(meanCall, c, patience, seed, podStart, deletionCost, prepull);
  }

  public SimulationSettings withPatience(Duration d) {
    return new SimulationSettings(meanCall, callLengths, d, seed, podStart, deletionCost, prepull);
  }

  public SimulationSettings withDeletionCost(DeletionCost c) {
    return new SimulationSettings(meanCall, callLengths, patience, seed, podStart, c, prepull);
  }

  public SimulationSettings withPrepull(Boolean p) {
    return new SimulationSettings(meanCall, callLengths, patience, seed, podStart, deletionCost, p);
  }

  public SimulationSettings withSeed(long s) {
    return new SimulationSettings(meanCall, callLengths, patience, s, podStart, deletionCost, prepull);
  }
}
