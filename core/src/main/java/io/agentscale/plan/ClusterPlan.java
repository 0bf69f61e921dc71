package io.agentscale.plan;

import io.agentscale.profile.ClusterMode;
import io.agentscale.profile.Durations;
import io.agentscale.profile.Problem;
import io.agentscale.profile.ProfileSchema;
import io.agentscale.profile.ScalingProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One cluster and the agent profiles it hosts: what is emitted once per cluster (VPC, EKS cluster, system nodes,
 * add-ons, the cluster autoscaler, Prometheus, the adapter, the balloon priority) and the facts the schedulability
 * check needs. Profiles naming the same {@code aws.cluster_name} share one plan, so they must agree on every
 * cluster-wide field ({@link #CLUSTER_WIDE}); {@link #group} reports each difference.
 *
 * @param systemPool the untainted system node group; null on an EXISTING cluster, whose nodes are the user's
 * @param autoscaler null when {@code cluster.autoscaler} is off
 * @param prometheus null when {@code cluster.prometheus} is off
 * @param adapter null when {@code metrics.install_adapter} is off
 * @param agents the profiles, in name order
 */
public record ClusterPlan(
    String name,
    ClusterMode mode,
    String kubernetesVersion,
    int availabilityZones,
    SystemPool systemPool,
    Autoscaler autoscaler,
    Prometheus prometheus,
    Adapter adapter,
    List<Agent> agents) {

  /** Balloon pods' priority: below every real pod (0), so any agent preempts them at once. */
  public static final int BALLOON_PRIORITY = -10;
  public static final String BALLOON_PRIORITY_CLASS = "agentscale-balloon";
  /**
   * Pods below this priority never make the cluster autoscaler add a node. Strictly below the balloons, so a
   * preempted balloon does ask for one (that is how the buffer refills); upstream's default, -10, sits on them.
   */
  public static final int EXPENDABLE_PODS_PRIORITY_CUTOFF = BALLOON_PRIORITY - 10;
  /** Where the system pods run; ours when the cluster is new, the cluster's own namespaces otherwise. */
  public static final String AUTOSCALER_NAMESPACE = "kube-system";
  public static final String AUTOSCALER_NAME = "cluster-autoscaler";
  public static final String MONITORING_NAMESPACE = "monitoring";
  public static final String PROMETHEUS_NAME = "prometheus";
  public static final String ADAPTER_NAMESPACE = "custom-metrics";
  public static final String ADAPTER_NAME = "prometheus-adapter";
  /** The APIService the adapter registers; a cluster has at most one of each name. */
  public static final String ADAPTER_API_SERVICE = "v1beta1.custom.metrics.k8s.io";

  /**
   * The fields every profile of one cluster must agree on (everything in {@code cluster.*} too). The adapter's
   * settings are checked apart ({@link #findings}): they must agree only where the adapter is installed.
   */
  public static final List<String> CLUSTER_WIDE = List.of(
      "aws.cluster_mode", "aws.kubernetes_version", "aws.single_nat_gateway", "aws.public_endpoint_cidrs",
      "aws.log_retention_days");

  /** A profile and its capacity plan. */
  public record Agent(ScalingProfile profile, CapacityPlan plan) {}

  /** The untainted ON_DEMAND group for CoreDNS, the adapter, Prometheus and the autoscaler. */
  public record SystemPool(String instanceType, boolean known, boolean arm64, CapacityPlan.Allocatable allocatable,
      int minSize, int maxSize) {}

  /**
   * The cluster autoscaler. Its timing is what the simulator's node model runs on ({@link #of}).
   *
   * @param maxGracefulTermination at least every agent's grace period: a node removal never cuts a drain short
   */
  public record Autoscaler(String image, Duration scanInterval, Duration scaleDownUnneededTime,
      Duration scaleDownDelayAfterAdd, Duration maxGracefulTermination, String clusterName, PodShape pod) {

    /** cluster-autoscaler's own default for --max-graceful-termination-sec. */
    public static final Duration DEFAULT_MAX_GRACEFUL_TERMINATION = Duration.ofSeconds(600);
    /**
     * --scale-down-utilization-threshold, upstream's default pinned: a node is a scale-down candidate only when the
     * requests of its pods (DaemonSets and balloons included) are at most this share of its allocatable CPU and memory.
     */
    public static final double SCALE_DOWN_UTILIZATION_THRESHOLD = 0.5;
    /** --unremovable-node-recheck-timeout, upstream's default pinned: a node an agent blocks is looked at again after. */
    public static final Duration UNREMOVABLE_NODE_RECHECK_TIMEOUT = Duration.ofMinutes(5);

    public static Autoscaler of(String clusterName, List<ScalingProfile> profiles) {
      var first = profiles.get(0);
      var c = first.cluster();
      Duration grace = profiles.stream().map(p -> p.kubernetes().gracePeriod())
          .reduce(DEFAULT_MAX_GRACEFUL_TERMINATION, (a, b) -> a.compareTo(b) >= 0 ? a : b);
      return new Autoscaler(autoscalerImage(first.aws().kubernetesVersion()), c.autoscalerScanInterval(),
          c.scaleDownUnneededTime(), c.scaleDownDelayAfterAdd(), grace, clusterName,
          new PodShape("Deployment " + AUTOSCALER_NAMESPACE + "/" + AUTOSCALER_NAME, systemPlacement(first), 100,
              600));
    }

    /** The command-line flags, each from the profile or this plan. */
    public List<String> args() {
      return List.of(
          "--cloud-provider=aws",
          "--node-group-auto-discovery=asg:tag=k8s.io/cluster-autoscaler/enabled,k8s.io/cluster-autoscaler/"
              + clusterName,
          "--balance-similar-node-groups",
          "--expander=least-waste",
          "--skip-nodes-with-local-storage=false",
          "--scan-interval=" + Durations.seconds(scanInterval),
          "--scale-down-unneeded-time=" + Durations.seconds(scaleDownUnneededTime),
          "--scale-down-delay-after-add=" + Durations.seconds(scaleDownDelayAfterAdd),
          "--max-graceful-termination-sec=" + maxGracefulTermination.toSeconds(),
          "--scale-down-utilization-threshold=" + SCALE_DOWN_UTILIZATION_THRESHOLD,
          "--unremovable-node-recheck-timeout=" + Durations.seconds(UNREMOVABLE_NODE_RECHECK_TIMEOUT),
          "--expendable-pods-priority-cutoff=" + EXPENDABLE_PODS_PRIORITY_CUTOFF,
          "--stderrthreshold=info",
          "--v=2");
    }
  }

  /**
   * The Prometheus agentscale installs when the cluster has none: one replica, short retention, pods discovered by
   * their scrape annotations.
   */
  public record Prometheus(String image, Duration scrapeInterval, String retention, PodShape pod) {}

  /** The prometheus-adapter: one rule per distinct metric the cluster's profiles scale on. */
  public record Adapter(String image, String prometheusUrl, Duration relistInterval, List<String> metrics,
      PodShape pod) {}

  /** Registry tags of cluster-autoscaler: its minor must equal the cluster's Kubernetes minor (its README). */
  static final Map<String, String> AUTOSCALER_TAGS = Map.of(
      "1.28", "v1.28.7", "1.29", "v1.29.5", "1.30", "v1.30.7", "1.31", "v1.31.5", "1.32", "v1.32.7",
      "1.33", "v1.33.6", "1.34", "v1.34.5", "1.35", "v1.35.2", "1.36", "v1.36.1");

  public static String autoscalerImage(String kubernetesVersion) {
    return "registry.k8s.io/autoscaling/cluster-autoscaler:" + AUTOSCALER_TAGS.get(kubernetesVersion);
  }

  public static final String PROMETHEUS_IMAGE = "quay.io/prometheus/prometheus:v3.13.2";
  public static final String PROMETHEUS_RETENTION = "2d";
  public static final String ADAPTER_IMAGE = "registry.k8s.io/prometheus-adapter/prometheus-adapter:v0.12.0";

  /** Profiles grouped into clusters, or the problems that keep them from sharing one. */
  public record Grouped(List<ClusterPlan> clusters, List<Problem> problems) {
    public boolean valid() {
      return problems.isEmpty();
    }
  }

  /**
   * Groups valid profiles by cluster name. A problem names the field and the profiles that disagree on it; two
   * profiles with one name, or one Deployment, in one cluster are problems too.
   */
  public static Grouped group(List<Agent> agents) {
    var byCluster = new LinkedHashMap<String, List<Agent>>();
    agents.stream()
        .sorted(java.util.Comparator.comparing(a -> a.profile().name()))
        .forEach(a -> byCluster.computeIfAbsent(a.profile().aws().clusterName(), k -> new ArrayList<>()).add(a));
    var problems = new ArrayList<Problem>();
    var names = new LinkedHashMap<String, String>();
    for (var a : agents) {
      String other = names.putIfAbsent(a.profile().name(), a.profile().name());
      if (other != null) {
        problems.add(new Problem("agent.name", "'" + other + "' names two profiles: each profile needs its own "
            + "agent.name, which names its stack, node group and output folder"));
      }
    }
    for (var a : agents) {
      if (byCluster.containsKey(a.profile().name().replaceFirst("^cluster-", ""))
          && a.profile().name().startsWith("cluster-")) {
        problems.add(new Problem("agent.name", "'" + a.profile().name() + "' is the name of the outputs of cluster "
            + a.profile().name().substring("cluster-".length()) + ": choose another agent.name"));
      }
    }
    var clusters = new ArrayList<ClusterPlan>();
    byCluster.forEach((name, members) -> {
      problems.addAll(disagreements(name, members));
      problems.addAll(sharedWorkloads(name, members));
      clusters.add(of(name, members));
    });
    return new Grouped(List.copyOf(clusters), List.copyOf(problems));
  }

  /** One cluster's plan from profiles that agree on every cluster-wide field (see {@link #group}). */
  static ClusterPlan of(String name, List<Agent> agents) {
    var profiles = agents.stream().map(Agent::profile).toList();
    var first = profiles.get(0);
    var c = first.cluster();
    boolean isNew = first.aws().clusterMode() == ClusterMode.NEW;
    int zones = profiles.stream().mapToInt(p -> p.aws().availabilityZones()).max().orElse(2);

    SystemPool system = null;
    if (isNew) {
      var type = InstanceCatalog.find(c.systemInstanceType());
      system = new SystemPool(c.systemInstanceType(), type.isPresent(), type.map(InstanceType::arm64).orElse(false),
          type.map(CapacityPlan.Allocatable::of).orElse(new CapacityPlan.Allocatable(0, 0, 0)),
          c.systemNodes(), 2 * c.systemNodes());
    }
    var autoscaler = c.autoscaler() ? Autoscaler.of(name, profiles) : null;
    var prometheus = c.prometheus()
        ? new Prometheus(PROMETHEUS_IMAGE, first.metrics().scrapeInterval(), PROMETHEUS_RETENTION,
            new PodShape("Deployment " + MONITORING_NAMESPACE + "/" + PROMETHEUS_NAME, systemPlacement(first), 200,
                1024))
        : null;
    var m = first.metrics();
    var adapter = m.installAdapter()
        ? new Adapter(ADAPTER_IMAGE, m.prometheusUrl(), m.adapterRelistInterval(),
            List.copyOf(new TreeSet<>(profiles.stream().map(p -> p.metrics().name()).toList())),
            new PodShape("Deployment " + ADAPTER_NAMESPACE + "/" + ADAPTER_NAME, systemPlacement(first), 100, 256))
        : null;
    return new ClusterPlan(name, first.aws().clusterMode(), first.aws().kubernetesVersion(), zones, system,
        autoscaler, prometheus, adapter, List.copyOf(agents));
  }

  /** New cluster: our system nodes. Existing cluster: any untainted node the user already runs. */
  static Placement systemPlacement(ScalingProfile p) {
    return p.aws().clusterMode() == ClusterMode.NEW ? Placement.system() : new Placement(Map.of(), List.of());
  }

  /**
   * NAT gateways of a new cluster's VPC, which the cluster stack creates and the cost estimate prices: one per zone
   * unless its profiles chose one for all. None on an EXISTING cluster: its network is the user's.
   */
  public int natGateways() {
    if (mode != ClusterMode.NEW) {
      return 0;
    }
    return agents.get(0).profile().aws().singleNatGateway() ? 1 : availabilityZones;
  }

  /**
   * The name of what is emitted once per cluster: its output folder and its cdk8s chart. Prefixed so it reads as a
   * cluster; {@link #group} refuses an agent of the same name.
   */
  public static String outputName(String clusterName) {
    return "cluster-" + clusterName;
  }

  /** The namespaces of the cluster's agents, created once here and shared by every profile that names them. */
  public List<String> agentNamespaces() {
    return List.copyOf(new TreeSet<>(agents.stream().map(a -> a.profile().kubernetes().namespace()).toList()));
  }

  public List<ScalingProfile> profiles() {
    return agents.stream().map(Agent::profile).toList();
  }

  /** The node groups of this cluster as the scheduler sees them; an EXISTING cluster's own nodes as one group. */
  public List<NodeGroupShape> nodeGroups() {
    var groups = new ArrayList<NodeGroupShape>();
    if (systemPool != null) {
      var room = systemPool.allocatable();
      groups.add(new NodeGroupShape(Placement.SYSTEM_LABEL_VALUE, systemPool.instanceType(),
          NodeGroupShape.withWellKnownLabels(Placement.system().nodeSelector(), systemPool.arm64()), List.of(),
          room.cpuMillis() - CapacityPlan.SYSTEM_CPU_MILLIS, room.memoryMiB() - CapacityPlan.SYSTEM_MEMORY_MIB,
          systemPool.minSize(), systemPool.maxSize()));
    } else {
      groups.add(new NodeGroupShape("existing nodes", "unknown",
          NodeGroupShape.withWellKnownLabels(Map.of(), false), List.of(), Integer.MAX_VALUE, Integer.MAX_VALUE, 1, 1));
    }
    for (var a : agents) {
      var nodes = AgentNodes.of(a.profile());
      var node = a.plan().node();
      groups.add(new NodeGroupShape(a.profile().name(), node.instanceType(),
          NodeGroupShape.withWellKnownLabels(Map.of(nodes.labelKey(), nodes.labelValue()), node.arm64()),
          List.of(new Placement.Taint(nodes.taintKey(), nodes.taintValue(), "NoSchedule")),
          node.allocatableCpuMillis() - CapacityPlan.SYSTEM_CPU_MILLIS,
          node.allocatableMemoryMiB() - CapacityPlan.SYSTEM_MEMORY_MIB,
          a.plan().nodeGroup().minSize(), a.plan().nodeGroup().maxSize()));
    }
    return List.copyOf(groups);
  }

  /** Every pod template the cluster's outputs hold, plus CoreDNS, which EKS installs and everything relies on. */
  public List<PodShape> pods() {
    var pods = new ArrayList<PodShape>();
    pods.add(new PodShape("Deployment kube-system/coredns (EKS add-on)", Placement.coreDns(), 100, 70));
    if (autoscaler != null) {
      pods.add(autoscaler.pod());
    }
    if (prometheus != null) {
      pods.add(prometheus.pod());
    }
    if (adapter != null) {
      pods.add(adapter.pod());
    }
    for (var a : agents) {
      pods.add(agentPod(a));
      if (a.plan().buffer().balloonPods() > 0) {
        pods.add(balloonPod(a));
      }
    }
    return List.copyOf(pods);
  }

  /** The agent worker pod of one profile. */
  public static PodShape agentPod(Agent a) {
    var k = a.profile().kubernetes();
    return new PodShape("Deployment " + k.namespace() + "/" + k.deployment(),
        Placement.agents(AgentNodes.of(a.profile())), a.plan().worker().cpuMillis(), a.plan().worker().memoryMiB());
  }

  /** The balloon pod of one profile: exactly one worker's size, on the same pool. */
  public static PodShape balloonPod(Agent a) {
    var k = a.profile().kubernetes();
    return new PodShape("Deployment " + k.namespace() + "/" + balloonName(a.profile()),
        Placement.agents(AgentNodes.of(a.profile())), a.plan().worker().cpuMillis(), a.plan().worker().memoryMiB());
  }

  public static String balloonName(ScalingProfile p) {
    return p.kubernetes().deployment() + "-balloon";
  }

  /** The cluster's findings: every pod we emit must fit some node group; notes on what an EXISTING cluster needs. */
  public List<Finding> findings() {
    var found = new ArrayList<Finding>(Schedulability.check(nodeGroups(), pods()));
    if (systemPool != null && !systemPool.known()) {
      found.add(new Finding("system-instance-type-unknown", Finding.Severity.ERROR,
          "cluster.system_instance_type '" + systemPool.instanceType() + "' is not in the catalog: choose one of "
              + "m6i/m7i/m7g/c6i/c7i/r6i large to 4xlarge", "the system nodes' room decides where system pods fit"));
    }
    if (mode == ClusterMode.NEW && agents.get(0).profile().cluster().adminPrincipalArn() == null) {
      found.add(new Finding("no-admin-principal", Finding.Severity.WARNING,
          "cluster " + name + " names no cluster.admin_principal_arn: deploy with -c admin-principal-arn=ARN "
              + "(your IAM role) or only CloudFormation's execution role can run kubectl on it",
          "EKS access entries decide who administers a cluster; without one the manifests cannot be applied"));
    }
    if (mode == ClusterMode.NEW && agents.get(0).profile().aws().publicEndpointCidrs() == null) {
      found.add(new Finding("private-api-endpoint", Finding.Severity.INFO,
          "cluster " + name + "'s API endpoint is private to its VPC: run kubectl from inside it (a VPN or bastion, "
              + "with a 443 rule on the cluster security group) or set aws.public_endpoint_cidrs to your address",
          "a public endpoint open to everyone is a needless attack surface; IAM still authenticates either way"));
    }
    if (autoscaler != null && mode == ClusterMode.EXISTING) {
      found.add(new Finding("autoscaler-needs-aws-role", Finding.Severity.WARNING,
          "cluster.autoscaler on the EXISTING cluster " + name + ": agentscale creates nothing cluster-wide in AWS, "
              + "so give ServiceAccount kube-system/cluster-autoscaler a role (README: the autoscaler's IAM policy)",
          "without AWS credentials the autoscaler cannot resize node groups and the buffer never refills"));
    }
    if (adapter != null && mode == ClusterMode.EXISTING) {
      found.add(new Finding("adapter-on-existing-cluster", Finding.Severity.WARNING,
          "metrics.install_adapter on the EXISTING cluster " + name + " registers APIService "
              + ADAPTER_API_SERVICE + ", which takes it over from any adapter already serving it: run kubectl get "
              + "apiservice " + ADAPTER_API_SERVICE + ", and if it exists set metrics.install_adapter: false and add "
              + "a rule for " + String.join(", ", adapter.metrics()) + " to that adapter",
          "one APIService serves custom.metrics.k8s.io per cluster; replacing it cuts off every HPA that reads a "
              + "metric only the old adapter knows"));
    }
    found.addAll(adapterConflicts());
    if (autoscaler == null) {
      found.add(new Finding("no-node-autoscaler", Finding.Severity.WARNING,
          "cluster.autoscaler is off: run a cluster autoscaler with --max-graceful-termination-sec >= "
              + maxGrace().toSeconds() + " and --expendable-pods-priority-cutoff below " + BALLOON_PRIORITY
              + ", or node groups stay at their minimum and preempted balloons are never replaced",
          "balloons only buffer while something adds a node for each one preempted"));
    }
    return List.copyOf(found);
  }

  /**
   * One adapter serves the whole cluster, so its profiles must agree on installing it and, where they install it, on
   * where it queries Prometheus and how often it relists. Unused, those two may differ.
   */
  private List<Finding> adapterConflicts() {
    var found = new ArrayList<Finding>();
    var first = agents.get(0).profile();
    var m = first.metrics();
    for (var other : profiles().subList(1, agents.size())) {
      var o = other.metrics();
      if (o.installAdapter() != m.installAdapter()) {
        found.add(adapterConflict(first, other, "metrics.install_adapter", m.installAdapter(), o.installAdapter()));
      } else if (m.installAdapter() && !o.prometheusUrl().equals(m.prometheusUrl())) {
        found.add(adapterConflict(first, other, "metrics.prometheus_url", "'" + m.prometheusUrl() + "'",
            "'" + o.prometheusUrl() + "'"));
      } else if (m.installAdapter() && !o.adapterRelistInterval().equals(m.adapterRelistInterval())) {
        found.add(adapterConflict(first, other, "metrics.adapter_relist_interval",
            Durations.seconds(m.adapterRelistInterval()), Durations.seconds(o.adapterRelistInterval())));
      }
    }
    return found;
  }

  private Finding adapterConflict(ScalingProfile a, ScalingProfile b, String field, Object valueA, Object valueB) {
    return new Finding("adapter-settings-conflict", Finding.Severity.ERROR,
        "profiles " + a.name() + " (" + field + " " + valueA + ") and " + b.name() + " (" + valueB + ") share "
            + "the one adapter of cluster " + name + ": set the same " + field + " in both",
        "the cluster's one APIService for custom.metrics.k8s.io is one adapter with one configuration; the "
            + "profile first by name would silently decide for the other");
  }

  private Duration maxGrace() {
    return Autoscaler.of(name, profiles()).maxGracefulTermination();
  }

  private static List<Problem> disagreements(String cluster, List<Agent> members) {
    var problems = new ArrayList<Problem>();
    var first = members.get(0).profile();
    for (ProfileSchema.Field field : ProfileSchema.FIELDS) {
      boolean wide = CLUSTER_WIDE.contains(field.path()) || field.path().startsWith("cluster.")
          || (field.path().equals("metrics.scrape_interval") && first.cluster().prometheus());
      if (!wide) {
        continue;
      }
      Object expected = field.get().apply(first);
      for (var a : members.subList(1, members.size())) {
        Object value = field.get().apply(a.profile());
        if (!Objects.equals(expected, value)) {
          problems.add(new Problem(field.path(), "profiles " + first.name() + " (" + text(expected) + ") and "
              + a.profile().name() + " (" + text(value) + ") share cluster " + cluster + " but differ: set the same "
              + "value in both, or give one another aws.cluster_name"));
        }
      }
    }
    return problems;
  }

  /** Two profiles of one cluster must not write the same Deployment, HPA, PDB or balloons. */
  private static List<Problem> sharedWorkloads(String cluster, List<Agent> members) {
    var problems = new ArrayList<Problem>();
    var seen = new LinkedHashMap<String, String>();
    for (var a : members) {
      var k = a.profile().kubernetes();
      String other = seen.putIfAbsent(k.namespace() + "/" + k.deployment(), a.profile().name());
      if (other != null) {
        problems.add(new Problem("kubernetes.deployment", "profiles " + other + " and " + a.profile().name()
            + " both name Deployment " + k.namespace() + "/" + k.deployment() + " in cluster " + cluster
            + ": give one another kubernetes.deployment or kubernetes.namespace (the default is agent.name)"));
      }
    }
    return problems;
  }

  private static String text(Object v) {
    return v instanceof Duration d ? Durations.seconds(d) : String.valueOf(v);
  }
}
