package io.agentscale.simulate;

import java.time.Duration;

/**
 * How a run treats callers and the parts of the platform the profile does not describe.
 *
 * @param meanCall mean call length
 * @param callLengths the distribution of call lengths
 * @param patience how long a caller holds for a free agent before counting as dropped (0: at once)
 * @param seed the seed of every random choice: the same seed gives the same calls on both platforms
 * @param podStart scheduling, image pull and container start of a placed pod, before warmup_time begins
 */
public record SimulationSettings(
    Duration meanCall,
    CallLengths callLengths,
    Duration patience,
    long seed,
    Duration podStart) {

  public static final Duration MEAN_CALL = Duration.ofMinutes(3);
  public static final Duration POD_START = Duration.ofSeconds(10);

  public static SimulationSettings defaults() {
    return new SimulationSettings(MEAN_CALL, CallLengths.lognormal, Duration.ZERO, 1, POD_START);
  }

  public SimulationSettings withMeanCall(Duration d) {
    return new SimulationSettings(d, callLengths, patience, seed, podStart);
  }

  public SimulationSettings withCallLengths(CallLengths c) {
    return new SimulationSettings(meanCall, c, patience, seed, podStart);
  }

  public SimulationSettings withPatience(Duration d) {
    return new SimulationSettings(meanCall, callLengths, d, seed, podStart);
  }

  public SimulationSettings withSeed(long s) {
    return new SimulationSettings(meanCall, callLengths, patience, s, podStart);
  }
}
