package io.agentscale.simulate;

import io.agentscale.hpa.HpaController;
import io.agentscale.plan.CapacityPlan;
import io.agentscale.plan.ClusterPlan;
import io.agentscale.profile.ScalingProfile;
import io.agentscale.hpa.HpaController.Phase;
import io.agentscale.hpa.HpaController.Recommendation;
import io.agentscale.hpa.HpaController.ScaleEvent;
import io.agentscale.simulate.Worker.State;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import io.agentscale.hpa.HpaSpec;

/**
 * The self-hosted chain, as the generated manifests and the cluster autoscaler we deploy set it up:
 * <ul>
 *   <li>Prometheus scrapes each pod's gauge every scrape_interval at the pod's own offset;</li>
 *   <li>the HPA reconciles every 15 s with {@link HpaController} and keeps the controller's history;</li>
 *   <li>a new pod takes a free slot, else preempts the balloon on the node whose balloon started last (the
 *       scheduler's choice), binding {@value #PREEMPTION_TO_BIND_SECONDS} s later, else waits for a node;</li>
 *   <li>a node lacking the agent image pulls it first (capacity.image_pull_time); balloons pull it beforehand when
 *       kubernetes.prepull_image is on; then the container starts ({@link SimulationSettings#podStart()}) and is
 *       ready after warmup_time;</li>
 *   <li>the cluster autoscaler scans every cluster.autoscaler_scan_interval, skips pods pending for less than
 *       {@value #NEW_POD_BUFFER_SECONDS} s, adds nodes that take node_provisioning_min..max and are paid from launch;
 *       pending pods retry on a new node after the scheduler's backoff (0..{@value #SCHEDULER_BACKOFF_MAX_SECONDS} s);
 *       a node is removed after cluster.scale_down_unneeded_time at or below the utilization threshold (DaemonSets and
 *       balloons counted), never while an agent runs on it (safe-to-evict false, re-checked only after the
 *       unremovable-node timeout) nor within cluster.scale_down_delay_after_add of a scale-up;</li>
 *   <li>removed pods are picked in the ReplicaSet's order ({@link ReplicaSetOrder}) and drain until
 *       min(drain_timeout, grace_period).</li>
 * </ul>
 *
 * <p>The adapter's relist interval does not delay per-pod values here: once the metric is listed (a run starts in
 * steady state, with min_workers pods reporting), the adapter queries Prometheus for the HPA's pods on each request.
 * A pod without a sample yet counts as "missing" in the controller's rebalancing.
 */
final class KubernetesModel implements PlatformModel {
  static final double HPA_SYNC_SECONDS = 15;
  /**
   * A preempted balloon (grace 0) is deleted at once and the preemptor retried after the scheduler's 1 s initial
   * backoff: about 1-2 s (kube-scheduler DefaultPodInitialBackoffDuration; reasoned from code, not measured).
   */
  static final double PREEMPTION_TO_BIND_SECONDS = 2;
  /** kube-scheduler DefaultPodMaxBackoffDuration: a pod in backoff waits up to this long after a node turns Ready. */
  static final double SCHEDULER_BACKOFF_MAX_SECONDS = 10;
  /** cluster-autoscaler unschedulablePodTimeBuffer: a loop skips scale-up while every pending pod is younger. */
  static final double NEW_POD_BUFFER_SECONDS = 2;

  private final class Node {
    /** As the ReplicaSet's rank compares nodes. */
    final String name = "node-" + nodeIds++;
    final double launchedAt;
    int agents;
    int balloons;
    /** When this node was last found unneeded and removable; NaN while it is not. */
    double unneededSince = Double.NaN;
    /** An agent blocked its removal: not looked at again before this. */
    double recheckAt = Double.NEGATIVE_INFINITY;
    /** When the agent image is on the node; infinite until a pull starts. */
    double imageAt = Double.POSITIVE_INFINITY;
    double lastBalloonAt = Double.NEGATIVE_INFINITY;

    Node(double launchedAt) {
      this.launchedAt = launchedAt;
    }

    int free() {
      return slotsPerNode - agents - balloons;
    }

    double utilization() {
      return utilizationAt[agents + balloons];
    }

    /** Starts pulling the agent image unless the node has it or is pulling it. */
    void pullFrom(double at) {
      if (imageAt == Double.POSITIVE_INFINITY) {
        imageAt = at + pullSeconds;
      }
    }
  }

  private record Stamped(int value, double at) {}

  private final ScalingProfile profile;
  private final CapacityPlan plan;
  private final EventLoop loop;
  private final Fleet fleet;
  private final SimulationSettings settings;
  private long nodesRequested;
  private final int slotsPerNode;
  /** {@link #utilization(int, CapacityPlan)} for 0..slotsPerNode pods, computed once: every scan asks for each node. */
  private final double[] utilizationAt;
  private final double pullSeconds;
  private final boolean prepull;
  private final ArrayList<Node> nodes = new ArrayList<>();
  private int nodeIds;
  private final ArrayDeque<Worker> unscheduled = new ArrayDeque<>();
  /** When each pending balloon was preempted, oldest first. */
  private final ArrayDeque<Double> pendingBalloons = new ArrayDeque<>();
  private int provisioning;
  private int replicas;
  /** The HPA's history, oldest first: entries are stamped in time order, so the expired ones lead. */
  private final ArrayList<Stamped> recommendations = new ArrayList<>();
  private final ArrayList<Stamped> scaleUps = new ArrayList<>();
  private final ArrayList<Stamped> scaleDowns = new ArrayList<>();
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
    this.slotsPerNode = Math.max(1, plan.node().workersPerNode());
    this.utilizationAt = new double[slotsPerNode + 1];
    for (int pods = 0; pods <= slotsPerNode; pods++) {
      utilizationAt[pods] = utilization(pods, plan);
    }
    this.pullSeconds = profile.capacity().imagePullTime().toMillis() / 1000.0;
    this.prepull = settings.prepull() != null ? settings.prepull() : profile.kubernetes().prepullImage();
    var h = profile.kubernetes().hpa();
    this.hpa = HpaSpec.of(profile, plan);
    this.autoscaler = autoscalerOf(profile);
    this.historySeconds = Math.max(
        Math.max(h.scaleUpStabilization().toSeconds(), h.scaleDownStabilization().toSeconds()),
        Math.max(h.scaleUpPeriod().toSeconds(), h.scaleDownPeriod().toSeconds()));
    fleet.onGone(this::gone);
  }

  /**
   * cluster-autoscaler's utilization of a node holding {@code pods} worker-sized pods: requests over allocatable, the
   * larger of CPU and memory, the DaemonSets included (utilization/info.go).
   */
  static double utilization(int pods, CapacityPlan plan) {
    var w = plan.worker();
    var n = plan.node();
    double cpu = (pods * (double) w.cpuMillis() + CapacityPlan.SYSTEM_CPU_MILLIS) / n.allocatableCpuMillis();
    double memory = (pods * (double) w.memoryMiB() + CapacityPlan.SYSTEM_MEMORY_MIB) / n.allocatableMemoryMiB();
    return Math.max(cpu, memory);
  }

  /** The autoscaler of the profile's cluster (the profiles of one cluster agree on its timing). */
  static ClusterPlan.Autoscaler autoscalerOf(ScalingProfile profile) {
    return ClusterPlan.Autoscaler.of(profile.aws().clusterName(), List.of(profile));
  }

  /** Nodes paid for right now: EC2 bills from launch, so nodes still booting count. */
  @Override
  public int nodes() {
    return nodes.size() + provisioning;
  }

  @Override
  public boolean hasNodes() {
    return true;
  }

  /**
   * Steady state: the node group's minimum, min_workers ready pods, every balloon placed that fits; nodes with an
   * agent (or, pre-pulling, a balloon) already hold the image.
   */
  @Override
  public void start() {
    for (int i = 0; i < plan.nodeGroup().minSize(); i++) {
      nodes.add(new Node(0));
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
    for (int i = 0; i < plan.buffer().balloonPods(); i++) {
      pendingBalloons.add(0.0);
    }
    placeBalloons();
    for (Node n : nodes) {
      if (n.agents > 0 || (prepull && n.balloons > 0)) {
        n.imageAt = 0;
      }
    }
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
    w.pendingSince = loop.now();
    unscheduled.add(w);
  }

  // ---- metrics ---------------------------------------------------------------------------------------------------

  private void scrapeFrom(Worker w, double runningAt) {
    double interval = profile.metrics().scrapeInterval().toMillis() / 1000.0;
    double offset = Streams.uniform(settings.seed(), Streams.SCRAPE, w.id) * interval;
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
    var workers = fleet.workers();
    var pods = new ArrayList<HpaController.Pod>(workers.size());
    for (int i = 0; i < workers.size(); i++) { // indexed: C1 does not inline for-each's iterator
      Worker w = workers.get(i);
      boolean running = w.state != State.UNSCHEDULED && now >= w.runningAt;
      pods.add(new HpaController.Pod(running ? Phase.Running : Phase.Pending, w.state == State.READY,
          w.state == State.DRAINING, w.scrapedMilli));
    }
    var recommended = new ArrayList<Recommendation>(recommendations.size());
    for (int i = 0; i < recommendations.size(); i++) { // indexed, as above
      Stamped r = recommendations.get(i);
      recommended.add(new Recommendation(r.value(), now - r.at()));
    }
    var decision = HpaController.reconcile(hpa.input(replicas, pods, recommended, aged(scaleUps, now),
        aged(scaleDowns, now)));
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

  private static List<ScaleEvent> aged(ArrayList<Stamped> events, double now) {
    var aged = new ArrayList<ScaleEvent>(events.size());
    for (int i = 0; i < events.size(); i++) {
      Stamped e = events.get(i);
      aged.add(new ScaleEvent(e.value(), now - e.at()));
    }
    return aged;
  }

  private void forget(double now) {
    forget(recommendations, now);
    forget(scaleUps, now);
    forget(scaleDowns, now);
  }

  private void forget(ArrayList<Stamped> history, double now) {
    int expired = 0;
    while (expired < history.size() && now - history.get(expired).at() > historySeconds) {
      expired++;
    }
    if (expired > 0) {
      history.subList(0, expired).clear();
    }
  }

  /** Scale-down: the pods first in the ReplicaSet's order drain; the draining ones are no longer counted. */
  private void removePods(int count) {
    double now = loop.now();
    // by identity: order() hands back the same Pod objects, and hashing a record's every field is slow under C1
    var byPod = new java.util.IdentityHashMap<ReplicaSetOrder.Pod, Worker>();
    var pods = new ArrayList<ReplicaSetOrder.Pod>();
    for (Worker w : fleet.workers()) {
      if (w.state == State.DRAINING) {
        continue; // terminating: not an active pod of the set
      }
      boolean placed = w.state != State.UNSCHEDULED;
      boolean running = placed && now >= w.runningAt;
      boolean ready = w.state == State.READY;
      var pod = new ReplicaSetOrder.Pod(String.valueOf(w.id), w.uid,
          placed ? ((Node) w.node).name : null,
          running ? ReplicaSetOrder.Phase.Running : ReplicaSetOrder.Phase.Pending, ready,
          ready ? now - Math.floor(w.readyAt) : null, 0, now - Math.floor(w.createdAt),
          settings.deletionCost() == SimulationSettings.DeletionCost.sessions ? w.sessions() : 0);
      byPod.put(pod, w);
      pods.add(pod);
    }
    double grace = profile.kubernetes().gracePeriod().toSeconds();
    double drain = profile.kubernetes().drainTimeout().toSeconds();
    var order = ReplicaSetOrder.order(pods);
    for (int i = 0; i < count && i < order.size(); i++) {
      Worker w = byPod.get(order.get(i));
      unscheduled.remove(w);
      fleet.drain(w, now + Math.min(grace, drain));
    }
  }

  // ---- scheduling ------------------------------------------------------------------------------------------------

  /** A new pod: a free slot, else a balloon's slot (preempted), else it waits for a node. */
  private void schedule(Worker w) {
    Node node = roomiest();
    boolean preempted = false;
    if (node == null) {
      node = withBalloon();
      if (node != null) {
        node.balloons--;
        pendingBalloons.add(loop.now());
        preempted = true;
      }
    }
    if (node == null) {
      unschedule(w);
      return;
    }
    place(w, node, preempted ? PREEMPTION_TO_BIND_SECONDS : 0);
  }

  /** Binds {@code w} to {@code node} after {@code delay}; it runs once the node has the image and it has started. */
  private void place(Worker w, Node node, double delay) {
    double bound = loop.now() + delay;
    node.agents++;
    node.pullFrom(bound);
    w.node = node;
    w.state = State.STARTING;
    w.runningAt = Math.max(bound, node.imageAt) + settings.podStart().toMillis() / 1000.0;
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

  /** The preemption target: the node whose balloon started most recently (pickOneNodeForPreemption, criterion 5). */
  private Node withBalloon() {
    Node best = null;
    for (Node n : nodes) {
      if (n.balloons > 0 && (best == null || n.lastBalloonAt > best.lastBalloonAt)) {
        best = n;
      }
    }
    return best;
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
      place(unscheduled.poll(), node, 0);
    }
    placeBalloons();
  }

  private void placeBalloons() {
    for (Node n : nodes) {
      while (!pendingBalloons.isEmpty() && n.free() > 0) {
        n.balloons++;
        n.lastBalloonAt = loop.now();
        pendingBalloons.poll();
        if (prepull) {
          n.pullFrom(loop.now());
        }
      }
    }
  }

  // ---- the cluster autoscaler ------------------------------------------------------------------------------------

  private void autoscaleNodes() {
    double now = loop.now();
    int waiting = unscheduled.size() + pendingBalloons.size() - provisioning * slotsPerNode;
    boolean allNew = true; // plain loops, not streams: this runs every scan of a week
    for (Worker w : unscheduled) {
      allNew &= now - w.pendingSince < NEW_POD_BUFFER_SECONDS;
    }
    for (double t : pendingBalloons) {
      allNew &= now - t < NEW_POD_BUFFER_SECONDS;
    }
    int room = plan.nodeGroup().maxSize() - nodes.size() - provisioning;
    int add = allNew ? 0 : Math.min(room, (waiting + slotsPerNode - 1) / slotsPerNode);
    if (add > 0) {
      lastScaleUp = now; // the autoscaler's clock starts when it asks for nodes, not when they join
    }
    var c = profile.capacity();
    for (int i = 0; i < add; i++) {
      provisioning++;
      long node = nodesRequested++; // the n-th node asked for draws the n-th delay, whatever the configuration
      double min = c.nodeProvisioningMin().toSeconds();
      double max = c.nodeProvisioningMax().toSeconds();
      double launched = now;
      loop.at(now + min + Streams.uniform(settings.seed(), Streams.PROVISIONING, node) * (max - min), () -> {
        provisioning--;
        nodes.add(new Node(launched));
        // pods in the scheduler's backoff try the new node after up to its maximum backoff
        loop.at(loop.now() + Streams.uniform(settings.seed(), Streams.BACKOFF, node) * SCHEDULER_BACKOFF_MAX_SECONDS,
            this::fillFreeSlots);
      });
    }
    if (add == 0) {
      scaleDown(now);
    }
  }

  /**
   * One removal a scan at most. Timers run in every loop but the one that scaled up; a node is unneeded while it is at
   * or below the utilization threshold, runs no agent and its balloons fit elsewhere; an agent (safe-to-evict false)
   * makes it unremovable until the recheck timeout.
   */
  private void scaleDown(double now) {
    double threshold = ClusterPlan.Autoscaler.SCALE_DOWN_UTILIZATION_THRESHOLD;
    double recheck = ClusterPlan.Autoscaler.UNREMOVABLE_NODE_RECHECK_TIMEOUT.toSeconds();
    boolean pending = !pendingBalloons.isEmpty() || !unscheduled.isEmpty();
    int free = 0;
    // indexed loops, here and below: every scan of a week runs them, and C1 does not inline for-each's iterator
    for (int i = 0; i < nodes.size(); i++) {
      free += nodes.get(i).free();
    }
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      boolean underutilized = n.utilization() <= threshold;
      if (!underutilized || now < n.recheckAt) {
        n.unneededSince = Double.NaN;
      } else if (n.agents > 0) {
        n.recheckAt = now + recheck;
        n.unneededSince = Double.NaN;
      } else if (pending || free - n.free() < n.balloons) {
        n.unneededSince = Double.NaN;
      } else if (Double.isNaN(n.unneededSince)) {
        n.unneededSince = now;
      }
    }
    if (nodes.size() <= plan.nodeGroup().minSize()
        || now - lastScaleUp < autoscaler.scaleDownDelayAfterAdd().toSeconds()) {
      return;
    }
    double unneeded = autoscaler.scaleDownUnneededTime().toSeconds();
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      if (!Double.isNaN(n.unneededSince) && now - n.unneededSince >= unneeded) {
        nodes.remove(i);
        for (int b = 0; b < n.balloons; b++) {
          pendingBalloons.add(now);
        }
        placeBalloons();
        return;
      }
    }
  }
}
