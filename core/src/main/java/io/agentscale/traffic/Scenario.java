package io.agentscale.traffic;

import io.agentscale.profile.ScalingProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.SplittableRandom;

/**
 * The built-in traffic stories. Each is a load curve in shares of the profile's <em>design load</em>: the peak
 * concurrent calls its traffic section states, else the concurrent calls that max_workers carry at the scale-up
 * target (max_workers × sessions_per_worker × scale_up_threshold).
 * Calls per minute = share × design load ÷ mean call length in minutes, resampled once a minute.
 */
public enum Scenario {
  /**
   * A dental clinic network when the phones open, over 4 hours: 2% for the first 30 minutes, a flood to 60% within
   * 5 minutes at opening, held for 25 minutes, easing to 45% at 1 h 30, 35% at 2 h 30 and 30% at the end.
   */
  MONDAY_MORNING("monday-morning", "the phones open at 08:00: a flood to 60% of design load within 5 minutes",
      Duration.ofHours(4)),
  /**
   * A pizza chain's dinner peak, over 6 hours: 10% at 15:00, 30% by 17:30, a climb to 85% by 18:30, held for an hour,
   * falling to 30% by 20:30 and 10% at 21:00.
   */
  FRIDAY_EVENING("friday-evening", "dinner: 10% at 15:00, 85% of design load from 18:30 to 19:30, 10% by 21:00",
      Duration.ofHours(6)),
  /**
   * A crisis line over 8 hours: a 10% base with surges at random (seeded) times, on average one an hour and never two
   * at once. A surge jumps at once to 50–90% of design load, holds 5–20 minutes and decays over 10 minutes.
   */
  HOTLINE_SURGE("hotline-surge", "a 10% base with sudden random surges to 50-90% of design load, about one an hour",
      Duration.ofHours(8));

  private final String id;
  private final String shape;
  private final Duration length;

  Scenario(String id, String shape, Duration length) {
    this.id = id;
    this.shape = shape;
    this.length = length;
  }

  public String id() {
    return id;
  }

  public String shape() {
    return shape;
  }

  public static Scenario byId(String id) {
    for (Scenario s : values()) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown scenario \"" + id + "\"; choose one of " + ids());
  }

  public static String ids() {
    return String.join(", ", java.util.Arrays.stream(values()).map(Scenario::id).toList());
  }

  /** The profile's stated peak of concurrent calls, else what its largest fleet carries at the scale-up target. */
  public static double designLoad(ScalingProfile p) {
    var s = p.scaling();
    return p.traffic().peakErlangs().orElse(s.maxWorkers() * s.sessionsPerWorker() * s.scaleUpThreshold());
  }

  /** The scenario for this profile: per-minute steps of the load curve, {@code meanCall} long calls. */
  public Trace trace(ScalingProfile profile, Duration meanCall, long seed) {
    double callsPerMinutePerShare = designLoad(profile) / (meanCall.toMillis() / 60_000.0);
    double[][] curve = curve(seed);
    var steps = new ArrayList<Trace.Step>();
    long minutes = length.toMinutes();
    for (int m = 0; m < minutes; m++) {
      steps.add(new Trace.Step(m * 60.0, share(curve, m) * callsPerMinutePerShare));
    }
    return new Trace(id, steps, length.toSeconds());
  }

  /** Points (minute, share of design load); the share between points is linear. */
  private double[][] curve(long seed) {
    return switch (this) {
      case MONDAY_MORNING -> new double[][] {{0, .02}, {30, .02}, {35, .60}, {60, .60}, {90, .45}, {150, .35},
          {240, .30}};
      case FRIDAY_EVENING -> new double[][] {{0, .10}, {150, .30}, {210, .85}, {270, .85}, {330, .30}, {360, .10}};
      case HOTLINE_SURGE -> surges(new SplittableRandom(seed), length.toMinutes());
    };
  }

  private static double[][] surges(SplittableRandom random, long minutes) {
    var points = new ArrayList<double[]>();
    points.add(new double[] {0, .10});
    double t = 0;
    while (true) {
      t += -60 * Math.log(1 - random.nextDouble()); // exponential gap, mean 60 minutes
      double hold = 5 + random.nextDouble() * 15;
      double peak = .50 + random.nextDouble() * .40;
      if (t + hold + 10 >= minutes) {
        break;
      }
      points.add(new double[] {t, .10});
      points.add(new double[] {t + 0.001, peak});
      points.add(new double[] {t + hold, peak});
      points.add(new double[] {t + hold + 10, .10});
      t += hold + 10;
    }
    points.add(new double[] {minutes, .10});
    return points.toArray(double[][]::new);
  }

  /** The curve's share at minute {@code m}: interpolated, sampled at the start of the minute. */
  private static double share(double[][] curve, double m) {
    for (int i = 1; i < curve.length; i++) {
      if (m < curve[i][0]) {
        double[] a = curve[i - 1];
        double[] b = curve[i];
        return a[1] + (b[1] - a[1]) * (m - a[0]) / (b[0] - a[0]);
      }
    }
    return curve[curve.length - 1][1];
  }
}
