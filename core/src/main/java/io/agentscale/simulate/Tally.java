package io.agentscale.simulate;

import io.agentscale.simulate.Worker.State;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;

/** Counts calls, integrates workers, sessions and nodes over time, and samples the timeline. */
final class Tally {
  private final Fleet fleet;
  private IntSupplier nodes = () -> 0;
  private long offered;
  private long served;
  private long dropped;
  private long interrupted;
  private int peakWorkers;
  private long waitedZero;
  private double[] waits = new double[64];
  private int waitCount;
  private double workerSeconds;
  private double sessionSeconds;
  private double nodeSeconds;
  private double last;
  private long arrivalsInBucket;
  private long dropsInBucket;
  private final List<Outcome.Sample> timeline = new ArrayList<>();

  Tally(Fleet fleet) {
    this.fleet = fleet;
  }

  /** Where node-hours come from (none by default). */
  void countNodes(IntSupplier nodes) {
    this.nodes = nodes;
  }

  void offered() {
    offered++;
    arrivalsInBucket++;
  }

  void served(double waitSeconds) {
    served++;
    if (waitSeconds <= 0) {
      waitedZero++;
      return;
    }
    if (waitCount == waits.length) {
      waits = Arrays.copyOf(waits, waits.length * 2);
    }
    waits[waitCount++] = waitSeconds;
  }

  void dropped() {
    dropped++;
    dropsInBucket++;
  }

  void interrupted() {
    interrupted++;
  }

  void peak(int workers) {
    peakWorkers = Math.max(peakWorkers, workers);
  }

  /** Integrates the current counts up to {@code now}; called before every event. */
  void advance(double now) {
    double dt = now - last;
    if (dt > 0) {
      workerSeconds += fleet.workers().size() * dt;
      sessionSeconds += fleet.sessions() * dt;
      nodeSeconds += nodes.getAsInt() * dt;
      last = now;
    }
  }

  void sample(double now, double offeredPerMinute, Integer nodeCount) {
    int spw = fleet.sessionsPerWorker();
    timeline.add(new Outcome.Sample(
        (long) now,
        round(offeredPerMinute),
        arrivalsInBucket,
        fleet.sessions(),
        fleet.count(State.READY) * spw,
        fleet.count(State.READY),
        fleet.count(State.STARTING) + fleet.count(State.UNSCHEDULED),
        fleet.count(State.DRAINING),
        nodeCount,
        dropsInBucket));
    arrivalsInBucket = 0;
    dropsInBucket = 0;
  }

  Outcome outcome(String platform, boolean hasNodes) {
    double[] sorted = Arrays.copyOf(waits, waitCount);
    Arrays.sort(sorted);
    var wait = new Outcome.Waits(percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99),
        waitCount == 0 ? 0 : round(sorted[waitCount - 1]));
    double slotSeconds = workerSeconds * fleet.sessionsPerWorker();
    return new Outcome(platform, offered, served, dropped, offered == 0 ? 0 : (double) dropped / offered,
        interrupted, fleet.holding(), wait, peakWorkers, round(workerSeconds / 3600),
        hasNodes ? round(nodeSeconds / 3600) : null,
        slotSeconds == 0 ? 0 : round(1 - sessionSeconds / slotSeconds), List.copyOf(timeline));
  }

  /** Nearest-rank percentile over every served call; calls answered at once waited 0 s. */
  private double percentile(double[] sortedNonZero, double q) {
    long all = waitedZero + sortedNonZero.length;
    if (all == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(q * all);
    long index = rank - 1 - waitedZero;
    return index < 0 ? 0 : round(sortedNonZero[(int) index]);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
