package io.agentscale.bench;

import io.agentscale.profile.ProfileLoader;
import io.agentscale.profile.ScalingProfile;
import io.agentscale.traffic.Scenario;
import io.agentscale.simulate.Simulation;
import io.agentscale.simulate.SimulationSettings;
import io.agentscale.traffic.Trace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code agentscale bench-simulate}: how fast the simulator replays a week of per-minute traffic. Runs in this JVM
 * after warm-up runs, so JVM start-up is excluded; prints the median, min–max, simulated seconds per wall second and
 * the process's peak resident memory.
 */
@Command(name = "bench-simulate", description = "Benchmark the simulator on a 7-day per-minute trace.")
final class BenchSimulateCommand implements Callable<Integer> {
  @Option(names = "--profile", defaultValue = "stacks/dental-receptionist.yaml", paramLabel = "PROFILE")
  Path profile;

  @Option(names = "--runs", defaultValue = "9", description = "timed runs per platform (default: 9)")
  int runs;

  @Option(names = "--warmup", defaultValue = "3", description = "untimed runs first (default: 3)")
  int warmup;

  @Override
  public Integer call() throws IOException {
    ScalingProfile p = ProfileLoader.load(profile);
    var settings = SimulationSettings.defaults();
    Trace week = week(p, settings);
    System.out.printf(Locale.ROOT, "7-day trace, %d per-minute rows, profile %s, %d warm-up + %d timed runs%n",
        week.steps().size(), p.name(), warmup, runs);
    for (var platform : Simulation.Platform.values()) {
      for (int i = 0; i < warmup; i++) {
        Simulation.run(p, week, settings, platform);
      }
      double[] seconds = new double[runs];
      long calls = 0;
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        calls = Simulation.run(p, week, settings, platform).offeredCalls();
        seconds[i] = (System.nanoTime() - start) / 1e9;
      }
      Arrays.sort(seconds);
      double median = seconds[runs / 2];
      System.out.printf(Locale.ROOT,
          "%-14s median %.3f s (min %.3f, max %.3f)  %,d calls  %,.0f simulated s per wall s%n",
          platform.id(), median, seconds[0], seconds[runs - 1], calls, week.endSeconds() / median);
    }
    long peakKiB = BenchSynthCommand.kib(ProcessHandle.current(), "status", "VmHWM:");
    System.out.println("peak RSS of this JVM: " + (peakKiB == 0 ? "unknown (no /proc)" : peakKiB + " kB"));
    return 0;
  }

  /**
   * A clinic network's week, in shares of design load: nights 2%, 07:00-08:00 rising to 30%, the 08:00 flood (80% on
   * Monday, 60% other weekdays) easing to 45% by 10:00, a 30% lunch dip, 45% afternoons, 5% by 19:00; weekends 5%.
   */
  static Trace week(ScalingProfile p, SimulationSettings settings) {
    double perShare = Scenario.designLoad(p) / (settings.meanCall().toSeconds() / 60.0);
    var steps = new ArrayList<Trace.Step>();
    for (int minute = 0; minute < 7 * 24 * 60; minute++) {
      int day = minute / 1440;
      double h = (minute % 1440) / 60.0;
      double share;
      if (day >= 5) {
        share = 0.05;
      } else if (h < 7 || h >= 19) {
        share = 0.02;
      } else if (h < 8) {
        share = 0.02 + 0.28 * (h - 7);
      } else if (h < 10) {
        double flood = day == 0 ? 0.80 : 0.60;
        share = flood + (0.45 - flood) * (h - 8) / 2;
      } else if (h >= 12 && h < 13) {
        share = 0.30;
      } else if (h < 17) {
        share = 0.45;
      } else {
        share = 0.45 + (0.05 - 0.45) * (h - 17) / 2;
      }
      steps.add(new Trace.Step(minute * 60.0, share * perShare));
    }
    return new Trace("week", steps, 7 * 24 * 3600.0);
  }
}
