package io.agentscale.simulate;

import io.agentscale.plan.CapacityPlan;
import io.agentscale.plan.ClusterPlan;
import io.agentscale.profile.ScalingProfile;
import io.agentscale.simulate.HpaController.Phase;
import io.agentscale.simulate.HpaController.Recommendation;
import io.agentscale.simulate.HpaController.ScaleEvent;
import io.agentscale.simulate.Worker.State;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The self-hosted chain, as the generated manifests set it up: Prometheus scrapes each pod's gauge every
 * scrape_interval at the pod's own offset; the HPA reconciles every 15 s with {@link HpaController} and keeps the
 * controller's history; the Deployment adds pods, which preempt balloon pods where the buffer has room and otherwise
 * wait for the cluster autoscaler to add a node (every cluster.autoscaler_scan_interval, a node takes
 * node_provisioning_min..max; an empty node goes after cluster.scale_down_unneeded_time, never within
 * cluster.scale_down_delay_after_add of an added one: the flags of the autoscaler we deploy); a placed
 * pod runs after {@link SimulationSettings#podStart()} and is ready after warmup_time more; removed pods are picked in
 * the ReplicaSet's order and drain until min(drain_timeout, grace_period).
 *
 * <p>The adapter's relist interval does not delay per-pod values here: once the metric is listed (a run starts in
 * steady state, with min_workers pods reporting), the adapter queries Prometheus for the HPA's pods on each request.
 * A pod without a sample yet counts as "missing" in the controller's rebalancing.
 */
final class KubernetesModel implements PlatformModel {
  static final double HPA_SYNC_SECONDS = 15;

  private final class Node {
    int agents;
    int balloons;
    double emptySince;

    int free() {
      return slotsPerNode - agents - balloons;
    }
  }

  private record Stamped(int value, double at) {}

  private final ScalingProfile profile;
  private final CapacityPlan plan;
  private final EventLoop loop;
  private final Fleet fleet;
  private final SimulationSettings settings;
  private final SplittableRandom random;
  private final int slotsPerNode;
  private final List<Node> nodes = new ArrayList<>();
  private final ArrayDeque<Worker> unscheduled = new ArrayDeque<>();
  private int pendingBalloons;
  private int provisioning;
  private int replicas;
  private final List<Stamped> recommendations = new ArrayList<>();
  private final List<Stamped> scaleUps = new ArrayList<>();
  private final List<Stamped> scaleDowns = new ArrayList<>();
  private final HpaSpec hpa;
  private final double historySeconds;
  /** The cluster autoscaler's timing, from the same plan as the flags of the autoscaler we deploy. */
  private final ClusterPlan.Autoscaler autoscaler;
  private double lastScaleUp = Double.NEGATIVE_INFINITY;

  KubernetesModel(ScalingProfile profile, CapacityPlan plan, EventLoop loop, Fleet fleet,
      SimulationSettings settings) {
    this.profile = profile;
    this.plan = plan;
    this.loop = loop;
    this.fleet = fleet;
    this.settings = settings;
    this.random = new SplittableRandom(settings.seed() ^ 0x6b75626500L);
    this.slotsPerNode = Math.max(1, plan.node().workersPerNode());
    var h = profile.kubernetes().hpa();
    this.hpa = HpaSpec.of(profile, plan);
    this.autoscaler = autoscalerOf(profile);
    this.historySeconds = Math.max(
        Math.max(h.scaleUpStabilization().toSeconds(), h.scaleDownStabilization().toSeconds()),
        Math.max(h.scaleUpPeriod().toSeconds(), h.scaleDownPeriod().toSeconds()));
    fleet.onGone(this::gone);
  }

  /** The autoscaler of the profile's cluster (the profiles of one cluster agree on its timing). */
  static ClusterPlan.Autoscaler autoscalerOf(ScalingProfile profile) {
    return ClusterPlan.Autoscaler.of(profile.aws().clusterName(), List.of(profile));
  }

  @Override
  public int nodes() {
    return nodes.size();
  }

  @Override
  public boolean hasNodes() {
    return true;
  }

  /** Steady state: the node group's minimum, min_workers ready pods, every balloon placed that fits. */
  @Override
  public void start() {
    for (int i = 0; i < plan.nodeGroup().minSize(); i++) {
      nodes.add(new Node());
    }
    replicas = plan.hpa().minReplicas();
    for (int i = 0; i < replicas; i++) {
      Worker w = fleet.add(State.READY);
      Node node = roomiest();
      if (node == null) {
        unschedule(w);
        continue;
      }
      node.agents++;
      w.node = node;
      w.runningAt = 0;
      w.readyAt = 0;
      w.scrapedMilli = 0L; // in steady state Prometheus already holds a sample of the idle worker
      scrapeFrom(w, 0);
    }
    pendingBalloons = plan.buffer().balloonPods();
    placeBalloons();
    loop.every(HPA_SYNC_SECONDS, HPA_SYNC_SECONDS, () -> {
      reconcile();
      return true;
    });
    double scan = autoscaler.scanInterval().toMillis() / 1000.0;
    loop.every(scan, scan, () -> {
      autoscaleNodes();
      return true;
    });
  }

  private void unschedule(Worker w) {
    w.state = State.UNSCHEDULED;
    unscheduled.add(w);
  }

  // ---- metrics ---------------------------------------------------------------------------------------------------

  private void scrapeFrom(Worker w, double runningAt) {
    double interval = profile.metrics().scrapeInterval().toMillis() / 1000.0;
    double offset = random.nextDouble() * interval;
    double first = Math.floor(runningAt / interval) * interval + offset;
    if (first < runningAt) {
      first += interval;
    }
    loop.every(first, interval, () -> {
      w.scrapedMilli = w.sessions() * 1000L;
      return w.state != State.GONE;
    });
  }

  // ---- the HPA ---------------------------------------------------------------------------------------------------

  private void reconcile() {
    double now = loop.now();
    boolean first = recommendations.isEmpty() && scaleUps.isEmpty() && scaleDowns.isEmpty();
    if (first) {
      recommendations.add(new Stamped(replicas, now));
    }
    var pods = new ArrayList<HpaController.Pod>();
    for (Worker w : fleet.workers()) {
      boolean running = w.state != State.UNSCHEDULED && now >= w.runningAt;
      pods.add(new HpaController.Pod(running ? Phase.Running : Phase.Pending, w.state == State.READY,
          w.state == State.DRAINING, w.scrapedMilli));
    }
    var decision = HpaController.reconcile(hpa.input(replicas, pods,
        recommendations.stream().map(r -> new Recommendation(r.value(), now - r.at())).toList(),
        scaleUps.stream().map(e -> new ScaleEvent(e.value(), now - e.at())).toList(),
        scaleDowns.stream().map(e -> new ScaleEvent(e.value(), now - e.at())).toList()));
    if (decision.store()) {
      recommendations.add(new Stamped(decision.proposal(), now));
    }
    int desired = decision.desiredReplicas();
    if (desired > replicas) {
      scaleUps.add(new Stamped(desired - replicas, now));
      for (int i = replicas; i < desired; i++) {
        schedule(fleet.add(State.STARTING));
      }
    } else if (desired < replicas) {
      scaleDowns.add(new Stamped(replicas - desired, now));
      removePods(replicas - desired);
    }
    replicas = desired;
    forget(now);
  }

  private void forget(double now) {
    recommendations.removeIf(r -> now - r.at() > historySeconds);
    scaleUps.removeIf(e -> now - e.at() > historySeconds);
    scaleDowns.removeIf(e -> now - e.at() > historySeconds);
  }

  /** The ReplicaSet's deletion order: unscheduled, then not running, then not ready, then the most recently ready. */
  private void removePods(int count) {
    var candidates = new ArrayList<Worker>();
    for (Worker w : fleet.workers()) {
      if (w.state != State.DRAINING) {
        candidates.add(w);
      }
    }
    double now = loop.now();
    candidates.sort(Comparator
        .comparingInt((Worker w) -> w.state == State.UNSCHEDULED ? 0 : now < w.runningAt ? 1 : w.state != State.READY
            ? 2 : 3)
        .thenComparing(w -> -w.readyAt)
        .thenComparing(w -> -w.id));
    double grace = profile.kubernetes().gracePeriod().toSeconds();
    double drain = profile.kubernetes().drainTimeout().toSeconds();
    for (int i = 0; i < count && i < candidates.size(); i++) {
      Worker w = candidates.get(i);
      unscheduled.remove(w);
      fleet.drain(w, now + Math.min(grace, drain));
    }
  }

  // ---- scheduling ------------------------------------------------------------------------------------------------

  /** A new pod: a free slot, else a balloon's slot (preempted), else it waits for a node. */
  private void schedule(Worker w) {
    Node node = roomiest();
    if (node == null) {
      node = withBalloon();
      if (node != null) {
        node.balloons--;
        pendingBalloons++;
      }
    }
    if (node == null) {
      unschedule(w);
      return;
    }
    place(w, node);
  }

  private void place(Worker w, Node node) {
    double now = loop.now();
    node.agents++;
    w.node = node;
    w.state = State.STARTING;
    w.runningAt = now + settings.podStart().toMillis() / 1000.0;
    w.readyAt = w.runningAt + profile.scaling().warmupTime().toSeconds();
    scrapeFrom(w, w.runningAt);
    loop.at(w.readyAt, () -> fleet.ready(w));
  }

  /** The spreading scheduler: the node with the fewest agent pods that has a free slot. */
  private Node roomiest() {
    Node best = null;
    for (Node n : nodes) {
      if (n.free() > 0 && (best == null || n.agents < best.agents)) {
        best = n;
      }
    }
    return best;
  }

  private Node withBalloon() {
    for (Node n : nodes) {
      if (n.balloons > 0) {
        return n;
      }
    }
    return null;
  }

  private void gone(Worker w) {
    if (w.node instanceof Node node) {
      node.agents--;
      w.node = null;
      fillFreeSlots();
    }
  }

  private void fillFreeSlots() {
    while (!unscheduled.isEmpty()) {
      Node node = roomiest();
      if (node == null) {
        break;
      }
      place(unscheduled.poll(), node);
    }
    placeBalloons();
  }

  private void placeBalloons() {
    for (Node n : nodes) {
      while (pendingBalloons > 0 && n.free() > 0) {
        n.balloons++;
        pendingBalloons--;
      }
    }
  }

  // ---- the cluster autoscaler ------------------------------------------------------------------------------------

  private void autoscaleNodes() {
    int waiting = unscheduled.size() + pendingBalloons - provisioning * slotsPerNode;
    int room = plan.nodeGroup().maxSize() - nodes.size() - provisioning;
    int add = Math.min(room, (waiting + slotsPerNode - 1) / slotsPerNode);
    var c = profile.capacity();
    if (add > 0) {
      lastScaleUp = loop.now(); // the autoscaler's clock starts when it asks for nodes, not when they join
    }
    for (int i = 0; i < add; i++) {
      provisioning++;
      double min = c.nodeProvisioningMin().toSeconds();
      double max = c.nodeProvisioningMax().toSeconds();
      loop.at(loop.now() + min + random.nextDouble() * (max - min), () -> {
        provisioning--;
        var node = new Node();
        node.emptySince = loop.now();
        nodes.add(node);
        fillFreeSlots();
      });
    }
    removeUnneededNode();
  }

  /**
   * One empty node a scan, after it has been unneeded for the scale-down-unneeded time: a node without agent pods
   * whose balloons fit elsewhere (agent pods carry safe-to-evict: false, so only empty-of-agents nodes go).
   */
  private void removeUnneededNode() {
    if (nodes.size() <= plan.nodeGroup().minSize()
        || loop.now() - lastScaleUp < autoscaler.scaleDownDelayAfterAdd().toSeconds()) {
      return;
    }
    double unneeded = autoscaler.scaleDownUnneededTime().toSeconds();
    for (Node n : nodes) {
      if (n.agents == 0 && pendingBalloons == 0 && unscheduled.isEmpty()) {
        int freeElsewhere = 0;
        for (Node other : nodes) {
          freeElsewhere += other == n ? 0 : other.free();
        }
        if (n.balloons > 0 && freeElsewhere < n.balloons) {
          n.emptySince = loop.now();
          continue;
        }
        if (loop.now() - n.emptySince >= unneeded) {
          nodes.remove(n);
          pendingBalloons += n.balloons;
          placeBalloons();
          return;
        }
      } else {
        n.emptySince = loop.now();
      }
    }
  }
}
