package io.agentscale.tune;

/** The one statistic the tuner decides on: an upper confidence bound of a mean over a few seeded runs. */
final class Stats {
  /** Student's t, one-sided 95%, for 1..30 degrees of freedom; 1.645 (the normal) beyond. */
  private static final double[] T95 = {6.314, 2.920, 2.353, 2.132, 2.015, 1.943, 1.895, 1.860, 1.833, 1.812, 1.796,
      1.782, 1.771, 1.761, 1.753, 1.746, 1.740, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703,
      1.701, 1.699, 1.697};

  private Stats() {}

  /**
   * mean + t(0.95, n−1) × sd / √n over the runs' values: drops come in bursts (their spread across runs is about
   * 4.6 times the binomial one), so the bound is taken from the runs, not from a binomial count. One run: its value.
   */
  static double upper95(double[] values) {
    int n = values.length;
    if (n == 0) {
      return Double.POSITIVE_INFINITY;
    }
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= n;
    if (n == 1) {
      return mean;
    }
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(ss / (n - 1));
    double t = n - 1 <= T95.length ? T95[n - 2] : 1.645;
    return mean + t * sd / Math.sqrt(n);
  }
}
