package io.agentscale.tune;

import io.agentscale.profile.ScalingProfile;
import java.util.List;

/**
 * A way of searching the knobs for the cheapest configuration that meets the SLO. {@link MonotoneSearch} bisects along
 * each knob; another searcher (Bayesian optimisation, TPE) can take its place behind this interface.
 */
public interface Searcher {
  /**
   * Searches from {@code current}, judging configurations with {@code evaluator} on {@code cases}. Returns the cheapest
   * feasible configuration found (or null) and why the search stopped; every configuration judged stays in the
   * evaluator.
   */
  Found search(ScalingProfile current, List<Knob> knobs, Evaluator evaluator, List<Evaluator.Case> cases);

  /** What a search found and why it stopped. */
  record Found(Evaluation best, String stopped) {}
}
