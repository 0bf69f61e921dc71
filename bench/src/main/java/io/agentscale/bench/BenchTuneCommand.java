package io.agentscale.bench;

import io.agentscale.profile.ProfileLoader;
import io.agentscale.simulate.Outcome;
import io.agentscale.simulate.Simulation;
import io.agentscale.simulate.SimulationSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code agentscale bench-tune}: how fast tuning can judge configurations: N seven-day simulations of a profile on
 * every core, as {@code tune} runs them (one simulation per configuration and seed), then the same seeds on one thread
 * to show the figures do not depend on the thread count.
 */
@Command(name = "bench-tune", description = "Benchmark tuning throughput: seven-day simulations on every core.")
final class BenchTuneCommand implements Callable<Integer> {
  @Option(names = "--profile", defaultValue = "stacks/dental-receptionist.yaml", paramLabel = "PROFILE")
  Path profile;

  @Option(names = "--simulations", defaultValue = "1000", description = "simulations to time (default: 1000)")
  int simulations;

  @Option(names = "--threads", description = "threads (default: every core)")
  Integer threads;

  @Option(names = "--check", defaultValue = "24", description = "simulations re-run on one thread to compare (default: 24)")
  int check;

  @Override
  public Integer call() throws Exception {
    var p = ProfileLoader.load(profile);
    var settings = SimulationSettings.defaults();
    var week = BenchSimulateCommand.week(p, settings);
    int cores = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    System.out.printf(Locale.ROOT, "%d seven-day simulations of %s on %d thread%s (%d cores seen)%n", simulations,
        p.name(), cores, cores == 1 ? "" : "s", Runtime.getRuntime().availableProcessors());
    run(p, week, settings, Math.min(simulations, 2 * cores), cores, 0); // warm-up: JIT
    int keep = Math.min(check, simulations);
    long start = System.nanoTime();
    var outcomes = run(p, week, settings, simulations, cores, keep);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "wall %.1f s: %.1f simulations/s, %.1f per core; %.0f simulated days per wall s%n",
        seconds, simulations / seconds, simulations / seconds / cores, simulations * 7 / seconds);
    var single = run(p, week, settings, keep, 1, keep);
    boolean same = single.equals(outcomes);
    System.out.printf(Locale.ROOT, "first %d outcomes on one thread identical to %d threads: %s%n", keep, cores, same);
    long peakKiB = BenchSynthCommand.kib(ProcessHandle.current(), "status", "VmHWM:");
    System.out.println("peak RSS of this JVM: " + (peakKiB == 0 ? "unknown (no /proc)" : peakKiB + " kB"));
    return same ? 0 : 1;
  }

  /**
   * Simulation i runs seed i + 1 on the Kubernetes model; returns the first {@code keep} outcomes in seed order whatever
   * the thread count, and lets the others go as they finish (as tune keeps only a summary of each run).
   */
  private static List<Outcome> run(io.agentscale.profile.ScalingProfile p, io.agentscale.traffic.Trace week,
      SimulationSettings settings, int count, int threads, int keep) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      var futures = new ArrayList<Future<Outcome>>();
      for (int i = 0; i < count; i++) {
        long seed = i + 1;
        futures.add(pool.submit(() -> Simulation.run(p, week, settings.withSeed(seed),
            Simulation.Platform.KUBERNETES)));
      }
      var out = new ArrayList<Outcome>();
      for (int i = 0; i < futures.size(); i++) {
        var outcome = futures.get(i).get();
        futures.set(i, null);
        if (i < keep) {
          out.add(outcome);
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
