package io.agentscale.simulate;

import io.agentscale.plan.CapacityPlan;
import io.agentscale.profile.ScalingProfile;
import java.time.Duration;
import java.util.Locale;
import java.util.function.DoubleConsumer;
import io.agentscale.traffic.Trace;

/**
 * Replays a trace against one platform's scaling rules. Reads the profile and its capacity plan, never the
 * generated files; pure Java, deterministic for a given seed.
 */
public final class Simulation {
  public enum Platform {
    KUBERNETES("kubernetes"),
    LIVEKIT_CLOUD("livekit-cloud");

    private final String id;

    Platform(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  /** Timeline points per run at most; buckets are whole minutes. */
  static final int TIMELINE_POINTS = 1500;

  /**
   * The most calls one run may offer. A run simulates about a million calls a second per platform and keeps a few
   * bytes per waiting call, so this is about 25 s per platform and under 200 MiB; a larger trace is refused up front.
   */
  public static final long MAX_OFFERED_CALLS = 20_000_000;

  /** The longest simulated time: a year, ten times the longest benchmark (the event loop ticks every few seconds). */
  public static final Duration MAX_DURATION = Duration.ofDays(366);

  private Simulation() {}

  /** Why {@code trace} is too large to simulate, with the estimate and the limit; null when it is not. */
  public static String sizeProblem(Trace trace) {
    if (trace.endSeconds() > MAX_DURATION.toSeconds()) {
      return String.format(Locale.ROOT, "the run would simulate %.0f days; the limit is %d days: shorten the trace "
          + "or --duration", trace.endSeconds() / 86_400, MAX_DURATION.toDays());
    }
    double calls = trace.expectedCalls();
    if (calls > MAX_OFFERED_CALLS) {
      return String.format(Locale.ROOT, "the traffic offers about %.3g calls (each rate × the time it holds); the "
          + "limit is %,d a run, about 25 s per platform: lower arrivals_per_minute or --duration", calls,
          MAX_OFFERED_CALLS);
    }
    return null;
  }

  public static Outcome run(ScalingProfile profile, Trace trace, SimulationSettings settings, Platform platform) {
    return run(profile, trace, settings, platform, fraction -> {});
  }

  /** As {@link #run(ScalingProfile, Trace, SimulationSettings, Platform)}, reporting progress from 0 to 1. */
  public static Outcome run(ScalingProfile profile, Trace trace, SimulationSettings settings, Platform platform,
      DoubleConsumer progress) {
    var plan = CapacityPlan.from(profile);
    var loop = new EventLoop();
    var fleet = new Fleet(loop, trace, settings, profile.scaling().sessionsPerWorker());
    PlatformModel m = platform == Platform.KUBERNETES
        ? new KubernetesModel(profile, plan, loop, fleet, settings)
        : new LiveKitCloudModel(profile, loop, fleet);
    fleet.tally().countNodes(m::nodes);
    m.start();
    fleet.start();
    double end = trace.endSeconds();
    double bucket = 60 * Math.max(1, Math.ceil(end / 60 / TIMELINE_POINTS));
    var tally = fleet.tally();
    loop.every(bucket, bucket, () -> {
      tally.sample(loop.now(), trace.perMinuteAt(loop.now() - 1e-9), m.hasNodes() ? m.nodes() : null);
      progress.accept(Math.min(1, loop.now() / end));
      return true;
    });
    loop.runUntil(end, tally::advance);
    return tally.outcome(platform.id(), m.hasNodes());
  }
}
