package io.agentscale.simulate;

import io.agentscale.plan.CapacityPlan;
import io.agentscale.profile.ScalingProfile;
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

  private Simulation() {}

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
