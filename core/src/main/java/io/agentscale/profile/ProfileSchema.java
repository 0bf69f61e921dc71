package io.agentscale.profile;

import static io.agentscale.profile.ProfileSchema.Derivation.byClusterMode;
import static io.agentscale.profile.ProfileSchema.Derivation.byFlag;
import static io.agentscale.profile.ProfileSchema.Derivation.computed;
import static io.agentscale.profile.ProfileSchema.Derivation.follows;
import static io.agentscale.profile.Range.described;
import static io.agentscale.profile.Range.durations;
import static io.agentscale.profile.Range.fraction;
import static io.agentscale.profile.Range.ints;
import static io.agentscale.profile.Range.numbers;
import static io.agentscale.profile.Range.numbersAbove;
import static java.time.Duration.ZERO;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The single source of truth for every profile field: its YAML path, type, unit, allowed range, default and why.
 * {@link ProfileLoader} reads files with it, {@link ProfileValidator} checks each typed {@link Range} from it, the
 * builder copies a profile field by field with it, and README's field reference is generated from it
 * ({@code ./agentscale fields}); a test keeps the two in step.
 */
public final class ProfileSchema {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final Duration HOUR = Duration.ofHours(1);

  private ProfileSchema() {}

  /** The value types a field can hold. */
  public enum Kind {
    STRING("string"),
    INTEGER("integer"),
    NUMBER("number"),
    DURATION("duration"),
    BOOLEAN("boolean"),
    CAPACITY_TYPE("ON_DEMAND | SPOT"),
    CLUSTER_MODE("NEW | EXISTING"),
    QUANTITY("quantity"),
    STRING_LIST("list of strings"),
    ARCHITECTURES("list of amd64 | arm64"),
    ENV_MAP("mapping of NAME: value"),
    ENV_FROM("list of {name, secret | config_map, key, prefix}", "name", "secret", "config_map", "key", "prefix"),
    VOLUMES("list of {name, mount_path, empty_dir | config_map | secret}", "name", "mount_path", "empty_dir",
        "config_map", "secret"),
    SUPPRESSIONS("list of {rule, reason}", "rule", "reason");

    final String label;
    /** The keys an item of a list of mappings may hold, in the order the docs list them; empty for other kinds. */
    final List<String> itemKeys;

    Kind(String label, String... itemKeys) {
      this.label = label;
      this.itemKeys = List.of(itemKeys);
    }
  }

  /**
   * One documented field.
   *
   * @param path the YAML path, such as {@code agent.scaling.max_workers}
   * @param range the allowed values: the field reference's text and {@link ProfileValidator}'s check
   * @param why what the field means and why its default was chosen
   * @param required true when a profile file must state it
   * @param derivation the field whose value this one's default follows, or null
   * @param unsetText what leaving out a field without a value means, when no value shows it; or null
   */
  public record Field(
      String path,
      Kind kind,
      Range range,
      String why,
      boolean required,
      Derivation derivation,
      String unsetText,
      Function<ScalingProfile, Object> get,
      BiConsumer<ScalingProfile.Builder, Object> set) {

    /** The allowed values in words, as the field reference shows them. */
    public String allowed() {
      return range.text();
    }

    /** The default, as a profile file would write it; derived defaults name what they follow. */
    public String defaultText() {
      if (required) {
        return "required";
      }
      if (derivation != null) {
        return derivation.text();
      }
      if (unsetText != null) {
        return unsetText;
      }
      return shown(get.apply(ScalingProfile.ofDefaults("example")));
    }

    /** True when {@code p}'s value is the one this field's source gives: the field still follows its source. */
    public boolean followsSource(ScalingProfile p) {
      return derivation != null
          && Objects.equals(get.apply(p), derivation.value().apply(field(derivation.source()).get.apply(p)));
    }

    Field derived(Derivation d) {
      return new Field(path, kind, range, why, required, d, unsetText, get, set);
    }

    Field whenUnset(String text) {
      return new Field(path, kind, range, why, required, derivation, text, get, set);
    }
  }

  /**
   * A default that follows another field: the builder fills it from its source unless it was set, and the field
   * reference names the source.
   *
   * @param source the path of the field it follows
   * @param value the default for a value of the source; {@link Defaults} holds the function the builder uses too
   * @param text the default as the field reference shows it
   */
  public record Derivation(String source, Function<Object, Object> value, String text) {
    /** The source's own value. */
    static Derivation follows(String source) {
      return new Derivation(source, v -> v, source);
    }

    /** A value computed from the source, described by {@code text}. */
    static Derivation computed(String source, Function<Object, Object> value, String text) {
      return new Derivation(source, value, text);
    }

    /** One value for a NEW cluster and another for an EXISTING one. */
    static Derivation byClusterMode(Function<ClusterMode, Object> value) {
      return new Derivation("aws.cluster_mode", m -> value.apply((ClusterMode) m),
          shown(value.apply(ClusterMode.NEW)) + " for a NEW cluster, " + shown(value.apply(ClusterMode.EXISTING))
              + " for EXISTING");
    }

    /** One value when the boolean source is on and another when it is off. */
    static Derivation byFlag(String source, Function<Boolean, Object> value) {
      return new Derivation(source, on -> value.apply((Boolean) on),
          shown(value.apply(true)) + " with " + source + ", else " + shown(value.apply(false)));
    }
  }

  public static final List<Field> FIELDS = List.of(
      req("agent.name", Kind.STRING, described("DNS-1123 label, at most 63 characters"),
          "the agent's name: names the LiveKit agent, the stack and the output folder",
          p -> p.name(), (b, v) -> b.name((String) v)),
      req("agent.scaling.min_workers", Kind.INTEGER, ints(1, 1000).atMost("agent.scaling.max_workers"),
          "workers kept running at all times; calls arriving at an idle hour are answered at once",
          p -> p.scaling().minWorkers(), (b, v) -> b.minWorkers((Integer) v)),
      req("agent.scaling.max_workers", Kind.INTEGER, ints(1, 1000).atLeast("agent.scaling.min_workers"),
          "the ceiling for scale-up; caps cost when traffic explodes",
          p -> p.scaling().maxWorkers(), (b, v) -> b.maxWorkers((Integer) v)),
      req("agent.scaling.sessions_per_worker", Kind.INTEGER, ints(1, 1000).withNote(" (the tutorial advises 3 .. 5)"),
          "concurrent calls one worker serves; profile a single worker and set it conservatively",
          p -> p.scaling().sessionsPerWorker(), (b, v) -> b.sessionsPerWorker((Integer) v)),
      req("agent.scaling.scale_up_threshold", Kind.NUMBER, fraction(),
          "utilization at which workers are added; the HPA target is sessions_per_worker × this",
          p -> p.scaling().scaleUpThreshold(), (b, v) -> b.scaleUpThreshold((Double) v)),
      req("agent.scaling.scale_down_threshold", Kind.NUMBER, fraction().below("agent.scaling.scale_up_threshold"),
          "utilization below which workers are removed (LiveKit Cloud; a plain HPA uses its tolerance band)",
          p -> p.scaling().scaleDownThreshold(), (b, v) -> b.scaleDownThreshold((Double) v)),
      req("agent.scaling.scale_down_delay", Kind.DURATION, durations(ZERO, HOUR),
          "how long utilization must stay low before workers are removed; the HPA's scale-down window",
          p -> p.scaling().scaleDownDelay(), (b, v) -> b.scaleDownDelay((Duration) v)),
      req("agent.scaling.warmup_time", Kind.DURATION, durations(ZERO, minutes(10)),
          "time a new worker needs before it takes calls; budgets the startup probe",
          p -> p.scaling().warmupTime(), (b, v) -> b.warmupTime((Duration) v)),

      opt("kubernetes.namespace", Kind.STRING, described("DNS-1123 label"),
          "namespace of the agent workers, created by the manifests",
          p -> p.kubernetes().namespace(), (b, v) -> b.namespace((String) v)),
      opt("kubernetes.deployment", Kind.STRING, described("DNS-1123 label"),
          "name of the agent Deployment, its HPA, PDB and balloons; unique per profile so profiles share a namespace",
          p -> p.kubernetes().deployment(), (b, v) -> b.deployment((String) v))
          .derived(follows("agent.name")),
      opt("kubernetes.image", Kind.STRING, described("a container image reference"),
          "the agent image; the default is a placeholder to replace",
          p -> p.kubernetes().image(), (b, v) -> b.image((String) v)),
      opt("kubernetes.credentials_secret", Kind.STRING, described("DNS-1123 label"),
          "Secret holding LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET; never written by agentscale",
          p -> p.kubernetes().credentialsSecret(), (b, v) -> b.credentialsSecret((String) v)),
      opt("kubernetes.grace_period", Kind.DURATION, durations(SECOND, HOUR),
          "terminationGracePeriodSeconds: how long a draining worker may finish its calls (tutorial: 600s)",
          p -> p.kubernetes().gracePeriod(), (b, v) -> b.gracePeriod((Duration) v)),
      // The plan rule drain-outside-grace checks the ceiling, as an error with advice; no fixed limit besides.
      opt("kubernetes.drain_timeout", Kind.DURATION, durations(ZERO, Durations.MAX).atMost("kubernetes.grace_period"),
          "the worker's own drain_timeout, passed as AGENT_DRAIN_TIMEOUT; ends inside the grace period so "
              + "shutdown hooks run before SIGKILL",
          p -> p.kubernetes().drainTimeout(), (b, v) -> b.drainTimeout((Duration) v))
          .derived(computed("kubernetes.grace_period", g -> Defaults.drainTimeout((Duration) g),
              "grace_period − " + Durations.seconds(Defaults.DRAIN_MARGIN))),
      opt("kubernetes.health_port", Kind.INTEGER, ints(1, 65535),
          "the LiveKit worker's HTTP health port (8081 in production mode)",
          p -> p.kubernetes().healthPort(), (b, v) -> b.healthPort((Integer) v)),
      opt("kubernetes.pod_monitor", Kind.BOOLEAN, described("true | false"),
          "also emit a Prometheus-Operator PodMonitor (needs the operator's CRDs)",
          p -> p.kubernetes().podMonitor(), (b, v) -> b.podMonitor((Boolean) v)),
      opt("kubernetes.prepull_image", Kind.BOOLEAN, described("true | false"),
          "balloon pods pull the agent image in an init container, so a node the buffer keeps starts an agent without "
              + "a pull",
          p -> p.kubernetes().prepullImage(), (b, v) -> b.prepullImage((Boolean) v)),
      opt("kubernetes.prepull_command", Kind.STRING, described("a command and its arguments, space-separated"),
          "what the pre-pull init container runs in the agent image and must exit 0; `true` for any image with "
              + "coreutils or busybox, `python -c pass` for a distroless Python image",
          p -> p.kubernetes().prepullCommand(), (b, v) -> b.prepullCommand((String) v)),
      opt("kubernetes.image_architectures", Kind.ARCHITECTURES, described("[amd64], [arm64] or [amd64, arm64]"),
          "the platforms the image is built for (docker buildx --platform); an image without the nodes' "
              + "architecture fails with 'exec format error', so a mismatch with aws.instance_type is an error",
          p -> p.kubernetes().imageArchitectures(), (b, v) -> b.imageArchitectures(list(v, Architecture.class)))
          .whenUnset("unknown: not checked"),
      opt("kubernetes.workload.env", Kind.ENV_MAP, described("NAME: value; names are C identifiers, values strings"),
          "plain, non-secret variables such as LOG_LEVEL or PROMETHEUS_MULTIPROC_DIR; never a key: use env_from. "
              + "The variables the Deployment sets itself (see The container contract) cannot be overridden",
          p -> p.kubernetes().workload().env(), (b, v) -> b.env(map(v))),
      opt("kubernetes.workload.env_from", Kind.ENV_FROM,
          described("name + secret or config_map (+ key, default the name); "
              + "or secret or config_map alone (+ prefix) for all its keys"),
          "provider keys (OpenAI, Deepgram, Cartesia...) by reference to a Secret you create; the profile never "
              + "holds a value",
          p -> p.kubernetes().workload().envFrom(), (b, v) -> b.envFrom(list(v, ScalingProfile.EnvSource.class))),
      opt("kubernetes.workload.command", Kind.STRING_LIST, described("non-empty strings"),
          "the container's command, such as [python, agent.py]",
          p -> p.kubernetes().workload().command(), (b, v) -> b.command(list(v, String.class)))
          .whenUnset("the image's ENTRYPOINT"),
      opt("kubernetes.workload.args", Kind.STRING_LIST, described("strings"),
          "the command's arguments, such as [start]",
          p -> p.kubernetes().workload().args(), (b, v) -> b.args(list(v, String.class)))
          .whenUnset("the image's CMD"),
      opt("kubernetes.workload.volumes", Kind.VOLUMES,
          described("empty_dir is a size limit such as 2Gi; mount_path absolute, not /tmp or another volume's"),
          "writable scratch space beside /tmp (a model cache, PROMETHEUS_MULTIPROC_DIR) or files from a ConfigMap "
              + "or Secret (read-only); the root filesystem stays read-only",
          p -> p.kubernetes().workload().volumes(), (b, v) -> b.volumes(list(v, ScalingProfile.Volume.class))),
      opt("kubernetes.workload.service_account.name", Kind.STRING, described("DNS-1123 subdomain"),
          "the agent pods' ServiceAccount; required with aws.agent_role_policy_arns, which Pod Identity binds to it",
          p -> p.kubernetes().workload().serviceAccount().name(), (b, v) -> b.serviceAccountName((String) v))
          .whenUnset("the namespace's default"),
      opt("kubernetes.workload.service_account.create", Kind.BOOLEAN, described("true | false"),
          "emit the named ServiceAccount with the manifests; false uses one that already exists",
          p -> p.kubernetes().workload().serviceAccount().create(), (b, v) -> b.createServiceAccount((Boolean) v)),
      opt("kubernetes.workload.ephemeral_storage.request", Kind.QUANTITY,
          described("a quantity such as 2Gi, at most limit"),
          "node disk the scheduler reserves per worker; unset, the node's root volume still holds /tmp and the "
              + "empty_dir volumes for every worker",
          p -> p.kubernetes().workload().ephemeralStorage().request(),
          (b, v) -> b.ephemeralStorageRequest((String) v)),
      opt("kubernetes.workload.ephemeral_storage.limit", Kind.QUANTITY, described("a quantity such as 4Gi"),
          "node disk a worker may use (logs, /tmp, empty_dir volumes) before the kubelet evicts it, calls and all",
          p -> p.kubernetes().workload().ephemeralStorage().limit(), (b, v) -> b.ephemeralStorageLimit((String) v)),
      opt("kubernetes.hpa.scale_up_stabilization", Kind.DURATION, durations(ZERO, HOUR),
          "HPA scaleUp stabilization window: ignores one-scrape spikes",
          p -> p.kubernetes().hpa().scaleUpStabilization(), (b, v) -> b.scaleUpStabilization((Duration) v)),
      opt("kubernetes.hpa.scale_up_pods", Kind.INTEGER, ints(1, 1000),
          "HPA scaleUp policy: at most this many pods added per scale_up_period",
          p -> p.kubernetes().hpa().scaleUpPods(), (b, v) -> b.scaleUpPods((Integer) v)),
      opt("kubernetes.hpa.scale_up_period", Kind.DURATION, durations(SECOND, minutes(30)),
          "HPA scaleUp policy period",
          p -> p.kubernetes().hpa().scaleUpPeriod(), (b, v) -> b.scaleUpPeriod((Duration) v)),
      opt("kubernetes.hpa.scale_down_stabilization", Kind.DURATION, durations(ZERO, HOUR),
          "HPA scaleDown stabilization window; follows scale_down_delay unless set",
          p -> p.kubernetes().hpa().scaleDownStabilization(), (b, v) -> b.scaleDownStabilization((Duration) v))
          .derived(follows("agent.scaling.scale_down_delay")),
      opt("kubernetes.hpa.scale_down_pods", Kind.INTEGER, ints(1, 1000),
          "HPA scaleDown policy: at most this many pods removed per scale_down_period (scale down cautiously)",
          p -> p.kubernetes().hpa().scaleDownPods(), (b, v) -> b.scaleDownPods((Integer) v)),
      opt("kubernetes.hpa.scale_down_period", Kind.DURATION, durations(SECOND, minutes(30)),
          "HPA scaleDown policy period",
          p -> p.kubernetes().hpa().scaleDownPeriod(), (b, v) -> b.scaleDownPeriod((Duration) v)),
      opt("kubernetes.hpa.configurable_tolerance", Kind.BOOLEAN, described("true | false"),
          "write per-direction tolerance (Kubernetes ≥ 1.35, where HPAConfigurableTolerance is beta and on) so the HPA honours "
              + "scale_down_threshold exactly",
          p -> p.kubernetes().hpa().configurableTolerance(), (b, v) -> b.configurableTolerance((Boolean) v)),

      opt("metrics.name", Kind.STRING, described("a Prometheus metric name"),
          "the per-pod gauge the HPA scales on; lk_agents_active_job_count uses LiveKit's built-in gauge",
          p -> p.metrics().name(), (b, v) -> b.metricName((String) v)),
      opt("metrics.port", Kind.INTEGER, ints(1, 65535),
          "container port named metrics that serves /metrics",
          p -> p.metrics().port(), (b, v) -> b.metricsPort((Integer) v)),
      opt("metrics.scrape_interval", Kind.DURATION, durations(SECOND, minutes(5)),
          "how often Prometheus scrapes the workers (kube-prometheus-stack default; cluster-wide with cluster.prometheus)",
          p -> p.metrics().scrapeInterval(), (b, v) -> b.scrapeInterval((Duration) v)),
      opt("metrics.prometheus_url", Kind.STRING, described("an http(s) URL"),
          "where the Prometheus adapter queries Prometheus (cluster-wide: profiles of one cluster agree)",
          p -> p.metrics().prometheusUrl(), (b, v) -> b.prometheusUrl((String) v))
          .derived(byFlag("cluster.prometheus", Defaults::prometheusUrl)),
      opt("metrics.install_adapter", Kind.BOOLEAN, described("true | false"),
          "emit the Prometheus adapter (cluster-wide); false for clusters that already serve custom.metrics.k8s.io",
          p -> p.metrics().installAdapter(), (b, v) -> b.installAdapter((Boolean) v)),
      opt("metrics.adapter_relist_interval", Kind.DURATION, durations(SECOND, minutes(10))
          .atLeast("metrics.scrape_interval", "or the metric flickers out of the adapter's discovery"),
          "prometheus-adapter --metrics-relist-interval (cluster-wide); never below the scrape interval or metrics flicker",
          p -> p.metrics().adapterRelistInterval(), (b, v) -> b.adapterRelistInterval((Duration) v)),

      opt("capacity.base_memory_mib", Kind.INTEGER, ints(1, 65536),
          "memory of an idle worker (process, runtime, models), MiB",
          p -> p.capacity().baseMemoryMiB(), (b, v) -> b.baseMemoryMiB((Integer) v)),
      opt("capacity.base_cpu_millis", Kind.INTEGER, ints(1, 64000),
          "CPU of an idle worker, millicores",
          p -> p.capacity().baseCpuMillis(), (b, v) -> b.baseCpuMillis((Integer) v)),
      opt("capacity.memory_per_session_mib", Kind.INTEGER, ints(1, 16384),
          "memory per call; the tutorial measures 50-100 MB, so plan with 100 MiB",
          p -> p.capacity().memoryPerSessionMiB(), (b, v) -> b.memoryPerSessionMiB((Integer) v)),
      opt("capacity.cpu_per_session_millis", Kind.INTEGER, ints(0, 16000),
          "CPU per call, millicores; small because a session mostly waits on the LLM",
          p -> p.capacity().cpuPerSessionMillis(), (b, v) -> b.cpuPerSessionMillis((Integer) v)),
      opt("capacity.buffer_fraction", Kind.NUMBER, numbers(0, 0.9),
          "share of worker slots kept idle at every node-group size (tutorial: at least 20%)",
          p -> p.capacity().bufferFraction(), (b, v) -> b.bufferFraction((Double) v)),
      opt("capacity.node_provisioning_min", Kind.DURATION,
          durations(ZERO, minutes(30)).atMost("capacity.node_provisioning_max"),
          "fastest time for a new node to join (tutorial: 2-4 minutes)",
          p -> p.capacity().nodeProvisioningMin(), (b, v) -> b.nodeProvisioningMin((Duration) v)),
      opt("capacity.node_provisioning_max", Kind.DURATION,
          durations(ZERO, minutes(30)).atLeast("capacity.node_provisioning_min"),
          "slowest time for a new node to join; the plan sizes headroom for this",
          p -> p.capacity().nodeProvisioningMax(), (b, v) -> b.nodeProvisioningMax((Duration) v)),
      opt("capacity.image_size_gib", Kind.INTEGER, ints(1, 100),
          "the agent image's unpacked size; the node's root volume holds it twice (a rollout pulls the next one)",
          p -> p.capacity().imageSizeGiB(), (b, v) -> b.imageSizeGiB((Integer) v)),
      opt("capacity.image_pull_time", Kind.DURATION, durations(ZERO, minutes(30)),
          "how long a node without the agent image takes to pull it; the simulator delays an agent's start on such a "
              + "node by it (the balloons' pre-pull saves it)",
          p -> p.capacity().imagePullTime(), (b, v) -> b.imagePullTime((Duration) v)),
      opt("aws.instance_type", Kind.STRING, described("an EC2 instance type"),
          "node type for agent workers; memory-bound work suits 4 GiB per vCPU families",
          p -> p.aws().instanceType(), (b, v) -> b.instanceType((String) v)),
      opt("aws.instance_vcpus", Kind.INTEGER, ints(1, 448),
          "vCPUs of an instance type missing from the built-in catalog",
          p -> p.aws().instanceVcpus(), (b, v) -> b.instanceVcpus((Integer) v)),
      opt("aws.instance_memory_gib", Kind.INTEGER, ints(1, 24576),
          "memory (GiB) of an instance type missing from the built-in catalog",
          p -> p.aws().instanceMemoryGiB(), (b, v) -> b.instanceMemoryGiB((Integer) v)),
      opt("aws.availability_zones", Kind.INTEGER, described("2 .. 6 for a new cluster, 1 .. 6 otherwise"),
          "zones the node group spans; each keeps at least one node",
          p -> p.aws().availabilityZones(), (b, v) -> b.availabilityZones((Integer) v)),
      opt("aws.capacity_type", Kind.CAPACITY_TYPE, described("ON_DEMAND | SPOT"),
          "ON_DEMAND: a reclaimed spot node drops live calls",
          p -> p.aws().capacityType(), (b, v) -> b.capacityType((CapacityType) v)),
      opt("aws.cluster_mode", Kind.CLUSTER_MODE, described("NEW | EXISTING"),
          "NEW creates VPC and EKS cluster; EXISTING adds only the agent node group to cluster_name",
          p -> p.aws().clusterMode(), (b, v) -> b.clusterMode((ClusterMode) v)),
      opt("aws.cluster_name", Kind.STRING, described("an EKS cluster name"),
          "the EKS cluster: NEW creates it once for every profile naming it; EXISTING joins it (or context key "
              + "cluster-name)",
          p -> p.aws().clusterName(), (b, v) -> b.clusterName((String) v))
          .derived(byClusterMode(Defaults::clusterName)),
      opt("aws.kubernetes_version", Kind.STRING, described("1.28 .. 1.36"),
          "EKS version of a new cluster (cluster-wide); the cluster autoscaler's image follows its minor",
          p -> p.aws().kubernetesVersion(), (b, v) -> b.kubernetesVersion((String) v)),
      opt("aws.single_nat_gateway", Kind.BOOLEAN, described("true | false"),
          "one NAT gateway for the whole VPC (cheaper) instead of one per zone; a zone outage then cuts every "
              + "zone's egress (cluster-wide)",
          p -> p.aws().singleNatGateway(), (b, v) -> b.singleNatGateway((Boolean) v)),
      opt("aws.public_endpoint_cidrs", Kind.STRING, described("comma-separated CIDRs, such as 203.0.113.7/32"),
          "who may reach the cluster's API from the internet (IAM still authenticates); unset keeps the endpoint "
              + "private to the VPC; 0.0.0.0/0 only when you write it (cluster-wide)",
          p -> p.aws().publicEndpointCidrs(), (b, v) -> b.publicEndpointCidrs((String) v)),
      opt("aws.log_retention_days", Kind.INTEGER, described("a CloudWatch Logs retention: " + logRetentions()),
          "how long control-plane and VPC flow logs are kept (cluster-wide)",
          p -> p.aws().logRetentionDays(), (b, v) -> b.logRetentionDays((Integer) v)),

      opt("aws.agent_role_policy_arns", Kind.STRING_LIST, described("IAM managed policy ARNs"),
          "an IAM role for the agent pods (Bedrock, Polly, S3), with these policies, bound by EKS Pod Identity to "
              + "kubernetes.workload.service_account.name; an EXISTING cluster needs the eks-pod-identity-agent add-on",
          p -> p.aws().agentRolePolicyArns(), (b, v) -> b.agentRolePolicyArns(list(v, String.class))),

      opt("cluster.system_instance_type", Kind.STRING, described("an EC2 instance type"),
          "untainted ON_DEMAND system nodes for CoreDNS, the adapter, Prometheus and the autoscaler (NEW cluster)",
          p -> p.cluster().systemInstanceType(), (b, v) -> b.systemInstanceType((String) v)),
      opt("cluster.system_nodes", Kind.INTEGER, ints(2, 10),
          "system nodes, spread across zones: DNS and the metrics API survive the loss of one",
          p -> p.cluster().systemNodes(), (b, v) -> b.systemNodes((Integer) v)),
      opt("cluster.admin_principal_arn", Kind.STRING, described("an IAM role or user ARN"),
          "gets an EKS access entry with AmazonEKSClusterAdminPolicy (or context key admin-principal-arn); "
              + "without one only CloudFormation's role administers the cluster",
          p -> p.cluster().adminPrincipalArn(), (b, v) -> b.adminPrincipalArn((String) v)),
      opt("cluster.autoscaler", Kind.BOOLEAN, described("true | false"),
          "emit the cluster autoscaler (and, for a NEW cluster, its IAM role and Pod Identity association)",
          p -> p.cluster().autoscaler(), (b, v) -> b.autoscaler((Boolean) v))
          .derived(byClusterMode(Defaults::clusterComponent)),
      opt("cluster.autoscaler_scan_interval", Kind.DURATION, durations(SECOND, minutes(1)),
          "cluster-autoscaler --scan-interval: how soon a Pending pod (a preempted balloon) asks for a node",
          p -> p.cluster().autoscalerScanInterval(), (b, v) -> b.autoscalerScanInterval((Duration) v)),
      opt("cluster.scale_down_unneeded_time", Kind.DURATION, durations(minutes(1), HOUR),
          "cluster-autoscaler --scale-down-unneeded-time: how long a node stays empty before it is removed",
          p -> p.cluster().scaleDownUnneededTime(), (b, v) -> b.scaleDownUnneededTime((Duration) v)),
      opt("cluster.scale_down_delay_after_add", Kind.DURATION, durations(ZERO, HOUR),
          "cluster-autoscaler --scale-down-delay-after-add: no node is removed this long after one was added",
          p -> p.cluster().scaleDownDelayAfterAdd(), (b, v) -> b.scaleDownDelayAfterAdd((Duration) v)),
      opt("cluster.prometheus", Kind.BOOLEAN, described("true | false"),
          "install a Prometheus that scrapes annotated pods on the system nodes; false where one already runs",
          p -> p.cluster().prometheus(), (b, v) -> b.prometheus((Boolean) v))
          .derived(byClusterMode(Defaults::clusterComponent)),
      opt("cluster.addon_versions.vpc_cni", Kind.STRING, described("an EKS add-on version"),
          "pins the vpc-cni managed add-on; unset installs EKS's default for the Kubernetes version",
          p -> p.cluster().addonVersions().vpcCni(), (b, v) -> b.vpcCniVersion((String) v)),
      opt("cluster.addon_versions.coredns", Kind.STRING, described("an EKS add-on version"),
          "pins the coredns managed add-on; unset installs EKS's default",
          p -> p.cluster().addonVersions().coredns(), (b, v) -> b.corednsVersion((String) v)),
      opt("cluster.addon_versions.kube_proxy", Kind.STRING, described("an EKS add-on version"),
          "pins the kube-proxy managed add-on; unset installs EKS's default",
          p -> p.cluster().addonVersions().kubeProxy(), (b, v) -> b.kubeProxyVersion((String) v)),
      opt("cluster.addon_versions.eks_pod_identity_agent", Kind.STRING, described("an EKS add-on version"),
          "pins the eks-pod-identity-agent managed add-on (the autoscaler's credentials); unset installs EKS's default",
          p -> p.cluster().addonVersions().podIdentityAgent(), (b, v) -> b.podIdentityAgentVersion((String) v)),
      opt("traffic.mean_call_length", Kind.DURATION, durations(Duration.ofSeconds(10), Duration.ofHours(4)),
          "the mean call: with the peak it gives the concurrent calls to size for; simulate and tune replay calls "
              + "this long unless --mean-call says otherwise",
          p -> p.traffic().meanCallLength(), (b, v) -> b.meanCallLength((Duration) v)),
      opt("traffic.peak_concurrent_calls", Kind.INTEGER, ints(1, 100_000).withNote("; or peak_calls_per_minute"),
          "the busiest hour's concurrent calls; plan checks that max_workers carries them",
          p -> p.traffic().peakConcurrentCalls(), (b, v) -> b.peakConcurrentCalls((Integer) v)),
      opt("traffic.peak_calls_per_minute", Kind.NUMBER, numbersAbove(0, 100_000).withNote("; or peak_concurrent_calls"),
          "the busiest hour's new calls per minute: times mean_call_length in minutes, the concurrent calls",
          p -> p.traffic().peakCallsPerMinute(), (b, v) -> b.peakCallsPerMinute((Double) v)),
      opt("suppressions", Kind.SUPPRESSIONS, described("rule: a warning's or info's id; reason: why it is accepted"),
          "findings the team has weighed and accepts, each with its reason (a load-test result, a decision); plan "
              + "shows them as suppressed, validate and synth no longer warn",
          p -> p.suppressions(), (b, v) -> b.suppressions((java.util.List<ScalingProfile.Suppression>) v)));

  private static final Map<String, Field> BY_PATH = FIELDS.stream()
      .collect(Collectors.toUnmodifiableMap(Field::path, f -> f));

  /** The field at {@code path}, such as {@code agent.scaling.min_workers}. */
  public static Field field(String path) {
    Field f = BY_PATH.get(path);
    if (f == null) {
      throw new IllegalArgumentException("no profile field at '" + path + "'");
    }
    return f;
  }

  /** A value as the field reference writes it: durations in seconds, nothing (or an empty list) as none. */
  static String shown(Object v) {
    if (v == null || v instanceof Collection<?> c && c.isEmpty() || v instanceof Map<?, ?> m && m.isEmpty()) {
      return "none";
    }
    return v instanceof Duration d ? Durations.seconds(d) : String.valueOf(v);
  }

  /** Every section path ({@code agent}, {@code agent.scaling}, {@code kubernetes.hpa}, ...). */
  public static Set<String> sections() {
    Set<String> out = new LinkedHashSet<>();
    for (Field f : FIELDS) {
      String[] parts = f.path().split("\\.");
      for (int i = 1; i < parts.length; i++) {
        out.add(String.join(".", Arrays.copyOf(parts, i)));
      }
    }
    return out;
  }

  /** README's field reference, as a Markdown table. */
  public static String markdownTable() {
    String rows = FIELDS.stream()
        .map(f -> "| `" + f.path() + "` | " + cell(f.kind().label) + " | " + cell(f.allowed()) + " | "
            + cell(f.defaultText()) + " | " + cell(f.why()) + " |")
        .collect(Collectors.joining("\n"));
    return "| field | type | allowed | default | meaning and why |\n|---|---|---|---|---|\n" + rows + "\n";
  }

  /** A table cell: a '|' in the text is escaped, or Markdown would read it as a column break. */
  private static String cell(String text) {
    return text.replace("|", "\\|");
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> list(Object v, Class<T> type) {
    return (List<T>) v;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> map(Object v) {
    return (Map<String, String>) v;
  }

  private static Field req(String path, Kind kind, Range range, String why,
      Function<ScalingProfile, Object> get, BiConsumer<ScalingProfile.Builder, Object> set) {
    return new Field(path, kind, range, why, true, null, null, get, set);
  }

  private static Field opt(String path, Kind kind, Range range, String why,
      Function<ScalingProfile, Object> get, BiConsumer<ScalingProfile.Builder, Object> set) {
    return new Field(path, kind, range, why, false, null, null, get, set);
  }

  /** The retentions CloudWatch Logs accepts, as the field reference lists them: {@code 1, 3, ... 3288 or 3653}. */
  private static String logRetentions() {
    List<String> days = ProfileValidator.LOG_RETENTIONS.stream().sorted().map(String::valueOf).toList();
    return String.join(", ", days.subList(0, days.size() - 1)) + " or " + days.get(days.size() - 1);
  }

  private static Duration minutes(long n) {
    return Duration.ofMinutes(n);
  }
}
