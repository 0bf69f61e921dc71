package io.agentscale.tune;

import io.agentscale.profile.ScalingProfile;
import io.agentscale.simulate.Outcome;
import io.agentscale.simulate.Simulation;
import io.agentscale.simulate.Simulation.Platform;
import io.agentscale.simulate.SimulationSettings;
import io.agentscale.traffic.Trace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Judges configurations by simulation with common random numbers: every configuration replays the same calls (one
 * fixed trace per scenario and seed, drawn from the current profile's traffic) so that differences come from the
 * settings, not the luck of the draw. Simulations of one configuration run in parallel; each is deterministic, so the
 * figures do not depend on the number of threads. Results are kept per configuration.
 */
public final class Evaluator implements AutoCloseable {
  /** One replay: a scenario's trace for one seed. */
  public record Case(String scenario, Trace trace, long seed) {}

  /** Thrown when the simulation budget or the wall-clock limit is spent. */
  static final class Spent extends RuntimeException {
    Spent(String why) {
      super(why, null, false, false);
    }
  }

  private final Platform platform;
  private final SimulationSettings settings;
  private final Slo slo;
  private final ExecutorService pool;
  private final int budget;
  /** Simulations kept back while searching, for the confirmation on fresh seeds. */
  private int reserve;
  private final long deadlineNanos;
  private final Map<Map<String, Object>, Evaluation> seen = new HashMap<>();
  /** The interrupted-calls cap per set of cases: the SLO's, or the current profile's on those same calls. */
  private final Map<List<Case>, Double> interruptedCaps = new HashMap<>();
  private int simulations;

  public Evaluator(Platform platform, SimulationSettings settings, Slo slo, int threads, int budget,
      java.time.Duration time) {
    this.platform = platform;
    this.settings = settings;
    this.slo = slo;
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      var t = new Thread(r, "agentscale-tune");
      t.setDaemon(true);
      return t;
    });
    this.budget = budget;
    this.deadlineNanos = System.nanoTime() + time.toNanos();
  }

  /** Keeps {@code n} simulations of the budget back until {@link #release()}. */
  void reserve(int n) {
    reserve = n;
  }

  void release() {
    reserve = 0;
  }

  public int simulations() {
    return simulations;
  }

  public Platform platform() {
    return platform;
  }

  /**
   * Sets the interrupted-calls cap for {@code cases}: the SLO's when it names one, else the 95% upper bound of what the
   * current profile ({@code current}, judged on these cases before any other) interrupts on the same calls, so a
   * configuration must be no worse than the current one beyond the runs' own noise.
   */
  void capInterrupted(List<Case> cases, Evaluation current) {
    interruptedCaps.put(cases, slo.interrupted() != null ? slo.interrupted() : current.interruptedUpper());
  }

  /** The cap for {@code cases}; null before it is set. */
  Double interruptedCap(List<Case> cases) {
    return slo.interrupted() != null ? slo.interrupted() : interruptedCaps.get(cases);
  }

  /** Every configuration judged so far. */
  List<Evaluation> seen() {
    return List.copyOf(seen.values());
  }

  /** What the tuner keeps of one simulation. */
  private record Run(long offered, long dropped, double dropRate, long interrupted, double p95Wait, int peakWorkers,
      double scaleEventsPerHour, double workerHours, Double nodeHours) {

    static Run of(Outcome o, double hours) {
      return new Run(o.offeredCalls(), o.droppedCalls(), o.dropRate(), o.interruptedSessions(), o.waitSeconds().p95(),
          o.peakWorkers(), scaleEvents(o) / hours, o.workerHours(), o.nodeHours());
    }
  }

  /** Every simulation run so far, by configuration, scenario and seed: a longer list of cases reuses them. */
  private final Map<List<Object>, Run> runs = new HashMap<>();

  /**
   * Judges {@code profile} on {@code cases}; a configuration already judged on them comes from memory, and only the
   * cases it has not run yet are simulated.
   */
  Evaluation evaluate(ScalingProfile profile, Map<String, Object> knobs, List<Case> cases) {
    var key = new LinkedHashMap<String, Object>(knobs);
    key.put("#cases", cases.stream().map(c -> c.scenario() + "/" + c.seed()).toList());
    var known = seen.get(key);
    if (known != null) {
      return known;
    }
    var missing = cases.stream().filter(c -> !runs.containsKey(runKey(knobs, c))).toList();
    if (simulations + missing.size() > budget - reserve) {
      throw new Spent("the budget of " + budget + " simulations" + (reserve > 0 ? " (less " + reserve
          + " kept for the confirmation)" : ""));
    }
    if (reserve > 0 && System.nanoTime() > deadlineNanos) {
      throw new Spent("the time limit"); // the search's: the confirmation that follows is bounded by the budget
    }
    var futures = new ArrayList<Future<Outcome>>();
    for (Case c : missing) {
      futures.add(pool.submit(() -> Simulation.run(profile, c.trace(), settings.withSeed(c.seed()), platform)));
    }
    try {
      for (int i = 0; i < missing.size(); i++) {
        var c = missing.get(i);
        runs.put(runKey(knobs, c), Run.of(futures.get(i).get(), Math.max(1, c.trace().endSeconds() / 3600)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Spent("an interrupt");
    } catch (ExecutionException e) {
      throw new IllegalStateException("simulation failed: " + e.getCause(), e.getCause());
    }
    simulations += missing.size();
    var evaluation = judge(profile, knobs, cases);
    seen.put(key, evaluation);
    return evaluation;
  }

  private static List<Object> runKey(Map<String, Object> knobs, Case c) {
    return List.of(knobs, c.scenario(), c.seed());
  }

  private Evaluation judge(ScalingProfile profile, Map<String, Object> knobs, List<Case> cases) {
    var byScenario = new LinkedHashMap<String, List<Run>>();
    for (Case c : cases) {
      byScenario.computeIfAbsent(c.scenario(), k -> new ArrayList<>()).add(runs.get(runKey(knobs, c)));
    }
    var results = new ArrayList<Evaluation.ScenarioResult>();
    double workerHours = 0;
    Double nodeHours = platform == Platform.KUBERNETES ? 0.0 : null;
    for (var e : byScenario.entrySet()) {
      var rs = e.getValue();
      long offered = rs.stream().mapToLong(Run::offered).sum();
      long dropped = rs.stream().mapToLong(Run::dropped).sum();
      double wh = rs.stream().mapToDouble(Run::workerHours).average().orElse(0);
      Double nh = nodeHours == null ? null : rs.stream().mapToDouble(Run::nodeHours).average().orElse(0);
      results.add(new Evaluation.ScenarioResult(e.getKey(), offered == 0 ? 0 : (double) dropped / offered,
          Stats.upper95(rs.stream().mapToDouble(Run::dropRate).toArray()),
          rs.stream().mapToLong(Run::interrupted).average().orElse(0),
          Stats.upper95(rs.stream().mapToDouble(Run::interrupted).toArray()),
          rs.stream().mapToDouble(Run::p95Wait).max().orElse(0),
          rs.stream().mapToInt(Run::peakWorkers).max().orElse(0),
          rs.stream().mapToDouble(Run::scaleEventsPerHour).average().orElse(0), wh, nh));
      workerHours += wh;
      if (nodeHours != null) {
        nodeHours += nh;
      }
    }
    double cost = nodeHours != null ? nodeHours : workerHours;
    Double cap = interruptedCap(cases);
    var verdict = verdict(results, cap);
    return new Evaluation(profile, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(knobs)), cost,
        workerHours, nodeHours, List.copyOf(results),
        verdict == null, verdict == null ? tightest(results, cap) : verdict);
  }

  /** True when a configuration that misses the SLO on {@code e}'s runs does so only by its bound: more runs may pass. */
  boolean undecided(Evaluation e, List<Case> cases) {
    Double cap = interruptedCap(cases);
    double patience = settings.patience().toMillis() / 1000.0;
    return e.scenarios().stream().allMatch(r -> r.dropRate() <= slo.drop()
        && (cap == null || r.interrupted() <= cap) && r.p95Wait() <= patience + 1e-9);
  }

  /** The first constraint a scenario breaks, or null when every one holds. */
  private String verdict(List<Evaluation.ScenarioResult> results, Double interruptedCap) {
    double patience = settings.patience().toMillis() / 1000.0;
    for (var r : results) {
      if (r.dropUpper() > slo.drop()) {
        return r.scenario() + ": drop rate upper bound " + pct(r.dropUpper()) + " > " + pct(slo.drop());
      }
      if (interruptedCap != null && r.interrupted() > interruptedCap + 1e-9) {
        return r.scenario() + ": " + num(r.interrupted()) + " interrupted calls per run > " + num(interruptedCap);
      }
      if (r.p95Wait() > patience + 1e-9) {
        return r.scenario() + ": p95 wait " + num(r.p95Wait()) + " s > patience " + num(patience) + " s";
      }
    }
    return null;
  }

  /** For a feasible configuration: the constraint closest to its limit. */
  private String tightest(List<Evaluation.ScenarioResult> results, Double interruptedCap) {
    String binding = null;
    double room = Double.POSITIVE_INFINITY;
    for (var r : results) {
      double dropRoom = (slo.drop() - r.dropUpper()) / slo.drop();
      if (dropRoom < room) {
        room = dropRoom;
        binding = r.scenario() + ": drop rate upper bound " + pct(r.dropUpper()) + " of " + pct(slo.drop());
      }
      if (interruptedCap != null && interruptedCap > 0) {
        double interruptedRoom = (interruptedCap - r.interrupted()) / interruptedCap;
        if (interruptedRoom < room) {
          room = interruptedRoom;
          binding = r.scenario() + ": " + num(r.interrupted()) + " interrupted calls per run of "
              + num(interruptedCap);
        }
      }
    }
    return binding;
  }

  /** Worker count changes between timeline samples: the scale events a run shows. */
  static int scaleEvents(Outcome o) {
    int events = 0;
    int last = -1;
    for (var s : o.timeline()) {
      int workers = s.ready() + s.starting() + s.draining();
      if (last >= 0 && workers != last) {
        events++;
      }
      last = workers;
    }
    return events;
  }

  static String pct(double f) {
    return String.format(java.util.Locale.ROOT, "%.2f%%", f * 100);
  }

  static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.2f", v);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
