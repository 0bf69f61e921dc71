package io.agentscale.tune;

import io.agentscale.profile.ProfileSchema;
import io.agentscale.profile.ScalingProfile;
import io.agentscale.simulate.Simulation.Platform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A setting the tuner may change, with the values it tries, cheapest first. Along that order cost does not rise and
 * drops do not fall (fewer workers held, a higher threshold, a shorter delay, a thinner buffer), which is what lets
 * the search bisect instead of enumerate.
 */
public record Knob(ProfileSchema.Field field, List<Object> cheapestFirst) {

  public String path() {
    return field.path();
  }

  Object valueOf(ScalingProfile p) {
    return field.get().apply(p);
  }

  /**
   * The profile with this knob at {@code value}, or null when that makes an invalid profile (min above max, say);
   * the derived fields follow their sources (the drain follows the grace period).
   */
  ScalingProfile with(ScalingProfile p, Object value) {
    var b = p.toBuilder();
    field.set().accept(b, value);
    try {
      return b.build();
    } catch (io.agentscale.profile.InvalidProfileException e) {
      return null;
    }
  }

  /**
   * The settings a team controls. sessions_per_worker stays the profile's (it comes from profiling a worker) and so
   * does warmup_time. The Kubernetes-only ones are left out on LiveKit Cloud, scale_down_threshold on Kubernetes
   * (a plain HPA ignores it). {@code minMaxWorkers} is the smallest max_workers Erlang-B does not already rule out.
   */
  public static List<Knob> of(ScalingProfile p, Platform platform, int minMaxWorkers) {
    var s = p.scaling();
    var knobs = new ArrayList<Knob>();
    int maxCeiling = Math.max(s.maxWorkers(), minMaxWorkers) * 3 / 2 + 1;
    knobs.add(knob("agent.scaling.min_workers", ints(1, Math.min(s.maxWorkers(), 2 * s.minWorkers() + 4), 1,
        s.minWorkers())));
    knobs.add(knob("agent.scaling.max_workers", ints(Math.max(minMaxWorkers, s.minWorkers()), maxCeiling,
        Math.max(1, maxCeiling / 20), s.maxWorkers())));
    knobs.add(knob("agent.scaling.scale_up_threshold", reversed(steps(0.50, 0.95, 0.05, s.scaleUpThreshold()))));
    knobs.add(knob("agent.scaling.scale_down_delay", durations(60, 900, 60, s.scaleDownDelay())));
    if (platform == Platform.LIVEKIT_CLOUD) {
      knobs.add(knob("agent.scaling.scale_down_threshold", reversed(steps(0.10, 0.60, 0.05, s.scaleDownThreshold()))));
    } else {
      knobs.add(knob("capacity.buffer_fraction", steps(0.0, 0.5, 0.05, p.capacity().bufferFraction())));
      var pods = new TreeSet<>(List.of(2, 4, 8));
      pods.add(p.kubernetes().hpa().scaleUpPods());
      knobs.add(knob("kubernetes.hpa.scale_up_pods", List.copyOf(pods)));
      knobs.add(knob("kubernetes.grace_period", durations(180, 900, 60, p.kubernetes().gracePeriod())));
    }
    return List.copyOf(knobs);
  }

  static Knob knob(String path, List<?> values) {
    var field = ProfileSchema.FIELDS.stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
    return new Knob(field, List.copyOf(values));
  }

  private static List<Integer> ints(int from, int to, int step, int keep) {
    var out = new TreeSet<Integer>();
    for (int v = from; v <= to; v += step) {
      out.add(v);
    }
    out.add(keep);
    return List.copyOf(out);
  }

  /** Decimal steps, rounded to two places, plus the current value. */
  private static List<Double> steps(double from, double to, double step, double keep) {
    var out = new TreeSet<Double>();
    for (int i = 0; from + i * step <= to + 1e-9; i++) {
      out.add(Math.round((from + i * step) * 100) / 100.0);
    }
    out.add(keep);
    return List.copyOf(out);
  }

  private static List<Duration> durations(int fromSeconds, int toSeconds, int step, Duration keep) {
    var out = new TreeSet<Duration>();
    for (int v = fromSeconds; v <= toSeconds; v += step) {
      out.add(Duration.ofSeconds(v));
    }
    out.add(keep);
    return List.copyOf(out);
  }

  private static <T> List<T> reversed(List<T> values) {
    var out = new ArrayList<>(values);
    java.util.Collections.reverse(out);
    return out;
  }
}
