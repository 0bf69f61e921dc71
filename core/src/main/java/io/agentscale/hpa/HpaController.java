package io.agentscale.hpa;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * One reconcile of the Kubernetes HPA controller for a Pods metric with an AverageValue target, mirroring
 * pkg/controller/podautoscaler (horizontal.go, replica_calculator.go, Kubernetes 1.33+): integer milli-unit averages,
 * the tolerance band, the missing/unready rebalancing, stabilization windows, scale policies with event history, the
 * legacy path when {@code behavior} is absent, and the status conditions each path sets.
 *
 * <p>Window boundaries are upstream's: with {@code behavior} a recommendation or scale event counts while
 * {@code age < window} (timestamp after the cutoff); on the legacy path a recommendation counts while
 * {@code age <= window} (dropped only when before the cutoff).
 *
 * <p>Stateless: the caller passes the history in and records the outcome (see {@link Decision#store()}). The input is
 * trusted; {@code hpa-step} validates what users type as the API server would.
 */
public final class HpaController {
  private HpaController() {}

  /** The controller-manager's --horizontal-pod-autoscaler-downscale-stabilization default, in seconds. */
  public static final int DOWNSCALE_STABILIZATION_SECONDS = 300;
  /** The legacy path's scale-up limit: at most this many times the current replicas (at least 4) per sync. */
  public static final double SCALE_UP_LIMIT_FACTOR = 2.0;

  /** Quantity.MilliValue(): a metric value in milli-units, rounded up (5.3331 sessions is 5334m). */
  public static long milliValue(BigDecimal value) {
    return value.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /**
   * A pod's phase. The controller ignores Failed pods, holds Pending ones aside as unready, and treats every other
   * phase (Succeeded and Unknown included) like Running: counted when it has a sample, missing when not.
   */
  public enum Phase { Running, Pending, Succeeded, Failed, Unknown }

  public enum PolicyType { Pods, Percent }

  public enum SelectPolicy { Max, Min, Disabled }

  /** A pod as the controller lists it; {@code milli} is its metric sample in milli-units, or null for none. */
  public record Pod(Phase phase, boolean ready, boolean deleting, Long milli) {}

  public record Policy(PolicyType type, int value, int periodSeconds) {}

  /** One direction of {@code spec.behavior}; null fields take the API-server defaults. */
  public record ScalingRules(Integer windowSeconds, SelectPolicy select, List<Policy> policies) {}

  public record Behavior(ScalingRules scaleUp, ScalingRules scaleDown) {}

  public record Recommendation(int replicas, double ageSeconds) {}

  public record ScaleEvent(int change, double ageSeconds) {}

  /** The tolerance band around a ratio of 1; DEFAULT is the controller-manager flag's 0.1 both ways. */
  public record Tolerance(double scaleUp, double scaleDown) {
    public static final Tolerance DEFAULT = new Tolerance(0.1, 0.1);

    /**
     * The tolerances of {@code behavior.scaleUp/scaleDown.tolerance} as the controller reads them: each value is a
     * Quantity, so it is stored in canonical form (rounded up to nano units, an exponent that is a multiple of 3) and
     * read back with Quantity.AsApproximateFloat64(), mantissa × 10^exponent: 0.118 becomes 118m and then
     * 118 × 10^-3 = 0.11800000000000001, not the double nearest to 0.118.
     */
    public static Tolerance ofQuantities(BigDecimal scaleUp, BigDecimal scaleDown) {
      return new Tolerance(quantity(scaleUp), quantity(scaleDown));
    }

    /** One tolerance Quantity (at least 0) as the controller reads it; see {@link #ofQuantities}. */
    public static double quantity(BigDecimal value) {
      return approximateFloat64(value);
    }

    boolean within(double ratio) {
      return 1.0 - scaleDown <= ratio && ratio <= 1.0 + scaleUp;
    }
  }

  private static final BigDecimal NANO = new BigDecimal("1e-9");

  /** Quantity.AsApproximateFloat64() of a non-negative value after the API server's canonical round trip. */
  static double approximateFloat64(BigDecimal value) {
    if (value.signum() == 0) {
      return 0.0;
    }
    BigDecimal v = value.compareTo(NANO) < 0 ? NANO : value;  // parsing rounds up to nano units
    if (v.scale() > 9) {
      v = v.setScale(9, RoundingMode.UP);
    }
    v = v.stripTrailingZeros();
    BigInteger mantissa = v.unscaledValue();
    int exponent = -v.scale();
    int down = Math.floorMod(exponent, 3);  // canonical form: the exponent is a multiple of 3, the mantissa grows
    mantissa = mantissa.multiply(BigInteger.TEN.pow(down));
    exponent -= down;
    double base = mantissa.doubleValue();
    return exponent == 0 ? base : base * pow10(exponent);
  }

  private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
      1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29, 1e30, 1e31};
  private static final double[] POW10_POS32 = {1e0, 1e32, 1e64, 1e96, 1e128, 1e160, 1e192, 1e224, 1e256, 1e288};
  private static final double[] POW10_NEG32 = {1e0, 1e-32, 1e-64, 1e-96, 1e-128, 1e-160, 1e-192, 1e-224, 1e-256,
      1e-288, 1e-320};

  /** Go's math.Pow10, table for table, so a power of ten rounds as it does in the controller. */
  static double pow10(int n) {
    if (n >= 0 && n <= 308) {
      return POW10_POS32[n / 32] * POW10[n % 32];
    }
    if (n < 0 && n >= -323) {
      return POW10_NEG32[-n / 32] / POW10[-n % 32];
    }
    return n > 0 ? Double.POSITIVE_INFINITY : 0.0;
  }

  /**
   * Everything one reconcile reads. {@code behavior} null means spec.behavior is absent: the legacy path.
   *
   * @param minReplicas used as given: 0 only exists behind the HPAScaleToZero gate, and then a target at 0 replicas
   *     is not disabled but left to its metrics (a Pods metric has no pods, so nothing moves)
   * @param firstReconcile the controller process sees this HPA for the first time: when {@code recommendations} is
   *     empty, the current replicas are recorded as a recommendation made now before anything else
   */
  public record Input(
      int currentReplicas,
      int minReplicas,
      int maxReplicas,
      long targetMilli,
      Tolerance tolerance,
      List<Pod> pods,
      Integer proposalOverride,
      Behavior behavior,
      int downscaleStabilizationSeconds,
      double scaleUpLimitFactor,
      List<Recommendation> recommendations,
      List<ScaleEvent> scaleUpEvents,
      List<ScaleEvent> scaleDownEvents,
      boolean firstReconcile) {}

  public record Condition(String type, String status, String reason) {}

  /**
   * The outcome.
   *
   * @param proposal the metric step's unclamped result, null when no metric could be computed
   * @param averageMilli the averaged samples, null when none
   * @param limitedReason the ScalingLimited reason, null when the reconcile did not reach normalization
   * @param conditions the status conditions this reconcile set, in the order the controller first sets them
   * @param store true when {@code proposal} must be stored as a recommendation
   */
  public record Decision(Integer proposal, Long averageMilli, int stabilized, int desiredReplicas,
      String limitedReason, List<Condition> conditions, boolean store) {}

  /** What the metric step computed. */
  record MetricResult(int proposal, long averageMilli) {}

  public static Decision reconcile(Input in) {
    int current = in.currentReplicas();
    int min = in.minReplicas();
    int max = in.maxReplicas();
    List<Recommendation> recs = in.recommendations();
    if (in.firstReconcile() && recs.isEmpty()) {
      // recordInitialRecommendation: only an HPA the controller holds no recommendations for is seeded
      recs = List.of(new Recommendation(current, 0));
    }
    var gotScale = new Condition("AbleToScale", "True", "SucceededGetScale");
    if (current == 0 && min != 0) {
      return new Decision(null, null, current, current, null,
          List.of(gotScale, new Condition("ScalingActive", "False", "ScalingDisabled")), false);
    }
    if (current > max || current < min) {
      // no metric, no normalization: the target is moved into [min, max] and only AbleToScale changes
      int desired = current > max ? max : min;
      return new Decision(null, null, desired, desired, null, List.of(RESCALED), false);
    }
    MetricResult metric = metric(in);
    if (metric == null && in.proposalOverride() == null) {
      return new Decision(null, null, current, current, null,
          List.of(gotScale, new Condition("ScalingActive", "False", "FailedGetPodsMetric")), false);
    }
    int proposal = in.proposalOverride() != null ? in.proposalOverride() : metric.proposal();
    Long average = metric == null ? null : metric.averageMilli();
    var active = new Condition("ScalingActive", "True", "ValidMetricFound");
    return in.behavior() == null
        ? legacy(in, recs, proposal, average, active)
        : withBehavior(in, recs, proposal, average, active);
  }

  /** AbleToScale after a successful write of the target's replicas; it replaces the stabilization reason. */
  private static final Condition RESCALED = new Condition("AbleToScale", "True", "SucceededRescale");

  /** The three conditions a normalized reconcile leaves, in the order the controller first sets them. */
  private static List<Condition> normalized(int current, int desired, String ableReason, Condition active,
      boolean limited, String limitedReason) {
    var able = desired != current ? RESCALED : new Condition("AbleToScale", "True", ableReason);
    return List.of(able, active, new Condition("ScalingLimited", limited ? "True" : "False", limitedReason));
  }

  // ---- §3: the Pods metric, AverageValue target -------------------------------------------------------------

  static MetricResult metric(Input in) {
    if (in.pods().isEmpty()) {
      return null;
    }
    var samples = new ArrayList<Long>(in.pods().size());
    int unready = 0;
    int missing = 0;
    int readyCount = 0;
    for (Pod p : in.pods()) {
      if (p.deleting() || p.phase() == Phase.Failed) {
        continue;
      }
      if (p.phase() == Phase.Pending) {
        unready++;
        continue;
      }
      if (p.milli() == null) {
        missing++;
        continue;
      }
      readyCount++;
      samples.add(p.milli());
    }
    if (samples.isEmpty()) {
      return null;
    }
    long target = in.targetMilli();
    long average = average(samples);
    double ratio = (double) average / (double) target;
    boolean rebalanceUnready = unready > 0 && ratio > 1.0;
    int current = in.currentReplicas();
    if (!rebalanceUnready && missing == 0) {
      if (in.tolerance().within(ratio)) {
        return new MetricResult(current, average);
      }
      return new MetricResult((int) Math.ceil(ratio * readyCount), average);
    }
    var augmented = new ArrayList<>(samples);
    if (missing > 0) {
      for (int i = 0; i < missing; i++) {
        if (ratio < 1.0) {
          augmented.add(target);
        } else if (ratio > 1.0) {
          augmented.add(0L);
        }
      }
    }
    if (rebalanceUnready) {
      for (int i = 0; i < unready; i++) {
        augmented.add(0L);
      }
    }
    double newRatio = (double) average(augmented) / (double) target;
    if (in.tolerance().within(newRatio) || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0)) {
      return new MetricResult(current, average);
    }
    int replicas = (int) Math.ceil(newRatio * augmented.size());
    if ((newRatio < 1.0 && replicas > current) || (newRatio > 1.0 && replicas < current)) {
      return new MetricResult(current, average);
    }
    return new MetricResult(replicas, average);
  }

  private static long average(List<Long> samples) {
    long sum = 0;
    for (long s : samples) {
      sum += s;
    }
    return sum / samples.size();
  }

  // ---- §6: legacy path (no spec.behavior) ------------------------------------------------------------------

  private static Decision legacy(Input in, List<Recommendation> recs, int proposal, Long average, Condition active) {
    int current = in.currentReplicas();
    int stabilized = proposal;
    for (Recommendation r : recs) {
      // stabilizeRecommendation drops a recommendation only when it is before the cutoff: age == window still counts
      if (r.ageSeconds() <= in.downscaleStabilizationSeconds() && r.replicas() > stabilized) {
        stabilized = r.replicas();
      }
    }
    int min = in.minReplicas();
    int upCap = (int) Math.max(in.scaleUpLimitFactor() * current, 4.0);
    int cap;
    String reason;
    if (in.maxReplicas() > upCap) {
      cap = upCap;
      reason = "ScaleUpLimit";
    } else {
      cap = in.maxReplicas();
      reason = "TooManyReplicas";
    }
    int desired;
    if (stabilized < min) {
      desired = min;
      reason = "TooFewReplicas";
    } else if (stabilized > cap) {
      desired = cap;
    } else {
      desired = stabilized;
      reason = "DesiredWithinRange";
    }
    String ableReason = stabilized != proposal ? "ScaleDownStabilized" : "ReadyForNewScale";
    return new Decision(proposal, average, stabilized, desired, reason,
        normalized(current, desired, ableReason, active, desired != stabilized, reason), true);
  }

  // ---- §5: behavior path ------------------------------------------------------------------------------------

  private static Decision withBehavior(Input in, List<Recommendation> recs, int proposal, Long average,
      Condition active) {
    int current = in.currentReplicas();
    ScalingRules up = upDefaults(in.behavior().scaleUp());
    ScalingRules down = downDefaults(in.behavior().scaleDown(), in.downscaleStabilizationSeconds());

    int upBound = proposal;
    int downBound = proposal;
    int upWindow = up.windowSeconds();
    int downWindow = down.windowSeconds();
    for (Recommendation r : recs) {
      if (r.ageSeconds() < upWindow) {
        upBound = Math.min(upBound, r.replicas());
      }
      if (r.ageSeconds() < downWindow) {
        downBound = Math.max(downBound, r.replicas());
      }
    }
    int stabilized = current;
    if (stabilized < upBound) {
      stabilized = upBound;
    }
    if (stabilized > downBound) {
      stabilized = downBound;
    }
    String ableReason = stabilized != proposal
        ? (proposal >= current ? "ScaleUpStabilized" : "ScaleDownStabilized") : "ReadyForNewScale";

    int min = in.minReplicas();
    int max = in.maxReplicas();
    int desired;
    String reason = "DesiredWithinRange";
    if (stabilized > current) {
      int limit = rateLimit(up, true, current, in.scaleUpEvents(), in.scaleDownEvents());
      int upLimit = Math.max(limit, current);
      int cap;
      if (max > upLimit) {
        cap = upLimit;
        reason = "ScaleUpLimit";
      } else {
        cap = max;
        reason = "TooManyReplicas";
      }
      desired = Math.min(stabilized, cap);
    } else if (stabilized < current) {
      int limit = rateLimit(down, false, current, in.scaleUpEvents(), in.scaleDownEvents());
      int downLimit = Math.min(limit, current);
      int floor;
      if (min < downLimit) {
        floor = downLimit;
        reason = "ScaleDownLimit";
      } else {
        floor = min;
        reason = "TooFewReplicas";
      }
      desired = Math.max(stabilized, floor);
    } else {
      desired = stabilized;
    }
    if (desired == stabilized) {
      reason = "DesiredWithinRange";  // a limit that did not bite is not the reason
    }
    return new Decision(proposal, average, stabilized, desired, reason,
        normalized(current, desired, ableReason, active, desired != stabilized, reason), true);
  }

  static ScalingRules upDefaults(ScalingRules r) {
    return new ScalingRules(
        r == null || r.windowSeconds() == null ? 0 : r.windowSeconds(),
        r == null || r.select() == null ? SelectPolicy.Max : r.select(),
        r == null || r.policies() == null
            ? List.of(new Policy(PolicyType.Pods, 4, 15), new Policy(PolicyType.Percent, 100, 15)) : r.policies());
  }

  static ScalingRules downDefaults(ScalingRules r, int flagWindowSeconds) {
    return new ScalingRules(
        r == null || r.windowSeconds() == null ? flagWindowSeconds : r.windowSeconds(),
        r == null || r.select() == null ? SelectPolicy.Max : r.select(),
        r == null || r.policies() == null ? List.of(new Policy(PolicyType.Percent, 100, 15)) : r.policies());
  }

  /** Replicas at the start of a policy's period: current minus what was added plus what was removed inside it. */
  private static int periodStart(int current, int period, List<ScaleEvent> ups, List<ScaleEvent> downs) {
    int added = 0;
    int removed = 0;
    for (ScaleEvent e : ups) {
      if (e.ageSeconds() < period) {
        added += e.change();
      }
    }
    for (ScaleEvent e : downs) {
      if (e.ageSeconds() < period) {
        removed += e.change();
      }
    }
    return current - added + removed;
  }

  /**
   * The replica count the policies allow in one direction (§5.3): each policy proposes from the replicas at the
   * start of its period; selectPolicy Max takes the largest change, Min the smallest, Disabled none.
   */
  private static int rateLimit(ScalingRules r, boolean up, int current, List<ScaleEvent> ups, List<ScaleEvent> downs) {
    if (r.select() == SelectPolicy.Disabled) {
      return current;
    }
    // Max picks the largest change: the highest limit up, the lowest down. With no policy the start value stands,
    // as upstream's (validation makes an empty list impossible on a real HPA).
    boolean highest = up == (r.select() == SelectPolicy.Max);
    int result = highest ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    for (Policy p : r.policies()) {
      int start = periodStart(current, p.periodSeconds(), ups, downs);
      int proposed;
      if (p.type() == PolicyType.Pods) {
        proposed = up ? start + p.value() : start - p.value();
      } else {
        proposed = up ? (int) Math.ceil(start * (1 + p.value() / 100.0)) : (int) (start * (1 - p.value() / 100.0));
      }
      result = highest ? Math.max(result, proposed) : Math.min(result, proposed);
    }
    return result;
  }
}
