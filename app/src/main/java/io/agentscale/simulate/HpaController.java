package io.agentscale.simulate;

import java.util.ArrayList;
import java.util.List;

/**
 * One reconcile of the Kubernetes HPA controller for a Pods metric with an AverageValue target, mirroring
 * pkg/controller/podautoscaler (horizontal.go, replica_calculator.go): integer milli-unit averages, the tolerance
 * band, the missing/unready rebalancing, stabilization windows, scale policies with event history, and the legacy
 * path when {@code behavior} is absent. Windows are strict: an entry counts only when {@code age < window}.
 * Stateless: the caller passes the history in and records the outcome (see {@link Decision#store()}).
 */
public final class HpaController {
  private HpaController() {}

  /** The controller-manager's --horizontal-pod-autoscaler-downscale-stabilization default, in seconds. */
  public static final int DOWNSCALE_STABILIZATION_SECONDS = 300;
  /** The legacy path's scale-up limit: at most this many times the current replicas (at least 4) per sync. */
  public static final double SCALE_UP_LIMIT_FACTOR = 2.0;

  /** Quantity.MilliValue(): a metric value in milli-units, rounded up (5.3331 sessions is 5334m). */
  public static long milliValue(java.math.BigDecimal value) {
    return value.movePointRight(3).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
  }

  public enum Phase { Running, Pending, Failed }

  public enum PolicyType { Pods, Percent }

  public enum SelectPolicy { Max, Min, Disabled }

  /** A pod as the controller lists it; {@code milli} is its metric sample in milli-units, or null for none. */
  public record Pod(Phase phase, boolean ready, boolean deleting, Long milli) {}

  public record Policy(PolicyType type, int value, int periodSeconds) {}

  /** One direction of {@code spec.behavior}; null fields take the API-server defaults. */
  public record Rules(Integer windowSeconds, SelectPolicy select, List<Policy> policies) {}

  public record Behavior(Rules scaleUp, Rules scaleDown) {}

  public record Recommendation(int replicas, double ageSeconds) {}

  public record ScaleEvent(int change, double ageSeconds) {}

  public record Tolerance(double scaleUp, double scaleDown) {
    public static final Tolerance DEFAULT = new Tolerance(0.1, 0.1);

    boolean within(double ratio) {
      return 1.0 - scaleDown <= ratio && ratio <= 1.0 + scaleUp;
    }
  }

  /** Everything one reconcile reads. {@code behavior} null means spec.behavior is absent: the legacy path. */
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
   * @param store true when {@code proposal} must be stored as a recommendation
   */
  public record Decision(Integer proposal, Long averageMilli, int stabilized, int desiredReplicas,
      String limitedReason, List<Condition> conditions, boolean store) {}

  /** What the metric step computed. */
  record MetricResult(int proposal, long averageMilli) {}

  public static Decision reconcile(Input in) {
    int current = in.currentReplicas();
    int min = Math.max(1, in.minReplicas());
    int max = in.maxReplicas();
    List<Recommendation> recs = in.recommendations();
    if (in.firstReconcile()) {
      recs = new ArrayList<>(recs);
      recs.add(new Recommendation(current, 0));
    }
    if (current == 0 && min != 0) {
      return new Decision(null, null, current, current, null,
          List.of(new Condition("ScalingActive", "False", "ScalingDisabled")), false);
    }
    if (current > max || current < min) {
      int desired = current > max ? max : min;
      return new Decision(null, null, desired, desired, current > max ? "TooManyReplicas" : "TooFewReplicas",
          List.of(new Condition("AbleToScale", "True", "SucceededRescale")), false);
    }
    MetricResult metric = metric(in);
    if (metric == null && in.proposalOverride() == null) {
      return new Decision(null, null, current, current, null, List.of(
          new Condition("AbleToScale", "True", "SucceededGetScale"),
          new Condition("ScalingActive", "False", "FailedGetPodsMetric")), false);
    }
    int proposal = in.proposalOverride() != null ? in.proposalOverride() : metric.proposal();
    Long average = metric == null ? null : metric.averageMilli();
    var active = new Condition("ScalingActive", "True", "ValidMetricFound");
    return in.behavior() == null
        ? legacy(in, recs, proposal, average, active)
        : withBehavior(in, recs, proposal, average, active);
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
      if (r.ageSeconds() < in.downscaleStabilizationSeconds() && r.replicas() > stabilized) {
        stabilized = r.replicas();
      }
    }
    int min = Math.max(1, in.minReplicas());
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
    var able = new Condition("AbleToScale", "True", stabilized != proposal ? "ScaleDownStabilized" : "ReadyForNewScale");
    var limited = new Condition("ScalingLimited", desired != stabilized ? "True" : "False", reason);
    return new Decision(proposal, average, stabilized, desired, reason, List.of(able, active, limited), true);
  }

  // ---- §5: behavior path ------------------------------------------------------------------------------------

  private static Decision withBehavior(Input in, List<Recommendation> recs, int proposal, Long average,
      Condition active) {
    int current = in.currentReplicas();
    Rules up = upDefaults(in.behavior().scaleUp());
    Rules down = downDefaults(in.behavior().scaleDown(), in.downscaleStabilizationSeconds());

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

    int min = Math.max(1, in.minReplicas());
    int max = in.maxReplicas();
    int desired;
    String reason;
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
      reason = "DesiredWithinRange";
    }
    var able = new Condition("AbleToScale", "True", ableReason);
    var limited = new Condition("ScalingLimited", desired != stabilized ? "True" : "False", reason);
    return new Decision(proposal, average, stabilized, desired, reason, List.of(able, active, limited), true);
  }

  static Rules upDefaults(Rules r) {
    return new Rules(
        r == null || r.windowSeconds() == null ? 0 : r.windowSeconds(),
        r == null || r.select() == null ? SelectPolicy.Max : r.select(),
        r == null || r.policies() == null
            ? List.of(new Policy(PolicyType.Pods, 4, 15), new Policy(PolicyType.Percent, 100, 15)) : r.policies());
  }

  static Rules downDefaults(Rules r, int flagWindowSeconds) {
    return new Rules(
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
  private static int rateLimit(Rules r, boolean up, int current, List<ScaleEvent> ups, List<ScaleEvent> downs) {
    if (r.select() == SelectPolicy.Disabled) {
      return current;
    }
    Integer result = null;
    for (Policy p : r.policies()) {
      int start = periodStart(current, p.periodSeconds(), ups, downs);
      int proposed;
      if (p.type() == PolicyType.Pods) {
        proposed = up ? start + p.value() : start - p.value();
      } else {
        proposed = up ? (int) Math.ceil(start * (1 + p.value() / 100.0)) : (int) (start * (1 - p.value() / 100.0));
      }
      boolean largestChange = r.select() == SelectPolicy.Max;
      if (result == null) {
        result = proposed;
      } else if (up == largestChange) {
        result = Math.max(result, proposed);
      } else {
        result = Math.min(result, proposed);
      }
    }
    return result;
  }
}
