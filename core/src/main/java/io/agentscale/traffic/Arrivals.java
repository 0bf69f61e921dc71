package io.agentscale.traffic;

import java.util.SplittableRandom;

/** Poisson arrivals at a trace's step-wise rate, optionally a 1/n share of it. */
public final class Arrivals {
  private final double end;
  /** Each step's start and rate per second, as arrays: read on every arrival. */
  private final double[] starts;
  private final double[] perSecond;
  private int step;

  /** @param share the part of the trace's traffic that arrives here (1 for all of it) */
  public Arrivals(Trace trace, double share) {
    var steps = trace.steps();
    this.end = trace.endSeconds();
    this.starts = new double[steps.size()];
    this.perSecond = new double[steps.size()];
    for (int i = 0; i < steps.size(); i++) {
      starts[i] = steps.get(i).atSeconds();
      perSecond[i] = steps.get(i).perMinute() * share / 60.0;
    }
  }

  /**
   * The first arrival after {@code from}, or infinity when none comes before the trace ends. Times must not go
   * backwards between calls. The gap is exponential at the current step's rate; a gap that crosses into the next step
   * is drawn again from that step's start (the process is memoryless, so this is exact).
   */
  public double next(double from, SplittableRandom random) {
    double t = from;
    while (t < end) {
      while (step + 1 < starts.length && starts[step + 1] <= t) {
        step++;
      }
      double stepEnd = step + 1 < starts.length ? starts[step + 1] : end;
      if (perSecond[step] > 0) {
        double next = t - Math.log(1 - random.nextDouble()) / perSecond[step];
        if (next < stepEnd) {
          return next;
        }
      }
      t = stepEnd;
    }
    return Double.POSITIVE_INFINITY;
  }
}
