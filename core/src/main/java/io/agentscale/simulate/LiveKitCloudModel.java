package io.agentscale.simulate;

import io.agentscale.profile.ScalingProfile;
import io.agentscale.simulate.Worker.State;
import java.util.ArrayList;
import java.util.Comparator;

/**
 * LiveKit Cloud's rules from the profile's {@code agent.scaling} block, as this simulator reads them. Every
 * {@link #EVALUATION_SECONDS}, utilization U = sessions on ready workers ÷ (ready workers × sessions_per_worker):
 * <ul>
 *   <li>U &gt; scale_up_threshold: start workers until ready + starting = ceil(sessions ÷ (sessions_per_worker ×
 *       scale_up_threshold)), at most max_workers; a new worker serves after warmup_time;</li>
 *   <li>U &lt; scale_down_threshold at every evaluation for scale_down_delay: drain the least-loaded workers down to
 *       max(min_workers, ceil(sessions ÷ (sessions_per_worker × scale_up_threshold))), then wait a full delay again;</li>
 *   <li>a draining worker takes no new calls and leaves when its calls end or drain_timeout passes.</li>
 * </ul>
 * Nodes are LiveKit's concern: no node provisioning, no pod start.
 */
final class LiveKitCloudModel implements PlatformModel {
  static final double EVALUATION_SECONDS = 15;

  private final ScalingProfile profile;
  private final EventLoop loop;
  private final Fleet fleet;
  private double lowSince = Double.NaN;

  LiveKitCloudModel(ScalingProfile profile, EventLoop loop, Fleet fleet) {
    this.profile = profile;
    this.loop = loop;
    this.fleet = fleet;
  }

  @Override
  public int nodes() {
    return 0;
  }

  @Override
  public boolean hasNodes() {
    return false;
  }

  @Override
  public void start() {
    for (int i = 0; i < profile.scaling().minWorkers(); i++) {
      fleet.add(State.READY).readyAt = 0;
    }
    loop.every(EVALUATION_SECONDS, EVALUATION_SECONDS, () -> {
      evaluate();
      return true;
    });
  }

  private void evaluate() {
    var s = profile.scaling();
    int ready = fleet.count(State.READY);
    int starting = fleet.count(State.STARTING);
    int sessions = 0;
    for (Worker w : fleet.workers()) {
      if (w.state == State.READY) {
        sessions += w.sessions();
      }
    }
    double utilization = ready == 0 ? 1 : (double) sessions / (ready * s.sessionsPerWorker());
    int needed = Math.max(s.minWorkers(), (int) Math.ceil(sessions / s.targetSessionsPerWorker()));
    double now = loop.now();
    if (utilization > s.scaleUpThreshold()) {
      lowSince = Double.NaN;
      int add = Math.min(needed, s.maxWorkers()) - ready - starting;
      for (int i = 0; i < add; i++) {
        Worker w = fleet.add(State.STARTING);
        w.readyAt = now + s.warmupTime().toSeconds();
        loop.at(w.readyAt, () -> fleet.ready(w));
      }
      return;
    }
    if (utilization >= s.scaleDownThreshold()) {
      lowSince = Double.NaN;
      return;
    }
    if (Double.isNaN(lowSince)) {
      lowSince = now;
    }
    if (now - lowSince < s.scaleDownDelay().toSeconds()) {
      return;
    }
    lowSince = Double.NaN;
    var victims = new ArrayList<Worker>();
    for (Worker w : fleet.workers()) {
      if (w.state == State.READY) {
        victims.add(w);
      }
    }
    victims.sort(Comparator.comparingInt(Worker::sessions).thenComparing(w -> -w.id));
    double deadline = now + profile.kubernetes().drainTimeout().toSeconds();
    for (int i = 0; i < ready + starting - needed && i < victims.size(); i++) {
      fleet.drain(victims.get(i), deadline);
    }
  }
}
