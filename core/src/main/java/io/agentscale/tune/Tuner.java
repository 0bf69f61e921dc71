package io.agentscale.tune;

import io.agentscale.plan.CapacityPlan;
import io.agentscale.plan.CostEstimate;
import io.agentscale.plan.Erlang;
import io.agentscale.profile.ScalingProfile;
import io.agentscale.simulate.Simulation.Platform;
import io.agentscale.simulate.SimulationSettings;
import io.agentscale.traffic.Trace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * {@code agentscale tune}: the cheapest scaling settings that meet a drop-rate SLO on every scenario given, judged by
 * the simulator. Searches on a few seeds with common random numbers, then confirms the cheapest candidates on fresh
 * seeds never used in the search, so the winner is not just lucky on the calls it was tuned on.
 */
public final class Tuner {
  /**
   * The search's cheapest feasible configurations tried on fresh seeds, at most: every extra candidate is another
   * chance for a borderline one to pass by luck.
   */
  static final int CANDIDATES = 8;
  /** The most fresh seeds per scenario a candidate that misses only by its bound is given. */
  static final int MAX_CONFIRM_SEEDS = 30;
  /** Fresh seeds start here above the search's. */
  static final long CONFIRM_SEED_OFFSET = 1000;

  /** One scenario of traffic: its name and its trace for a seed (a CSV trace is the same for every seed). */
  public record Traffic(String name, LongFunction<Trace> trace) {}

  /**
   * @param searchSeeds seeds per scenario during the search
   * @param confirmSeeds fresh seeds per scenario for the confirmation
   */
  public record Options(Platform platform, Slo slo, SimulationSettings settings, int budget, Duration time, long seed,
      int searchSeeds, int confirmSeeds, int threads, Searcher searcher) {}

  /**
   * @param chosen the cheapest configuration that met the SLO on the fresh seeds; null when none did
   * @param closest with no chosen one, the confirmed configuration nearest to the SLO
   * @param current the current profile on the same fresh seeds
   * @param pareto non-dominated configurations of the search (cost against worst drop upper bound), cheapest first
   * @param knobs the knobs searched
   * @param minMaxWorkers the smallest max_workers the stationary Erlang-B bound leaves in the search
   * @param hours the simulated hours of one pass over every scenario (to turn costs into costs per week)
   */
  public record Result(Evaluation chosen, Evaluation closest, Evaluation current, List<Evaluation> pareto,
      List<Knob> knobs, String stopped, int evaluations, int searchSeeds, int confirmSeeds, double wallSeconds,
      int minMaxWorkers, double hours, Options options, List<Evaluation> all) {

    public boolean met() {
      return chosen != null;
    }

    /** What the chosen configuration changes, by field path: {old, new}. */
    public Map<String, Object[]> diff() {
      var out = new LinkedHashMap<String, Object[]>();
      if (chosen == null) {
        return out;
      }
      for (Knob k : knobs) {
        Object was = k.valueOf(current.profile());
        Object now = k.valueOf(chosen.profile());
        if (!was.equals(now)) {
          out.put(k.path(), new Object[] {was, now});
        }
      }
      return out;
    }

    /** Node-hours (Kubernetes) or worker-hours saved per week of this traffic. */
    public double savingPerWeek() {
      return chosen == null ? 0 : (current.cost() - chosen.cost()) * (7 * 24) / hours;
    }

    /** The saving in US dollars at us-east-1 on-demand prices; null on LiveKit Cloud or for an unpriced type. */
    public Double savingUsdPerWeek() {
      if (chosen == null || options.platform() != Platform.KUBERNETES) {
        return null;
      }
      String type = CapacityPlan.from(current.profile()).node().instanceType();
      return CostEstimate.PRICES.find(type).map(p -> p.doubleValue() * savingPerWeek()).orElse(null);
    }
  }

  private Tuner() {}

  public static Result tune(ScalingProfile current, List<Traffic> traffic, Options o) {
    int minMax = minMaxWorkers(current, traffic, o);
    return tune(current, traffic, o, Knob.of(current, o.platform(), minMax), minMax);
  }

  /** As {@link #tune(ScalingProfile, List, Options)} over the given knobs only. */
  public static Result tune(ScalingProfile current, List<Traffic> traffic, Options o, List<Knob> knobs, int minMax) {
    long start = System.nanoTime();
    var search = cases(traffic, o.seed(), o.searchSeeds());
    try (var evaluator = new Evaluator(o.platform(), o.settings(), o.slo(), o.threads(), o.budget(), o.time())) {
      // the current profile is judged first on each set of calls: its interruptions cap the others' there
      var here = evaluator.evaluate(current, MonotoneSearch.settings(current, knobs), search);
      evaluator.capInterrupted(search, here);
      // a third of the budget (at most twenty confirmations' worth) waits for the confirmation on fresh seeds
      evaluator.reserve(Math.min(o.budget() / 3, 20 * traffic.size() * o.confirmSeeds()));
      var found = o.searcher().search(current, knobs, evaluator, search);
      evaluator.release();
      var searched = evaluator.seen();
      // the search's feasible configurations, cheapest first, on fresh seeds: a clear miss (a mean over the SLO) is
      // dropped at once; a miss by the bound alone gets more seeds, up to MAX_CONFIRM_SEEDS, until it passes or fails
      // the search's feasible configurations, cheapest first; after a miss on fresh seeds only those with clearly more
      // room on the search's calls in the metric that missed (a tenth less drop bound, fewer interrupted calls)
      var candidates = new ArrayList<>(searched.stream().filter(Evaluation::feasible)
          .sorted(Comparator.comparingDouble(Evaluation::cost)).toList());
      if (here.feasible()) {
        candidates.remove(here);
        candidates.add(here); // the current profile, last: when nothing cheaper holds up, keeping it is the answer
      }
      Evaluation chosen = null;
      var confirmed = new ArrayList<Evaluation>();
      String stopped = found.stopped();
      Evaluation currentConfirmed = null;
      int seedsUsed = o.confirmSeeds();
      try {
        double dropRoom = Double.POSITIVE_INFINITY;
        double interruptedRoom = Double.POSITIVE_INFINITY;
        int tried = 0;
        for (var c : candidates) {
          boolean lastResort = c == here;
          if (!lastResort && (tried >= CANDIDATES || c.worstDropUpper() >= dropRoom
              || c.interrupted() >= interruptedRoom)) {
            continue;
          }
          tried++;
          Evaluation last = null;
          for (int n = o.confirmSeeds(); n <= Math.max(o.confirmSeeds(), MAX_CONFIRM_SEEDS); n += o.confirmSeeds()) {
            var fresh = cases(traffic, o.seed() + CONFIRM_SEED_OFFSET, n);
            currentConfirmed = evaluator.evaluate(current, here.settings(), fresh);
            evaluator.capInterrupted(fresh, currentConfirmed);
            last = evaluator.evaluate(c.profile(), c.settings(), fresh);
            seedsUsed = n;
            if (last.feasible() || !evaluator.undecided(last, fresh)) {
              break;
            }
          }
          if (last.feasible()) {
            chosen = last;
            break;
          }
          confirmed.add(last);
          if (last.worstDropUpper() > o.slo().drop()) {
            dropRoom = Math.min(dropRoom, c.worstDropUpper() * 0.9);
          } else {
            interruptedRoom = Math.min(interruptedRoom, c.interrupted());
          }
        }
        if (currentConfirmed == null) {
          var fresh = cases(traffic, o.seed() + CONFIRM_SEED_OFFSET, o.confirmSeeds());
          currentConfirmed = evaluator.evaluate(current, here.settings(), fresh);
        }
        Evaluation closest = chosen != null ? null : confirmed.stream().min(Comparator.comparingDouble(
            Evaluation::worstDropUpper)).orElse(searched.stream().min(Comparator.comparingDouble(
            Evaluation::worstDropUpper)).orElse(here));
        double hours = traffic.stream().mapToDouble(t -> t.trace().apply(o.seed()).endSeconds() / 3600).sum();
        return new Result(chosen, closest, currentConfirmed, pareto(searched), knobs, stopped,
            evaluator.simulations(), o.searchSeeds(), seedsUsed, (System.nanoTime() - start) / 1e9, minMax,
            hours, o, searched);
      } catch (Evaluator.Spent spent) {
        throw new IllegalStateException("the budget ran out before a configuration passed on fresh seeds; raise "
            + "--budget (" + evaluator.simulations() + " simulations so far)");
      }
    }
  }

  static List<Evaluator.Case> cases(List<Traffic> traffic, long firstSeed, int seeds) {
    var out = new ArrayList<Evaluator.Case>();
    for (var t : traffic) {
      for (long s = firstSeed; s < firstSeed + seeds; s++) {
        out.add(new Evaluator.Case(t.name(), t.trace().apply(s), s));
      }
    }
    return List.copyOf(out);
  }

  /**
   * The smallest max_workers worth simulating: below it, Erlang-B at each minute's offered load, as if the fleet
   * stood at max_workers all along, already loses more than twice the SLO's share of calls on some scenario. The
   * factor two keeps configurations whose real drops trail the stationary figure (busy sessions lag a rising load).
   */
  static int minMaxWorkers(ScalingProfile p, List<Traffic> traffic, Options o) {
    if (!o.settings().patience().isZero()) {
      return 1; // callers who wait are not lost: Erlang-B bounds nothing then
    }
    int spw = p.scaling().sessionsPerWorker();
    double meanMinutes = o.settings().meanCall().toMillis() / 60000.0;
    int workers = 1;
    for (var t : traffic) {
      for (long seed = o.seed(); seed < o.seed() + o.searchSeeds(); seed++) {
        var trace = t.trace().apply(seed);
        // the loss falls as workers grow: the smallest count within twice the SLO, by bisection
        int lo = 1;
        int hi = Math.max(1, p.scaling().maxWorkers());
        while (stationaryLoss(trace, hi * spw, meanMinutes) > 2 * o.slo().drop()) {
          hi *= 2;
        }
        while (lo < hi) {
          int mid = (lo + hi) / 2;
          if (stationaryLoss(trace, mid * spw, meanMinutes) > 2 * o.slo().drop()) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
        workers = seed == o.seed() && t == traffic.get(0) ? lo : Math.min(workers, lo);
      }
    }
    return workers;
  }

  /** Calls lost over a trace by {@code slots} slots at Erlang-B of each step's offered load, weighted by arrivals. */
  static double stationaryLoss(Trace trace, int slots, double meanMinutes) {
    double offered = 0;
    double lost = 0;
    var steps = trace.steps();
    for (int i = 0; i < steps.size(); i++) {
      double until = i + 1 < steps.size() ? steps.get(i + 1).atSeconds() : trace.endSeconds();
      double calls = steps.get(i).perMinute() * Math.max(0, until - steps.get(i).atSeconds()) / 60;
      offered += calls;
      lost += calls * Erlang.loss(slots, steps.get(i).perMinute() * meanMinutes);
    }
    return offered == 0 ? 0 : lost / offered;
  }

  /** Configurations no other beats on both cost and worst drop upper bound, cheapest first, at most ten. */
  static List<Evaluation> pareto(List<Evaluation> all) {
    var front = front(all);
    if (front.size() <= 10) {
      return front;
    }
    var thinned = new ArrayList<Evaluation>();
    for (int i = 0; i < 10; i++) {
      thinned.add(front.get((int) Math.round(i * (front.size() - 1) / 9.0)));
    }
    return List.copyOf(thinned);
  }

  /** Every configuration no other beats on both cost and worst drop upper bound, cheapest first. */
  static List<Evaluation> front(List<Evaluation> all) {
    var front = new ArrayList<Evaluation>();
    var sorted = all.stream().filter(e -> Double.isFinite(e.cost()))
        .sorted(Comparator.comparingDouble(Evaluation::cost).thenComparingDouble(Evaluation::worstDropUpper)).toList();
    double bestDrop = Double.POSITIVE_INFINITY;
    for (var e : sorted) {
      if (e.worstDropUpper() < bestDrop) {
        front.add(e);
        bestDrop = e.worstDropUpper();
      }
    }
    return List.copyOf(front);
  }
}
