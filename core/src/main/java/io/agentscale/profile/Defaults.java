package io.agentscale.profile;

import java.time.Duration;

/**
 * Every default, named once. The builder fills them in one place; {@link ProfileSchema} documents why each
 * was chosen. Numbers follow the LiveKit tutorial this product implements unless a comment says otherwise.
 */
public final class Defaults {
  private Defaults() {}

  /** Used by {@link ScalingProfile#ofDefaults}; a profile file must state the scaling block itself. */
  public static final int MIN_WORKERS = 1;
  public static final int MAX_WORKERS = 10;
  public static final int SESSIONS_PER_WORKER = 5;
  public static final double SCALE_UP_THRESHOLD = 0.8;
  public static final double SCALE_DOWN_THRESHOLD = 0.3;
  public static final Duration SCALE_DOWN_DELAY = Duration.ofSeconds(300);
  public static final Duration WARMUP_TIME = Duration.ofSeconds(30);

  public static final String NAMESPACE = "livekit";
  /** A placeholder: a real profile names its own agent image. */
  public static final String IMAGE = "registry.example.com/voice-agent:1.0.0";
  public static final String CREDENTIALS_SECRET = "livekit-credentials";
  public static final Duration GRACE_PERIOD = Duration.ofSeconds(600);
  /** How long before the grace period ends the worker's own drain must give up, so shutdown hooks still run. */
  public static final Duration DRAIN_MARGIN = Duration.ofSeconds(30);
  public static final int HEALTH_PORT = 8081;
  public static final boolean POD_MONITOR = false;

  public static final Duration SCALE_UP_STABILIZATION = Duration.ofSeconds(30);
  public static final int SCALE_UP_PODS = 4;
  public static final Duration SCALE_UP_PERIOD = Duration.ofSeconds(60);
  public static final int SCALE_DOWN_PODS = 2;
  public static final Duration SCALE_DOWN_PERIOD = Duration.ofSeconds(120);
  public static final boolean CONFIGURABLE_TOLERANCE = false;

  public static final String METRIC_NAME = "agent_active_sessions";
  public static final int METRICS_PORT = 9090;
  public static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(30);
  /** The community Helm chart's server (release prometheus, namespace monitoring), for clusters that bring one. */
  public static final String PROMETHEUS_URL = "http://prometheus-server.monitoring.svc:80";
  /** The Prometheus agentscale installs in a cluster with {@code cluster.prometheus}. */
  public static final String IN_CLUSTER_PROMETHEUS_URL = "http://prometheus.monitoring.svc:9090";
  public static final boolean INSTALL_ADAPTER = true;
  public static final Duration ADAPTER_RELIST_INTERVAL = Duration.ofSeconds(60);

  public static final int BASE_MEMORY_MIB = 500;
  public static final int BASE_CPU_MILLIS = 250;
  public static final int MEMORY_PER_SESSION_MIB = 100;
  public static final int CPU_PER_SESSION_MILLIS = 50;
  public static final double BUFFER_FRACTION = 0.2;
  public static final Duration NODE_PROVISIONING_MIN = Duration.ofMinutes(2);
  public static final Duration NODE_PROVISIONING_MAX = Duration.ofMinutes(4);

  public static final String INSTANCE_TYPE = "m6i.xlarge";
  public static final int AVAILABILITY_ZONES = 2;
  public static final CapacityType CAPACITY_TYPE = CapacityType.ON_DEMAND;
  public static final ClusterMode CLUSTER_MODE = ClusterMode.NEW;
  /** Inside EKS standard support on 2026-12-01 (until 2027-03-27); see plan.EksVersions. */
  public static final String KUBERNETES_VERSION = "1.35";
  /** One NAT gateway per zone: a zone outage must not cut the other zones' egress to LiveKit and the LLMs. */
  public static final boolean SINGLE_NAT_GATEWAY = false;
  /** Control-plane and flow logs: long enough for an incident review, not kept forever. */
  public static final int LOG_RETENTION_DAYS = 90;
  /** The agent image's unpacked size on a node; sizes the root volume. */
  public static final int IMAGE_SIZE_GIB = 5;
  /**
   * How long a node takes to pull the agent image it lacks: a voice-agent image with its models is often 1-3 GB, which
   * ECR serves in about a minute (AWS: "it can take several minutes to start a container" past a few hundred MB).
   */
  public static final Duration IMAGE_PULL_TIME = Duration.ofSeconds(60);
  /** Balloons pull the agent image, so the nodes the buffer promises can start an agent at once. */
  public static final boolean PREPULL_IMAGE = true;
  /** What the pre-pull init container runs in the agent image: any image with coreutils or busybox has it. */
  public static final String PREPULL_COMMAND = "true";
  /** The image's architectures are unknown unless the profile lists them; nothing is checked against the nodes. */
  public static final java.util.List<Architecture> IMAGE_ARCHITECTURES = java.util.List.of();
  /** A ServiceAccount the profile names is emitted with the manifests, like the namespace. */
  public static final boolean CREATE_SERVICE_ACCOUNT = true;
  /** A new cluster's name when the profile names none: profiles that leave it out share one cluster. */
  public static final String CLUSTER_NAME = "voice-agents";

  /** Two vCPUs and 8 GiB: CoreDNS, the adapter, Prometheus and the autoscaler with room to spare. */
  public static final String SYSTEM_INSTANCE_TYPE = "m6i.large";
  /** One per zone of a two-zone cluster: DNS and the metrics API survive a node or zone loss. */
  public static final int SYSTEM_NODES = 2;
  /** cluster-autoscaler defaults (its FAQ), pinned so the simulator and the Deployment cannot drift. */
  public static final Duration AUTOSCALER_SCAN_INTERVAL = Duration.ofSeconds(10);
  public static final Duration SCALE_DOWN_UNNEEDED_TIME = Duration.ofMinutes(10);
  public static final Duration SCALE_DOWN_DELAY_AFTER_ADD = Duration.ofMinutes(10);

  /** Mean call length when the profile states none: a booking or an order takes a few minutes (the simulator's too). */
  public static final Duration MEAN_CALL_LENGTH = Duration.ofMinutes(3);

  // Defaults that follow another field. ProfileSchema declares each as the field's derivation and the builder fills
  // them in with these, so the documented default and the filled one are the same function.

  /** The worker's drain timeout for a grace period: {@link #DRAIN_MARGIN} before it ends, never negative. */
  public static Duration drainTimeout(Duration gracePeriod) {
    Duration drain = gracePeriod.minus(DRAIN_MARGIN);
    return drain.isNegative() ? Duration.ZERO : drain;
  }

  /** Where the adapter finds Prometheus: the one agentscale installs, else the community chart's. */
  public static String prometheusUrl(boolean inClusterPrometheus) {
    return inClusterPrometheus ? IN_CLUSTER_PROMETHEUS_URL : PROMETHEUS_URL;
  }

  /** A new cluster is named {@link #CLUSTER_NAME}; an existing one has no default (null), the profile names it. */
  public static String clusterName(ClusterMode mode) {
    return mode == ClusterMode.NEW ? CLUSTER_NAME : null;
  }

  /**
   * Whether agentscale installs a cluster-wide component (the cluster autoscaler, Prometheus): yes in a cluster it
   * creates; an existing cluster usually runs its own.
   */
  public static boolean clusterComponent(ClusterMode mode) {
    return mode == ClusterMode.NEW;
  }
}
