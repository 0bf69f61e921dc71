package io.agentscale.tune;

import io.agentscale.profile.ScalingProfile;
import java.util.List;
import java.util.Map;

/**
 * One configuration judged on every scenario over the same seeds.
 *
 * @param settings the knobs' values, by field path
 * @param cost node-hours (Kubernetes) or worker-hours (LiveKit Cloud), summed over scenarios, mean over seeds
 * @param scenarios per scenario, in the order given
 * @param feasible meets the SLO on every scenario
 * @param binding the constraint with the least room: which scenario and which metric
 */
public record Evaluation(ScalingProfile profile, Map<String, Object> settings, double cost, double workerHours,
    Double nodeHours, List<ScenarioResult> scenarios, boolean feasible, String binding) {

  /**
   * One scenario's figures over the seeds.
   *
   * @param dropRate pooled: dropped calls over offered calls
   * @param dropUpper one-sided 95% t upper bound of the per-seed drop rates
   * @param interrupted mean interrupted calls per run
   * @param interruptedUpper its one-sided 95% t upper bound
   * @param scaleEventsPerHour worker count changes per hour, mean
   */
  public record ScenarioResult(String scenario, double dropRate, double dropUpper, double interrupted,
      double interruptedUpper, double p95Wait, int peakWorkers, double scaleEventsPerHour, double workerHours, Double nodeHours) {}

  /** The worst scenario's drop upper bound: what the Pareto front and the SLO line compare. */
  public double worstDropUpper() {
    return scenarios.stream().mapToDouble(ScenarioResult::dropUpper).max().orElse(Double.POSITIVE_INFINITY);
  }

  public double worstDropRate() {
    return scenarios.stream().mapToDouble(ScenarioResult::dropRate).max().orElse(Double.POSITIVE_INFINITY);
  }

  public double interrupted() {
    return scenarios.stream().mapToDouble(ScenarioResult::interrupted).max().orElse(0);
  }

  public double interruptedUpper() {
    return scenarios.stream().mapToDouble(ScenarioResult::interruptedUpper).max().orElse(0);
  }

  public double p95Wait() {
    return scenarios.stream().mapToDouble(ScenarioResult::p95Wait).max().orElse(0);
  }

  public int peakWorkers() {
    return scenarios.stream().mapToInt(ScenarioResult::peakWorkers).max().orElse(0);
  }

  public double scaleEventsPerHour() {
    return scenarios.stream().mapToDouble(ScenarioResult::scaleEventsPerHour).max().orElse(0);
  }
}
