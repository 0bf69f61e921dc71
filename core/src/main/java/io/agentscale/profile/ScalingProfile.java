package io.agentscale.profile;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the generator needs. One instance drives the LiveKit Cloud YAML, the Kubernetes manifests, the AWS
 * node pool, the capacity plan and the simulator, so they cannot disagree. Field meanings, units, ranges and
 * defaults are documented once, in {@link ProfileSchema}.
 */
public record ScalingProfile(
    String name, Scaling scaling, Kubernetes kubernetes, Metrics metrics, Capacity capacity, Aws aws,
    Cluster cluster, Traffic traffic, List<Suppression> suppressions) {

  /**
   * A finding the team has weighed and accepts, the cdk-nag way: the rule's id and why. Warnings and infos can be
   * suppressed; errors cannot.
   */
  public record Suppression(String rule, String reason) {}

  /** The {@code agent.scaling} block of the LiveKit tutorial, verbatim. */
  public record Scaling(
      int minWorkers,
      int maxWorkers,
      int sessionsPerWorker,
      double scaleUpThreshold,
      double scaleDownThreshold,
      Duration scaleDownDelay,
      Duration warmupTime) {

    /** The HPA's target: sessions per worker at which the next worker is added (5 × 0.8 = 4). */
    public double targetSessionsPerWorker() {
      return sessionsPerWorker * scaleUpThreshold;
    }
  }

  /** The agent Deployment and its autoscaler. */
  public record Kubernetes(
      String namespace,
      String deployment,
      String image,
      String credentialsSecret,
      Duration gracePeriod,
      Duration drainTimeout,
      int healthPort,
      boolean podMonitor,
      Hpa hpa,
      boolean prepullImage,
      String prepullCommand,
      List<Architecture> imageArchitectures,
      Workload workload) {

    public Kubernetes {
      imageArchitectures = List.copyOf(imageArchitectures);
    }
  }

  /**
   * What the agent container needs beyond scaling: its settings, references to the Secrets and ConfigMaps holding
   * provider keys (never their values), its command, extra volumes, disk and ServiceAccount.
   *
   * @param env plain, non-secret variables in the order written
   * @param command replaces the image's ENTRYPOINT; empty keeps it
   * @param args replaces the image's CMD; empty keeps it
   */
  public record Workload(
      Map<String, String> env,
      List<EnvSource> envFrom,
      List<String> command,
      List<String> args,
      List<Volume> volumes,
      ServiceAccount serviceAccount,
      EphemeralStorage ephemeralStorage) {

    public Workload {
      env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
      envFrom = List.copyOf(envFrom);
      command = List.copyOf(command);
      args = List.copyOf(args);
      volumes = List.copyOf(volumes);
    }
  }

  /**
   * A variable (or a whole object's keys) taken from a Secret or ConfigMap the user creates; agentscale only refers to
   * it. With {@code name}, one variable from one key ({@code key} defaults to the name); without, every key of the
   * object becomes a variable, with {@code prefix} in front. Exactly one of {@code secret} and {@code configMap}.
   * A field the file wrote with the wrong type is null here; the loader has reported it.
   */
  public record EnvSource(String name, String secret, String configMap, String key, String prefix) {
    /** The key read from the object: the one written, else the variable's name. */
    public String keyOrName() {
      return key != null ? key : name;
    }
  }

  /**
   * An extra volume mounted into the agent container. Exactly one source: {@code emptyDir} (its size limit, a
   * writable scratch space on the node's disk), {@code configMap} or {@code secret} (mounted read-only).
   */
  public record Volume(String name, String mountPath, String emptyDir, String configMap, String secret) {}

  /**
   * @param name null runs the pod as its namespace's {@code default} ServiceAccount
   * @param create true emits the ServiceAccount; false uses one that exists
   */
  public record ServiceAccount(String name, boolean create) {}

  /** The container's ephemeral-storage request and limit, as Kubernetes quantities; null leaves either unset. */
  public record EphemeralStorage(String request, String limit) {}

  /** The HPA's {@code behavior}, written in full for both directions. */
  public record Hpa(
      Duration scaleUpStabilization,
      int scaleUpPods,
      Duration scaleUpPeriod,
      Duration scaleDownStabilization,
      int scaleDownPods,
      Duration scaleDownPeriod,
      boolean configurableTolerance) {}

  /** The gauge the HPA scales on and the pipeline that carries it. */
  public record Metrics(
      String name,
      int port,
      Duration scrapeInterval,
      String prometheusUrl,
      boolean installAdapter,
      Duration adapterRelistInterval) {}

  /** What one worker costs and how much idle room the cluster keeps. */
  public record Capacity(
      int baseMemoryMiB,
      int baseCpuMillis,
      int memoryPerSessionMiB,
      int cpuPerSessionMillis,
      double bufferFraction,
      Duration nodeProvisioningMin,
      Duration nodeProvisioningMax,
      int imageSizeGiB,
      Duration imagePullTime) {}

  /** The EKS side. */
  public record Aws(
      String instanceType,
      Integer instanceVcpus,
      Integer instanceMemoryGiB,
      int availabilityZones,
      CapacityType capacityType,
      ClusterMode clusterMode,
      String clusterName,
      String kubernetesVersion,
      boolean singleNatGateway,
      String publicEndpointCidrs,
      int logRetentionDays,
      List<String> agentRolePolicyArns) {

    public Aws {
      agentRolePolicyArns = List.copyOf(agentRolePolicyArns);
    }
  }

  /**
   * The cluster the agents run in. Every profile naming the same {@code aws.cluster_name} shares one cluster, so
   * they must agree on these values (the cluster plan reports any difference).
   */
  /**
   * The traffic the profile is sized for: {@code plan} checks max_workers against its peak, {@code simulate} and
   * {@code tune} replay calls of its length.
   *
   * @param peakConcurrentCalls the busiest hour's concurrent calls (erlangs); null when not stated
   * @param peakCallsPerMinute the busiest hour's arrivals, the other way to state the peak; null when not stated
   */
  public record Traffic(Duration meanCallLength, Integer peakConcurrentCalls, Double peakCallsPerMinute) {
    /** Concurrent calls at the peak, from whichever form the profile states; empty when it states none. */
    public java.util.OptionalDouble peakErlangs() {
      if (peakConcurrentCalls != null) {
        return java.util.OptionalDouble.of(peakConcurrentCalls);
      }
      return peakCallsPerMinute == null ? java.util.OptionalDouble.empty()
          : java.util.OptionalDouble.of(peakCallsPerMinute * meanCallLength.toMillis() / 60_000.0);
    }
  }

  public record Cluster(
      String systemInstanceType,
      int systemNodes,
      String adminPrincipalArn,
      boolean autoscaler,
      Duration autoscalerScanInterval,
      Duration scaleDownUnneededTime,
      Duration scaleDownDelayAfterAdd,
      boolean prometheus,
      AddonVersions addonVersions) {}

  /** Pinned EKS managed add-on versions; null leaves EKS's default for the cluster's Kubernetes version. */
  public record AddonVersions(String vpcCni, String coredns, String kubeProxy, String podIdentityAgent) {}

  /** A valid profile with every default and the given agent name. */
  public static ScalingProfile ofDefaults(String name) {
    return builder().name(name).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this profile's values: per-environment tweaks become visible diffs. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * The one builder. Unset fields take their defaults in {@link #fill()}; {@link #build()} validates and throws
   * {@link InvalidProfileException} with every problem at once.
   */
  public static final class Builder {
    String name;
    int minWorkers = Defaults.MIN_WORKERS;
    int maxWorkers = Defaults.MAX_WORKERS;
    int sessionsPerWorker = Defaults.SESSIONS_PER_WORKER;
    double scaleUpThreshold = Defaults.SCALE_UP_THRESHOLD;
    double scaleDownThreshold = Defaults.SCALE_DOWN_THRESHOLD;
    Duration scaleDownDelay = Defaults.SCALE_DOWN_DELAY;
    Duration warmupTime = Defaults.WARMUP_TIME;

    String namespace = Defaults.NAMESPACE;
    String deployment; // derived: agent.name
    String image = Defaults.IMAGE;
    String credentialsSecret = Defaults.CREDENTIALS_SECRET;
    Duration gracePeriod = Defaults.GRACE_PERIOD;
    Duration drainTimeout; // derived: grace period minus the drain margin
    int healthPort = Defaults.HEALTH_PORT;
    boolean podMonitor = Defaults.POD_MONITOR;

    Duration scaleUpStabilization = Defaults.SCALE_UP_STABILIZATION;
    int scaleUpPods = Defaults.SCALE_UP_PODS;
    Duration scaleUpPeriod = Defaults.SCALE_UP_PERIOD;
    Duration scaleDownStabilization; // derived: agent.scaling.scale_down_delay
    int scaleDownPods = Defaults.SCALE_DOWN_PODS;
    Duration scaleDownPeriod = Defaults.SCALE_DOWN_PERIOD;
    boolean configurableTolerance = Defaults.CONFIGURABLE_TOLERANCE;

    String metricName = Defaults.METRIC_NAME;
    int metricsPort = Defaults.METRICS_PORT;
    Duration scrapeInterval = Defaults.SCRAPE_INTERVAL;
    String prometheusUrl; // derived: the in-cluster Prometheus when cluster.prometheus, else the Helm chart's
    boolean installAdapter = Defaults.INSTALL_ADAPTER;
    Duration adapterRelistInterval = Defaults.ADAPTER_RELIST_INTERVAL;

    int baseMemoryMiB = Defaults.BASE_MEMORY_MIB;
    int baseCpuMillis = Defaults.BASE_CPU_MILLIS;
    int memoryPerSessionMiB = Defaults.MEMORY_PER_SESSION_MIB;
    int cpuPerSessionMillis = Defaults.CPU_PER_SESSION_MILLIS;
    double bufferFraction = Defaults.BUFFER_FRACTION;
    Duration nodeProvisioningMin = Defaults.NODE_PROVISIONING_MIN;
    Duration nodeProvisioningMax = Defaults.NODE_PROVISIONING_MAX;
    List<Suppression> suppressions = List.of();

    String instanceType = Defaults.INSTANCE_TYPE;
    Integer instanceVcpus;
    Integer instanceMemoryGiB;
    int availabilityZones = Defaults.AVAILABILITY_ZONES;
    CapacityType capacityType = Defaults.CAPACITY_TYPE;
    ClusterMode clusterMode = Defaults.CLUSTER_MODE;
    String clusterName; // derived: Defaults.CLUSTER_NAME for a new cluster
    String kubernetesVersion = Defaults.KUBERNETES_VERSION;
    boolean singleNatGateway = Defaults.SINGLE_NAT_GATEWAY;
    String publicEndpointCidrs;
    int logRetentionDays = Defaults.LOG_RETENTION_DAYS;
    int imageSizeGiB = Defaults.IMAGE_SIZE_GIB;
    Duration imagePullTime = Defaults.IMAGE_PULL_TIME;
    boolean prepullImage = Defaults.PREPULL_IMAGE;
    String prepullCommand = Defaults.PREPULL_COMMAND;
    List<Architecture> imageArchitectures = Defaults.IMAGE_ARCHITECTURES;
    Map<String, String> env = Map.of();
    List<EnvSource> envFrom = List.of();
    List<String> command = List.of();
    List<String> args = List.of();
    List<Volume> volumes = List.of();
    String serviceAccountName;
    boolean createServiceAccount = Defaults.CREATE_SERVICE_ACCOUNT;
    String ephemeralStorageRequest;
    String ephemeralStorageLimit;
    List<String> agentRolePolicyArns = List.of();

    String systemInstanceType = Defaults.SYSTEM_INSTANCE_TYPE;
    int systemNodes = Defaults.SYSTEM_NODES;
    String adminPrincipalArn;
    Boolean autoscaler; // derived: on for a new cluster
    Duration autoscalerScanInterval = Defaults.AUTOSCALER_SCAN_INTERVAL;
    Duration scaleDownUnneededTime = Defaults.SCALE_DOWN_UNNEEDED_TIME;
    Duration scaleDownDelayAfterAdd = Defaults.SCALE_DOWN_DELAY_AFTER_ADD;
    Boolean prometheus; // derived: on for a new cluster
    String vpcCniVersion;
    String corednsVersion;
    String kubeProxyVersion;
    String podIdentityAgentVersion;
    Duration meanCallLength = Defaults.MEAN_CALL_LENGTH;
    Integer peakConcurrentCalls;
    Double peakCallsPerMinute;

    Builder() {}

    /**
     * A builder holding {@code p}'s values. A derived field whose value is the one its source gives stays unset, so
     * it keeps following its source: a later {@code gracePeriod(...)} moves the drain timeout too.
     */
    Builder(ScalingProfile p) {
      for (ProfileSchema.Field f : ProfileSchema.FIELDS) {
        if (!f.followsSource(p)) {
          f.set().accept(this, f.get().apply(p));
        }
      }
    }

    public Builder name(String v) { name = v; return this; }
    public Builder minWorkers(int v) { minWorkers = v; return this; }
    public Builder maxWorkers(int v) { maxWorkers = v; return this; }
    public Builder sessionsPerWorker(int v) { sessionsPerWorker = v; return this; }
    public Builder scaleUpThreshold(double v) { scaleUpThreshold = v; return this; }
    public Builder scaleDownThreshold(double v) { scaleDownThreshold = v; return this; }
    public Builder scaleDownDelay(Duration v) { scaleDownDelay = v; return this; }
    public Builder warmupTime(Duration v) { warmupTime = v; return this; }
    public Builder namespace(String v) { namespace = v; return this; }
    public Builder deployment(String v) { deployment = v; return this; }
    public Builder image(String v) { image = v; return this; }
    public Builder credentialsSecret(String v) { credentialsSecret = v; return this; }
    public Builder gracePeriod(Duration v) { gracePeriod = v; return this; }
    public Builder drainTimeout(Duration v) { drainTimeout = v; return this; }
    public Builder healthPort(int v) { healthPort = v; return this; }
    public Builder podMonitor(boolean v) { podMonitor = v; return this; }
    public Builder scaleUpStabilization(Duration v) { scaleUpStabilization = v; return this; }
    public Builder scaleUpPods(int v) { scaleUpPods = v; return this; }
    public Builder scaleUpPeriod(Duration v) { scaleUpPeriod = v; return this; }
    public Builder scaleDownStabilization(Duration v) { scaleDownStabilization = v; return this; }
    public Builder scaleDownPods(int v) { scaleDownPods = v; return this; }
    public Builder scaleDownPeriod(Duration v) { scaleDownPeriod = v; return this; }
    public Builder configurableTolerance(boolean v) { configurableTolerance = v; return this; }
    public Builder metricName(String v) { metricName = v; return this; }
    public Builder metricsPort(int v) { metricsPort = v; return this; }
    public Builder scrapeInterval(Duration v) { scrapeInterval = v; return this; }
    public Builder prometheusUrl(String v) { prometheusUrl = v; return this; }
    public Builder installAdapter(boolean v) { installAdapter = v; return this; }
    public Builder adapterRelistInterval(Duration v) { adapterRelistInterval = v; return this; }
    public Builder baseMemoryMiB(int v) { baseMemoryMiB = v; return this; }
    public Builder baseCpuMillis(int v) { baseCpuMillis = v; return this; }
    public Builder memoryPerSessionMiB(int v) { memoryPerSessionMiB = v; return this; }
    public Builder cpuPerSessionMillis(int v) { cpuPerSessionMillis = v; return this; }
    public Builder bufferFraction(double v) { bufferFraction = v; return this; }
    public Builder nodeProvisioningMin(Duration v) { nodeProvisioningMin = v; return this; }
    public Builder nodeProvisioningMax(Duration v) { nodeProvisioningMax = v; return this; }
    public Builder suppressions(List<Suppression> v) { suppressions = v; return this; }
    public Builder instanceType(String v) { instanceType = v; return this; }
    public Builder instanceVcpus(Integer v) { instanceVcpus = v; return this; }
    public Builder instanceMemoryGiB(Integer v) { instanceMemoryGiB = v; return this; }
    public Builder availabilityZones(int v) { availabilityZones = v; return this; }
    public Builder capacityType(CapacityType v) { capacityType = v; return this; }
    public Builder clusterMode(ClusterMode v) { clusterMode = v; return this; }
    public Builder clusterName(String v) { clusterName = v; return this; }
    public Builder kubernetesVersion(String v) { kubernetesVersion = v; return this; }
    public Builder singleNatGateway(boolean v) { singleNatGateway = v; return this; }
    public Builder publicEndpointCidrs(String v) { publicEndpointCidrs = v; return this; }
    public Builder logRetentionDays(int v) { logRetentionDays = v; return this; }
    public Builder imageSizeGiB(int v) { imageSizeGiB = v; return this; }
    public Builder imagePullTime(Duration v) { imagePullTime = v; return this; }
    public Builder prepullImage(boolean v) { prepullImage = v; return this; }
    public Builder prepullCommand(String v) { prepullCommand = v; return this; }
    public Builder imageArchitectures(List<Architecture> v) { imageArchitectures = v; return this; }
    public Builder env(Map<String, String> v) { env = v; return this; }
    public Builder envFrom(List<EnvSource> v) { envFrom = v; return this; }
    public Builder command(List<String> v) { command = v; return this; }
    public Builder args(List<String> v) { args = v; return this; }
    public Builder volumes(List<Volume> v) { volumes = v; return this; }
    public Builder serviceAccountName(String v) { serviceAccountName = v; return this; }
    public Builder createServiceAccount(boolean v) { createServiceAccount = v; return this; }
    public Builder ephemeralStorageRequest(String v) { ephemeralStorageRequest = v; return this; }
    public Builder ephemeralStorageLimit(String v) { ephemeralStorageLimit = v; return this; }
    public Builder agentRolePolicyArns(List<String> v) { agentRolePolicyArns = v; return this; }
    public Builder systemInstanceType(String v) { systemInstanceType = v; return this; }
    public Builder systemNodes(int v) { systemNodes = v; return this; }
    public Builder adminPrincipalArn(String v) { adminPrincipalArn = v; return this; }
    public Builder autoscaler(boolean v) { autoscaler = v; return this; }
    public Builder autoscalerScanInterval(Duration v) { autoscalerScanInterval = v; return this; }
    public Builder scaleDownUnneededTime(Duration v) { scaleDownUnneededTime = v; return this; }
    public Builder scaleDownDelayAfterAdd(Duration v) { scaleDownDelayAfterAdd = v; return this; }
    public Builder prometheus(boolean v) { prometheus = v; return this; }
    public Builder vpcCniVersion(String v) { vpcCniVersion = v; return this; }
    public Builder corednsVersion(String v) { corednsVersion = v; return this; }
    public Builder kubeProxyVersion(String v) { kubeProxyVersion = v; return this; }
    public Builder podIdentityAgentVersion(String v) { podIdentityAgentVersion = v; return this; }
    public Builder meanCallLength(Duration v) { meanCallLength = v; return this; }
    public Builder peakConcurrentCalls(Integer v) { peakConcurrentCalls = v; return this; }
    public Builder peakCallsPerMinute(Double v) { peakCallsPerMinute = v; return this; }

    /** Validates and builds; throws with every problem at once. */
    public ScalingProfile build() {
      ScalingProfile p = fill();
      List<Problem> problems = ProfileValidator.check(p);
      if (!problems.isEmpty()) {
        throw new InvalidProfileException(problems);
      }
      return p;
    }

    /** Builds without validating, filling derived defaults: the one place defaults that depend on others are set. */
    ScalingProfile fill() {
      Duration drain = drainTimeout != null ? drainTimeout : Defaults.drainTimeout(gracePeriod);
      Duration downWindow = scaleDownStabilization != null ? scaleDownStabilization : scaleDownDelay;
      boolean inClusterPrometheus = prometheus != null ? prometheus : Defaults.clusterComponent(clusterMode);
      String url = prometheusUrl != null ? prometheusUrl : Defaults.prometheusUrl(inClusterPrometheus);
      return new ScalingProfile(
          name,
          new Scaling(minWorkers, maxWorkers, sessionsPerWorker, scaleUpThreshold, scaleDownThreshold,
              scaleDownDelay, warmupTime),
          new Kubernetes(namespace, deployment != null ? deployment : name, image, credentialsSecret, gracePeriod,
              drain, healthPort, podMonitor,
              new Hpa(scaleUpStabilization, scaleUpPods, scaleUpPeriod, downWindow, scaleDownPods, scaleDownPeriod,
                  configurableTolerance), prepullImage, prepullCommand, imageArchitectures,
              new Workload(env, envFrom, command, args, volumes,
                  new ServiceAccount(serviceAccountName, createServiceAccount),
                  new EphemeralStorage(ephemeralStorageRequest, ephemeralStorageLimit))),
          new Metrics(metricName, metricsPort, scrapeInterval, url, installAdapter, adapterRelistInterval),
          new Capacity(baseMemoryMiB, baseCpuMillis, memoryPerSessionMiB, cpuPerSessionMillis, bufferFraction,
              nodeProvisioningMin, nodeProvisioningMax, imageSizeGiB, imagePullTime),
          new Aws(instanceType, instanceVcpus, instanceMemoryGiB, availabilityZones, capacityType, clusterMode,
              clusterName != null ? clusterName : Defaults.clusterName(clusterMode), kubernetesVersion,
              singleNatGateway, publicEndpointCidrs, logRetentionDays, agentRolePolicyArns),
          new Cluster(systemInstanceType, systemNodes, adminPrincipalArn,
              autoscaler != null ? autoscaler : Defaults.clusterComponent(clusterMode),
              autoscalerScanInterval, scaleDownUnneededTime, scaleDownDelayAfterAdd, inClusterPrometheus,
              new AddonVersions(vpcCniVersion, corednsVersion, kubeProxyVersion, podIdentityAgentVersion)),
          new Traffic(meanCallLength, peakConcurrentCalls, peakCallsPerMinute),
          suppressions == null ? List.of() : List.copyOf(suppressions));
    }
  }
}
