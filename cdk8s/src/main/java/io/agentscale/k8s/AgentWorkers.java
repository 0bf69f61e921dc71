package io.agentscale.k8s;

import io.agentscale.plan.CapacityPlan;
import io.agentscale.profile.ContainerContract;
import io.agentscale.profile.ScalingProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cdk8s.plus28.k8s.ConfigMapEnvSource;
import org.cdk8s.plus28.k8s.ConfigMapKeySelector;
import org.cdk8s.plus28.k8s.ConfigMapVolumeSource;
import org.cdk8s.plus28.k8s.Container;
import org.cdk8s.plus28.k8s.ContainerPort;
import org.cdk8s.plus28.k8s.DeploymentSpec;
import org.cdk8s.plus28.k8s.DeploymentStrategy;
import org.cdk8s.plus28.k8s.EmptyDirVolumeSource;
import org.cdk8s.plus28.k8s.EnvFromSource;
import org.cdk8s.plus28.k8s.EnvVar;
import org.cdk8s.plus28.k8s.EnvVarSource;
import org.cdk8s.plus28.k8s.HttpGetAction;
import org.cdk8s.plus28.k8s.IntOrString;
import org.cdk8s.plus28.k8s.KubeDeployment;
import org.cdk8s.plus28.k8s.KubeDeploymentProps;
import io.agentscale.plan.DisruptionClocks;
import org.cdk8s.plus28.k8s.KubePodDisruptionBudget;
import org.cdk8s.plus28.k8s.KubeServiceAccount;
import org.cdk8s.plus28.k8s.ObjectMeta;
import org.cdk8s.plus28.k8s.PodDisruptionBudgetSpec;
import org.cdk8s.plus28.k8s.PodSpec;
import org.cdk8s.plus28.k8s.PodTemplateSpec;
import org.cdk8s.plus28.k8s.Probe;
import org.cdk8s.plus28.k8s.Quantity;
import org.cdk8s.plus28.k8s.ResourceRequirements;
import org.cdk8s.plus28.k8s.RollingUpdateDeployment;
import org.cdk8s.plus28.k8s.SecretEnvSource;
import org.cdk8s.plus28.k8s.SecretKeySelector;
import org.cdk8s.plus28.k8s.SecretVolumeSource;
import org.cdk8s.plus28.k8s.TopologySpreadConstraint;
import org.cdk8s.plus28.k8s.Volume;
import org.cdk8s.plus28.k8s.VolumeMount;
import software.constructs.Construct;

/**
 * The agent Deployment, its PodDisruptionBudget and, when the props name a ServiceAccount to create, that
 * ServiceAccount; children {@code Deployment}, {@code Pdb} and {@code ServiceAccount}. Once an autoscaler targets the
 * workers ({@link SessionAutoscaler}), the Deployment has no {@code spec.replicas}: the HPA owns the count, and a
 * re-apply must never reset it. What it imposes on the container is {@link ContainerContract}.
 *
 * <p>Extend it through what it exposes: {@link #deployment()} (add labels, annotations or a JSON patch),
 * {@link #podDisruptionBudget()}, {@link #serviceAccount()}.
 */
public class AgentWorkers extends Construct {
  /** Environment variable carrying the worker's drain timeout in seconds; README shows how an agent reads it. */
  public static final String DRAIN_TIMEOUT_ENV = ContainerContract.DRAIN_TIMEOUT_ENV;

  private final AgentWorkersProps props;
  private final KubeServiceAccount serviceAccount;
  private final KubeDeployment deployment;
  private boolean autoscaled;
  private final KubePodDisruptionBudget podDisruptionBudget;

  /** @throws IllegalArgumentException naming the first prop that cannot be written */
  public AgentWorkers(Construct scope, String id, AgentWorkersProps props) {
    super(scope, id);
    props.validate();
    this.props = props;
    var sa = props.workload().serviceAccount();
    var labels = Labels.of(props.name(), props.agent());

    var annotations = new TreeMap<String, String>();
    annotations.put("prometheus.io/scrape", "true");
    annotations.put("prometheus.io/port", String.valueOf(props.metricsPort()));
    annotations.put("prometheus.io/path", "/metrics");
    // A node hosting live calls is never drained by the cluster autoscaler; the HPA removes agents first.
    annotations.put("cluster-autoscaler.kubernetes.io/safe-to-evict", "false");

    // No token: an agent talks to LiveKit and its providers, never to the Kubernetes API. EKS Pod Identity mounts
    // its own token for the AWS SDKs.
    serviceAccount = sa.name() != null && sa.create()
        ? KubeServiceAccount.Builder.create(this, "ServiceAccount")
            .metadata(ObjectMeta.builder().name(sa.name()).namespace(props.namespace()).labels(labels).build())
            .automountServiceAccountToken(false)
            .build()
        : null;

    deployment = new KubeDeployment(this, "Deployment", KubeDeploymentProps.builder()
        .metadata(ObjectMeta.builder().name(props.name()).namespace(props.namespace()).labels(labels).build())
        .spec(DeploymentSpec.builder()
            .replicas(props.replicas())
            .selector(Labels.matching(props.name()))
            .revisionHistoryLimit(5)
            // Surge new pods first and keep every serving pod until its replacement is ready.
            .strategy(DeploymentStrategy.builder().type("RollingUpdate")
                .rollingUpdate(RollingUpdateDeployment.builder()
                    .maxSurge(IntOrString.fromString("25%")).maxUnavailable(IntOrString.fromNumber(0)).build())
                .build())
            .template(PodTemplateSpec.builder()
                .metadata(ObjectMeta.builder().labels(labels).annotations(annotations).build())
                .spec(PodSpec.builder()
                    .terminationGracePeriodSeconds(props.gracePeriod().toSeconds())
                    .serviceAccountName(sa.name())
                    .automountServiceAccountToken(false)
                    .securityContext(Restricted.pod())
                    .nodeSelector(Labels.nodeSelector(props.pod().placement()))
                    .tolerations(Labels.tolerations(props.pod().placement()))
                    .topologySpreadConstraints(List.of(
                        spread("topology.kubernetes.io/zone", props.name()),
                        spread("kubernetes.io/hostname", props.name())))
                    .containers(List.of(container(props)))
                    .volumes(volumes(props.workload()))
                    .build())
                .build())
            .build())
        .build());

    podDisruptionBudget = KubePodDisruptionBudget.Builder.create(this, "Pdb")
        .metadata(ObjectMeta.builder().name(props.name()).namespace(props.namespace()).labels(labels).build())
        .spec(PodDisruptionBudgetSpec.builder()
            .maxUnavailable(IntOrString.fromNumber(DisruptionClocks.AGENT_PDB_MAX_UNAVAILABLE))
            .selector(Labels.matching(props.name()))
            .build())
        .build();
  }

  /** The props the workers were written from. */
  public AgentWorkersProps props() {
    return props;
  }

  /** The agent Deployment, to add labels, annotations or JSON patches to. */
  public KubeDeployment deployment() {
    return deployment;
  }

  /** The PodDisruptionBudget: no worker is ever evicted (see {@link DisruptionClocks#AGENT_PDB_MAX_UNAVAILABLE}). */
  public KubePodDisruptionBudget podDisruptionBudget() {
    return podDisruptionBudget;
  }

  /** The ServiceAccount this construct emits, or null when the props name none to create. */
  public KubeServiceAccount serviceAccount() {
    return serviceAccount;
  }

  /**
   * Says an autoscaler owns the worker count, so the Deployment leaves {@code spec.replicas} out. A
   * {@link SessionAutoscaler} calls it on its target; call it yourself when something else (KEDA, say) scales them.
   */
  public void markHasAutoscaler() {
    if (!autoscaled && props.replicas() != null) {
      // a JSON patch, applied on the JavaScript side at synthesis: no callback into Java per object
      deployment.addJsonPatch(org.cdk8s.JsonPatch.remove("/spec/replicas"));
    }
    autoscaled = true;
  }

  /** True once an autoscaler owns the worker count. */
  public boolean hasAutoscaler() {
    return autoscaled;
  }

  private static Container container(AgentWorkersProps props) {
    var w = props.workload();
    var health = HttpGetAction.builder().path("/").port(IntOrString.fromString("health")).build();
    return Container.builder()
        .name("agent")
        .image(props.image())
        .command(w.command().isEmpty() ? null : w.command())
        .args(w.args().isEmpty() ? null : w.args())
        .ports(List.of(
            ContainerPort.builder().name("metrics").containerPort(props.metricsPort()).build(),
            ContainerPort.builder().name("health").containerPort(props.healthPort()).build()))
        .env(env(props))
        .envFrom(envFrom(w))
        .resources(resources(props))
        .startupProbe(Probe.builder().httpGet(health)
            .periodSeconds(CapacityPlan.PROBE_PERIOD_SECONDS).failureThreshold(props.startupFailureThreshold()).build())
        .readinessProbe(Probe.builder().httpGet(health).periodSeconds(5).failureThreshold(2).build())
        .livenessProbe(Probe.builder().httpGet(health).periodSeconds(10).failureThreshold(3).build())
        .securityContext(Restricted.container())
        .volumeMounts(mounts(w))
        .build();
  }

  /** The contract's variables first, then the workload's plain ones, then those read from Secrets and ConfigMaps. */
  private static List<EnvVar> env(AgentWorkersProps props) {
    var w = props.workload();
    var env = new ArrayList<EnvVar>();
    ContainerContract.LIVEKIT_ENV.forEach(name -> env.add(fromSecret(name, props.credentialsSecret(), name)));
    env.add(plain(ContainerContract.DRAIN_TIMEOUT_ENV, String.valueOf(props.drainTimeout().toSeconds())));
    env.add(plain(ContainerContract.METRICS_PORT_ENV, String.valueOf(props.metricsPort())));
    env.add(plain(ContainerContract.SESSIONS_PER_WORKER_ENV, String.valueOf(props.sessions())));
    w.env().forEach((name, value) -> env.add(plain(name, value)));
    for (var e : w.envFrom()) {
      if (e.name() == null) {
        continue;
      }
      env.add(e.secret() != null ? fromSecret(e.name(), e.secret(), e.keyOrName())
          : EnvVar.builder().name(e.name()).valueFrom(EnvVarSource.builder().configMapKeyRef(
              ConfigMapKeySelector.builder().name(e.configMap()).key(e.keyOrName()).build()).build()).build());
    }
    return env;
  }

  /** Whole Secrets and ConfigMaps; a variable of {@link #env} wins over one of these with the same name. */
  private static List<EnvFromSource> envFrom(ScalingProfile.Workload w) {
    var out = w.envFrom().stream().filter(e -> e.name() == null)
        .map(e -> EnvFromSource.builder().prefix(e.prefix())
            .secretRef(e.secret() == null ? null : SecretEnvSource.builder().name(e.secret()).build())
            .configMapRef(e.configMap() == null ? null : ConfigMapEnvSource.builder().name(e.configMap()).build())
            .build())
        .toList();
    return out.isEmpty() ? null : out;
  }

  private static EnvVar plain(String name, String value) {
    return EnvVar.builder().name(name).value(value).build();
  }

  private static EnvVar fromSecret(String name, String secretName, String key) {
    return EnvVar.builder().name(name)
        .valueFrom(EnvVarSource.builder()
            .secretKeyRef(SecretKeySelector.builder().name(secretName).key(key).build()).build())
        .build();
  }

  /** The plan's CPU and memory, and the workload's ephemeral storage when it sets any. */
  private static ResourceRequirements resources(AgentWorkersProps props) {
    var storage = props.workload().ephemeralStorage();
    var base = Labels.resources(props.pod());
    var requests = new TreeMap<>(base.getRequests());
    var limits = new TreeMap<>(base.getLimits());
    if (storage.request() != null) {
      requests.put("ephemeral-storage", Quantity.fromString(storage.request()));
    }
    if (storage.limit() != null) {
      limits.put("ephemeral-storage", Quantity.fromString(storage.limit()));
    }
    return ResourceRequirements.builder().requests(requests).limits(limits).build();
  }

  /** /tmp, the one writable path of the contract, then the profile's volumes. */
  private static List<Volume> volumes(ScalingProfile.Workload w) {
    var out = new ArrayList<Volume>();
    out.add(Volume.builder().name(ContainerContract.TMP_VOLUME)
        .emptyDir(EmptyDirVolumeSource.builder()
            .sizeLimit(Quantity.fromString(ContainerContract.TMP_SIZE_GIB + "Gi")).build())
        .build());
    for (var v : w.volumes()) {
      var volume = Volume.builder().name(v.name());
      if (v.emptyDir() != null) {
        volume.emptyDir(EmptyDirVolumeSource.builder().sizeLimit(Quantity.fromString(v.emptyDir())).build());
      } else if (v.configMap() != null) {
        volume.configMap(ConfigMapVolumeSource.builder().name(v.configMap()).build());
      } else {
        volume.secret(SecretVolumeSource.builder().secretName(v.secret()).build());
      }
      out.add(volume.build());
    }
    return out;
  }

  /** ConfigMap and Secret files are mounted read-only: the agent reads its configuration, never rewrites it. */
  private static List<VolumeMount> mounts(ScalingProfile.Workload w) {
    var out = new ArrayList<VolumeMount>();
    out.add(VolumeMount.builder().name(ContainerContract.TMP_VOLUME).mountPath(ContainerContract.TMP_PATH).build());
    for (var v : w.volumes()) {
      out.add(VolumeMount.builder().name(v.name()).mountPath(v.mountPath())
          .readOnly(v.emptyDir() == null ? Boolean.TRUE : null).build());
    }
    return out;
  }

  private static TopologySpreadConstraint spread(String topologyKey, String component) {
    return TopologySpreadConstraint.builder()
        .topologyKey(topologyKey)
        .maxSkew(1)
        .whenUnsatisfiable("ScheduleAnyway")
        .labelSelector(Labels.matching(component))
        .build();
  }
}
