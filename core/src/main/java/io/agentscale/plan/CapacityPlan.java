package io.agentscale.plan;

import io.agentscale.profile.ScalingProfile;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * The numbers every output shares: worker size, node facts, node-group bounds, the idle buffer and the HPA. The
 * Kubernetes constructs, the AWS node group and the simulator read them from here and do no arithmetic of their own.
 */
public record CapacityPlan(
    WorkerPod worker,
    Node node,
    int nodesAtMinWorkers,
    int nodesAtMaxWorkers,
    NodeGroup nodeGroup,
    Buffer buffer,
    Hpa hpa,
    Headroom headroom) {

  /** Per-node DaemonSets on an EKS node (aws-node, kube-proxy, pod identity agent, EBS CSI node): an estimate. */
  public static final int SYSTEM_PODS = 4;
  public static final int SYSTEM_CPU_MILLIS = 200;
  public static final int SYSTEM_MEMORY_MIB = 400;
  /** Share of nominal memory the kubelet sees after VM overhead (Karpenter's default estimate, 7.5%). */
  static final double VM_MEMORY_AVAILABLE = 1 - 0.075;
  /** Kubelet hard-eviction threshold memory.available on EKS AMIs. */
  static final int EVICTION_MEMORY_MIB = 100;

  /**
   * One agent worker pod. Memory limit = request: an OOM-killed worker drops every call on it.
   *
   * @param startupFailureThreshold startup-probe failures allowed at {@link #PROBE_PERIOD_SECONDS}: twice warmup_time
   */
  public record WorkerPod(int sessions, int cpuMillis, int memoryMiB, int startupFailureThreshold) {}

  /** Period of the worker's startup probe. */
  public static final int PROBE_PERIOD_SECONDS = 5;

  /**
   * One node of the agent group.
   *
   * @param known false for a type outside the catalog that the profile did not describe
   */
  public record Node(String instanceType, boolean known, boolean arm64, int vcpus, int memoryGiB,
      int allocatableCpuMillis, int allocatableMemoryMiB, int maxPods, int workersPerNode, List<String> instanceTypes,
      int rootVolumeGiB) {}

  /**
   * The agent node groups: one per availability zone, identical but for size, so that a scale-in or a zone rebalance
   * never picks an arbitrary node of a multi-zone group. The totals are split across the zones (the first zones take
   * the remainder), so their sum is exactly the plan's and every zone keeps a node at the minimum.
   */
  public record NodeGroup(int minSize, int maxSize, List<ZoneSize> zones) {}

  /** One zone's node group. */
  public record ZoneSize(int minSize, int maxSize) {}

  /** Root volume: the OS, kubelet and system images, the agent image twice (a rollout pulls the next), /tmp per worker. */
  public static final int ROOT_VOLUME_BASE_GIB = 20;
  /** The agent's /tmp emptyDir size limit, per worker. */
  public static final int WORKER_TMP_GIB = io.agentscale.profile.ContainerContract.TMP_SIZE_GIB;

  /**
   * The node disk one worker may fill, in GiB: /tmp and its empty_dir volumes at their size limits, or its
   * ephemeral-storage request when that is larger. The root volume holds it for every worker of a node.
   */
  public static int workerDiskGiB(ScalingProfile p) {
    long gib = 1L << 30;
    long volumes = (long) WORKER_TMP_GIB * gib;
    for (var v : p.kubernetes().workload().volumes()) {
      Long size = io.agentscale.profile.ProfileValidator.bytes(v.emptyDir());
      volumes += size == null ? 0 : size;
    }
    Long request = io.agentscale.profile.ProfileValidator.bytes(p.kubernetes().workload().ephemeralStorage().request());
    long bytes = Math.max(volumes, request == null ? 0 : request);
    return (int) Math.min(Integer.MAX_VALUE, (bytes + gib - 1) / gib);
  }

  /**
   * Idle capacity kept by balloon (pause) pods, each the size of one worker. The count is sized at max_workers, so
   * at every size of the cluster at least {@code fraction} of worker slots are idle or held by balloons.
   */
  public record Buffer(double fraction, int balloonPods, int balloonCpuMillis, int balloonMemoryMiB,
      double idleFractionAtMin, double idleFractionAtMax) {}

  /**
   * The HPA.
   *
   * @param targetQuantity {@code targetAverageValue} as a Kubernetes quantity: 4 → "4", 3.5 → "3500m"
   */
  /**
   * The HPA's spec, as the HPA construct writes it and the simulator's controller and {@code doctor} read it.
   *
   * @param scaleDownTolerance {@code behavior.scaleDown.tolerance}, 1 − scale_down_threshold ÷ scale_up_threshold to
   *     three decimals, so the HPA removes workers where LiveKit Cloud would; null leaves the cluster's default (0.1)
   */
  public record Hpa(double targetAverageValue, String targetQuantity, int minReplicas, int maxReplicas,
      HpaDirection scaleUp, HpaDirection scaleDown, BigDecimal scaleDownTolerance) {}

  /**
   * One direction of the HPA's {@code behavior}, always written in full: without it the controller runs its legacy
   * algorithm. One Pods policy; {@code selectPolicy} Max (with one policy it picks that one).
   */
  public record HpaDirection(Duration stabilizationWindow, int pods, Duration period) {
    public static final String SELECT_POLICY = "Max";
  }

  /** 1 − down/up, rounded to three decimals: the HPA scaleDown tolerance that mirrors LiveKit's threshold. */
  public static BigDecimal scaleDownTolerance(ScalingProfile p) {
    var s = p.scaling();
    return BigDecimal.valueOf(1 - s.scaleDownThreshold() / s.scaleUpThreshold())
        .setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
  }

  /**
   * What the HPA can add while one new node is being provisioned, against the slots that take a worker at once, at
   * the fleet size where those slots fall shortest ({@link #headroom}).
   *
   * @param atWorkers the fleet size a burst starts from where the slots fall shortest
   * @param podsAddedDuringProvisioning worker pods the scaleUp policy allows within {@code provisioning} from
   *     {@code atWorkers}, capped at max_workers
   * @param slotsBeforeNewNode slots no worker holds at {@code atWorkers}, idle or ballooned: all start a worker at once
   * @param sessionsBeforeNewNodes extra calls those slots take before any new node joins
   * @param bufferCovers every burst, from every fleet size, fits in the slots already there
   */
  public record Headroom(Duration provisioning, int atWorkers, int podsAddedDuringProvisioning,
      int slotsBeforeNewNode, int sessionsBeforeNewNodes, boolean bufferCovers) {}

  public static CapacityPlan from(ScalingProfile p) {
    var s = p.scaling();
    var c = p.capacity();
    var worker = new WorkerPod(s.sessionsPerWorker(),
        c.baseCpuMillis() + s.sessionsPerWorker() * c.cpuPerSessionMillis(),
        c.baseMemoryMiB() + s.sessionsPerWorker() * c.memoryPerSessionMiB(),
        (int) Math.max(3, ceilDiv(2 * s.warmupTime().toSeconds(), PROBE_PERIOD_SECONDS)));
    var node = node(p, worker);
    int perNode = Math.max(1, node.workersPerNode()); // a worker that does not fit is an error finding

    int balloons = slotsKeepingIdle(s.maxWorkers(), c.bufferFraction()) - s.maxWorkers();
    int minSize = Math.max(p.aws().availabilityZones(), ceilDiv(s.minWorkers() + balloons, perNode));
    int maxSize = Math.max(minSize, ceilDiv(s.maxWorkers() + balloons, perNode));
    var buffer = new Buffer(c.bufferFraction(), balloons, worker.cpuMillis(), worker.memoryMiB(),
        idle(minSize * perNode, s.minWorkers()), idle(maxSize * perNode, s.maxWorkers()));

    var h = p.kubernetes().hpa();
    var hpa = new Hpa(s.targetSessionsPerWorker(), quantity(s.targetSessionsPerWorker()), s.minWorkers(),
        s.maxWorkers(), new HpaDirection(h.scaleUpStabilization(), h.scaleUpPods(), h.scaleUpPeriod()),
        new HpaDirection(h.scaleDownStabilization(), h.scaleDownPods(), h.scaleDownPeriod()),
        h.configurableTolerance() ? scaleDownTolerance(p) : null);

    var headroom = headroom(p, perNode, balloons, minSize, maxSize);

    return new CapacityPlan(worker, node, ceilDiv(s.minWorkers(), perNode), ceilDiv(s.maxWorkers(), perNode),
        new NodeGroup(minSize, maxSize, split(minSize, maxSize, p.aws().availabilityZones())), buffer, hpa, headroom);
  }

  /**
   * A burst that starts from a steady fleet of n workers. The group then runs max(minSize, ceil((n + balloons) ÷
   * perNode)) nodes, at most maxSize: the per-zone minimum, or as many as the workers and balloons fill once every
   * preempted balloon has its node back. Each slot no worker holds starts a new worker at once, whether idle (the
   * minimum's spare room) or ballooned (the scheduler preempts the balloon); only the worker after the last of them
   * waits for a node. The HPA may add min(max_workers − n, scale_up_pods × periods in one provisioning) workers.
   * Every n from min_workers to max_workers is tried, and the one where the slots fall shortest is kept: a wide
   * fleet range bottoms out at the balloons alone (n + balloons a multiple of perNode), a narrow one may never leave
   * the per-zone minimum.
   */
  private static Headroom headroom(ScalingProfile p, int perNode, int balloons, int minSize, int maxSize) {
    var s = p.scaling();
    var h = p.kubernetes().hpa();
    Duration provisioning = p.capacity().nodeProvisioningMax();
    long burst = h.scaleUpPods() * ceilDiv(provisioning.toSeconds(), h.scaleUpPeriod().toSeconds());
    Headroom tightest = null;
    for (int n = s.minWorkers(); n <= s.maxWorkers(); n++) {
      int nodes = Math.min(maxSize, Math.max(minSize, ceilDiv(n + balloons, perNode)));
      int free = nodes * perNode - n;
      int added = (int) Math.min(s.maxWorkers() - n, burst);
      if (tightest == null
          || free - added < tightest.slotsBeforeNewNode() - tightest.podsAddedDuringProvisioning()) {
        tightest = new Headroom(provisioning, n, added, free, free * s.sessionsPerWorker(), free >= added);
      }
    }
    return tightest;
  }

  private static List<ZoneSize> split(int min, int max, int zones) {
    var out = new java.util.ArrayList<ZoneSize>();
    for (int z = 0; z < zones; z++) {
      out.add(new ZoneSize(min / zones + (z < min % zones ? 1 : 0), max / zones + (z < max % zones ? 1 : 0)));
    }
    return List.copyOf(out);
  }

  private static Node node(ScalingProfile p, WorkerPod worker) {
    var a = p.aws();
    var type = InstanceCatalog.find(a.instanceType()).or(() -> described(p));
    if (type.isEmpty()) {
      return new Node(a.instanceType(), false, false, 0, 0, 0, 0, 0, 0, List.of(a.instanceType()), 0);
    }
    var t = type.get();
    // A spot group spreads over every type of the shape; it is sized on the smallest room among them.
    var types = p.aws().capacityType() == io.agentscale.profile.CapacityType.SPOT && InstanceCatalog.find(t.name())
        .isPresent() ? InstanceCatalog.sameShape(t) : List.of(t);
    var room = types.stream().map(Allocatable::of)
        .reduce((x, y) -> new Allocatable(Math.min(x.cpuMillis(), y.cpuMillis()),
            Math.min(x.memoryMiB(), y.memoryMiB()), Math.min(x.pods(), y.pods())))
        .orElseThrow();
    int byMemory = (room.memoryMiB() - SYSTEM_MEMORY_MIB) / worker.memoryMiB();
    int byCpu = (room.cpuMillis() - SYSTEM_CPU_MILLIS) / worker.cpuMillis();
    int byPods = room.pods() - SYSTEM_PODS;
    int perNode = Math.max(0, Math.min(byMemory, Math.min(byCpu, byPods)));
    int root = ROOT_VOLUME_BASE_GIB + 2 * p.capacity().imageSizeGiB() + perNode * workerDiskGiB(p);
    return new Node(t.name(), true, t.arm64(), t.vcpus(), t.memoryGiB(), room.cpuMillis(), room.memoryMiB(),
        room.pods(), perNode, types.stream().map(InstanceType::name).toList(), root);
  }

  /** What the kubelet of an EKS node offers to pods, before the per-node DaemonSets take their share. */
  public record Allocatable(int cpuMillis, int memoryMiB, int pods) {
    public static Allocatable of(InstanceType t) {
      int maxPods = t.maxPods();
      int cpu = t.vcpus() * 1000 - kubeReservedCpuMillis(t.vcpus());
      int memory = (int) Math.floor(t.memoryGiB() * 1024 * VM_MEMORY_AVAILABLE)
          - (11 * maxPods + 255) - EVICTION_MEMORY_MIB;
      return new Allocatable(cpu, memory, maxPods);
    }
  }

  /** A type outside the catalog, described in the profile; assumes the smallest ENI layout (3 × 10 ⇒ 29 pods). */
  private static java.util.Optional<InstanceType> described(ScalingProfile p) {
    var a = p.aws();
    if (a.instanceVcpus() == null || a.instanceMemoryGiB() == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new InstanceType(a.instanceType(), a.instanceVcpus(), a.instanceMemoryGiB(), 3, 10,
        a.instanceType().matches("[a-z]+\\d+g.*")));
  }

  /** EKS kube-reserved CPU: 6% of the first core, 1% of the second, 0.5% of cores 3-4, 0.25% of the rest. */
  static int kubeReservedCpuMillis(int vcpus) {
    double millis = 60
        + (vcpus >= 2 ? 10 : 0)
        + Math.max(0, Math.min(vcpus, 4) - 2) * 5
        + Math.max(0, vcpus - 4) * 2.5;
    return (int) Math.round(millis);
  }

  /** A decimal count as a Kubernetes quantity, in whole units when exact, else in milli-units. */
  static String quantity(double value) {
    long milli = Math.round(value * 1000);
    return milli % 1000 == 0 ? Long.toString(milli / 1000) : milli + "m";
  }

  private static double idle(int slots, int used) {
    return slots == 0 ? 0 : Math.round((slots - used) * 10000.0 / slots) / 10000.0;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  /**
   * Slots needed so that {@code used} leaves {@code idleFraction} of them free: ceil(used / (1 − idleFraction)),
   * in decimal arithmetic so 50 / 0.8 is 63 and 50 / (1 − 0.9) is exactly 500.
   */
  private static int slotsKeepingIdle(int used, double idleFraction) {
    var keep = java.math.BigDecimal.ONE.subtract(java.math.BigDecimal.valueOf(idleFraction));
    return new java.math.BigDecimal(used).divide(keep, 0, java.math.RoundingMode.CEILING).intValueExact();
  }
}
