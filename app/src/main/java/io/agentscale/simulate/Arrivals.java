package io.agentscale.simulate;

import java.util.SplittableRandom;

/** Poisson arrivals at a trace's step-wise rate, optionally a 1/n share of it. */
public final class Arrivals {
  private final Trace trace;
  private final double share;
  private int step;

  /** @param share the part of the trace's traffic that arrives here (1 for all of it) */
  public Arrivals(Trace trace, double share) {
    this.trace = trace;
    this.share = share;
  }

  /**
   * The first arrival after {@code from}, or infinity when none comes before the trace ends. Times must not go
   * backwards between calls. The gap is exponential at the current step's rate; a gap that crosses into the next step
   * is drawn again from that step's start (the process is memoryless, so this is exact).
   */
  public double next(double from, SplittableRandom random) {
    var steps = trace.steps();
    double t = from;
    while (t < trace.endSeconds()) {
      while (step + 1 < steps.size() && steps.get(step + 1).atSeconds() <= t) {
        step++;
      }
      double stepEnd = step + 1 < steps.size() ? steps.get(step + 1).atSeconds() : trace.endSeconds();
      double perSecond = steps.get(step).perMinute() * share / 60.0;
      if (perSecond > 0) {
        double next = t - Math.log(1 - random.nextDouble()) / perSecond;
        if (next < stepEnd) {
          return next;
        }
      }
      t = stepEnd;
    }
    return Double.POSITIVE_INFINITY;
  }
}
