package io.agentscale.tune;

import io.agentscale.profile.ScalingProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coordinate descent by bisection. Along each knob's values, cheapest first, drops do not fall, so the cheapest
 * feasible value given the other knobs is found by bisection between the cheapest value and the current one; rounds
 * over every knob repeat until a round saves less than {@value #MIN_GAIN_PERCENT}% or the budget runs out. When the
 * current profile misses the SLO the search first moves every knob to its safest value.
 */
public final class MonotoneSearch implements Searcher {
  static final double MIN_GAIN_PERCENT = 0.5;
  static final int MAX_ROUNDS = 6;

  @Override
  public Found search(ScalingProfile current, List<Knob> knobs, Evaluator evaluator, List<Evaluator.Case> cases) {
    try {
      Evaluation best = evaluator.evaluate(current, settings(current, knobs), cases);
      if (!best.feasible()) {
        ScalingProfile safest = current;
        for (Knob k : knobs) {
          var next = k.with(safest, k.cheapestFirst().get(k.cheapestFirst().size() - 1));
          safest = next == null ? safest : next;
        }
        best = evaluator.evaluate(safest, settings(safest, knobs), cases);
        if (!best.feasible()) {
          return new Found(null, "no configuration in range meets the SLO");
        }
      }
      for (int round = 1; round <= MAX_ROUNDS; round++) {
        double before = best.cost();
        for (Knob k : knobs) {
          best = bisect(best, k, knobs, evaluator, cases);
        }
        best = trade(best, knobs, evaluator, cases);
        if (before - best.cost() < before * MIN_GAIN_PERCENT / 100) {
          return new Found(best, "converged after " + round + " round" + (round > 1 ? "s" : "")
              + " (the last saved under " + MIN_GAIN_PERCENT + "%)");
        }
      }
      return new Found(best, "stopped after " + MAX_ROUNDS + " rounds");
    } catch (Evaluator.Spent spent) {
      var feasible = evaluator.seen().stream().filter(Evaluation::feasible)
          .min(java.util.Comparator.comparingDouble(Evaluation::cost));
      return new Found(feasible.orElse(null), "spent " + spent.getMessage());
    }
  }

  /** The cheapest feasible value of {@code k} with the other knobs as in {@code best}, if it costs less. */
  private Evaluation bisect(Evaluation best, Knob k, List<Knob> knobs, Evaluator evaluator,
      List<Evaluator.Case> cases) {
    var values = k.cheapestFirst();
    int hi = values.indexOf(k.valueOf(best.profile()));
    if (hi < 0) {
      return best;
    }
    int lo = 0;
    Evaluation found = best;
    while (lo < hi) {
      int mid = (lo + hi) / 2;
      var candidate = k.with(best.profile(), values.get(mid));
      var e = candidate == null ? null : evaluator.evaluate(candidate, settings(candidate, knobs), cases);
      if (e != null && e.feasible()) {
        hi = mid;
        found = e;
      } else {
        lo = mid + 1;
      }
    }
    // one noisy miss at a midpoint can push the bisection past a cheaper feasible value: look two steps back once
    for (int back = hi - 1; back >= Math.max(0, hi - 2); back--) {
      var candidate = k.with(best.profile(), values.get(back));
      var e = candidate == null ? null : evaluator.evaluate(candidate, settings(candidate, knobs), cases);
      if (e != null && e.feasible() && e.cost() < found.cost()) {
        found = e;
      }
    }
    return found.cost() <= best.cost() ? found : best;
  }

  /**
   * Bisection along one knob stops where that knob alone cannot go cheaper; a cheaper point may still lie one step
   * cheaper on one knob and one step safer on another (a higher threshold bought with one more min worker). Tries
   * every such pair once and takes the cheapest feasible one.
   */
  private Evaluation trade(Evaluation best, List<Knob> knobs, Evaluator evaluator, List<Evaluator.Case> cases) {
    Evaluation found = best;
    for (Knob cheaper : knobs) {
      int i = cheaper.cheapestFirst().indexOf(cheaper.valueOf(best.profile()));
      if (i <= 0) {
        continue;
      }
      var step = cheaper.with(best.profile(), cheaper.cheapestFirst().get(i - 1));
      for (Knob safer : knobs) {
        int j = safer.cheapestFirst().indexOf(safer.valueOf(best.profile()));
        if (safer == cheaper || step == null || j < 0 || j + 1 >= safer.cheapestFirst().size()) {
          continue;
        }
        var candidate = safer.with(step, safer.cheapestFirst().get(j + 1));
        if (candidate == null) {
          continue;
        }
        var e = evaluator.evaluate(candidate, settings(candidate, knobs), cases);
        if (e.feasible() && e.cost() < found.cost()) {
          found = e;
        }
      }
    }
    return found;
  }

  static Map<String, Object> settings(ScalingProfile p, List<Knob> knobs) {
    var out = new LinkedHashMap<String, Object>();
    knobs.forEach(k -> out.put(k.path(), k.valueOf(p)));
    return out;
  }
}
