package io.agentscale.traffic;

import java.util.SplittableRandom;

/** How long calls last, all with the same mean. */
public enum CallLengths {
  /** Long-tailed: log-normal with σ = 1 (coefficient of variation 1.31); a few calls run 5–10× the mean. */
  lognormal,
  /** Memoryless: exponential. */
  exponential,
  /** Every call exactly the mean: for tests that need a known maximum. */
  fixed;

  private static final double SIGMA = 1.0;

  public double sampleSeconds(double meanSeconds, SplittableRandom random) {
    return switch (this) {
      case lognormal -> {
        double mu = Math.log(meanSeconds) - SIGMA * SIGMA / 2;
        yield Math.exp(mu + SIGMA * gaussian(random));
      }
      case exponential -> -meanSeconds * Math.log(1 - random.nextDouble());
      case fixed -> meanSeconds;
    };
  }

  /** A standard normal sample (Box–Muller), from the seeded source only. */
  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
