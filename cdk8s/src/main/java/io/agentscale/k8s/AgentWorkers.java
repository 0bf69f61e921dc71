package io.agentscale.k8s;

import io.agentscale.plan.CapacityPlan;
import io.agentscale.plan.ClusterPlan;
import io.agentscale.plan.PodShape;
import io.agentscale.profile.ContainerContract;
import io.agentscale.profile.ScalingProfile;
import java.util.ArrayList;
import java.util.List;
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
 * The agent Deployment, its PodDisruptionBudget and, when the profile names one to create, its ServiceAccount. The
 * Deployment has no {@code spec.replicas}: the HPA owns the count, and a re-apply must never reset it. What it imposes
 * on the container is {@link ContainerContract}.
 */
public final class AgentWorkers extends Construct {
  /** Environment variable carrying the worker's drain timeout in seconds; README shows how an agent reads it. */
  public static final String DRAIN_TIMEOUT_ENV = ContainerContract.DRAIN_TIMEOUT_ENV;

  private final KubeServiceAccount serviceAccount;

  public AgentWorkers(Construct scope, String id, ScalingProfile profile, CapacityPlan plan) {
    super(scope, id);
    var k = profile.kubernetes();
    var sa = k.workload().serviceAccount();
    var pod = ClusterPlan.agentPod(new ClusterPlan.Agent(profile, plan));
    var labels = Labels.of(k.deployment(), profile.name());

    var annotations = new TreeMap<String, String>();
    annotations.put("prometheus.io/scrape", "true");
    annotations.put("prometheus.io/port", String.valueOf(profile.metrics().port()));
    annotations.put("prometheus.io/path", "/metrics");
    // A node hosting live calls is never drained by the cluster autoscaler; the HPA removes agents first.
    annotations.put("cluster-autoscaler.kubernetes.io/safe-to-evict", "false");

    // No token: an agent talks to LiveKit and its providers, never to the Kubernetes API. EKS Pod Identity mounts
    // its own token for the AWS SDKs.
    serviceAccount = sa.name() != null && sa.create()
        ? KubeServiceAccount.Builder.create(this, "ServiceAccount")
            .metadata(ObjectMeta.builder().name(sa.name()).namespace(k.namespace()).labels(labels).build())
            .automountServiceAccountToken(false)
            .build()
        : null;

    KubeDeployment.Builder.create(this, "Deployment")
        .metadata(ObjectMeta.builder().name(k.deployment()).namespace(k.namespace()).labels(labels).build())
        .spec(DeploymentSpec.builder()
            .selector(Labels.matching(k.deployment()))
            .revisionHistoryLimit(5)
            // Surge new pods first and keep every serving pod until its replacement is ready.
            .strategy(DeploymentStrategy.builder().type("RollingUpdate")
                .rollingUpdate(RollingUpdateDeployment.builder()
                    .maxSurge(IntOrString.fromString("25%")).maxUnavailable(IntOrString.fromNumber(0)).build())
                .build())
            .template(PodTemplateSpec.builder()
                .metadata(ObjectMeta.builder().labels(labels).annotations(annotations).build())
                .spec(PodSpec.builder()
                    .terminationGracePeriodSeconds(k.gracePeriod().toSeconds())
                    .serviceAccountName(sa.name())
                    .automountServiceAccountToken(false)
                    .securityContext(Restricted.pod())
                    .nodeSelector(Labels.nodeSelector(pod.placement()))
                    .tolerations(Labels.tolerations(pod.placement()))
                    .topologySpreadConstraints(List.of(
                        spread("topology.kubernetes.io/zone", k.deployment()),
                        spread("kubernetes.io/hostname", k.deployment())))
                    .containers(List.of(container(profile, plan, pod)))
                    .volumes(volumes(profile))
                    .build())
                .build())
            .build())
        .build();

    KubePodDisruptionBudget.Builder.create(this, "Pdb")
        .metadata(ObjectMeta.builder().name(k.deployment()).namespace(k.namespace()).labels(labels).build())
        .spec(PodDisruptionBudgetSpec.builder()
            .maxUnavailable(IntOrString.fromNumber(1))
            .selector(Labels.matching(k.deployment()))
            .build())
        .build();
  }

  private static Container container(ScalingProfile profile, CapacityPlan plan, PodShape pod) {
    var k = profile.kubernetes();
    var w = plan.worker();
    var health = HttpGetAction.builder().path("/").port(IntOrString.fromString("health")).build();
    return Container.builder()
        .name("agent")
        .image(k.image())
        .command(w(profile).command().isEmpty() ? null : w(profile).command())
        .args(w(profile).args().isEmpty() ? null : w(profile).args())
        .ports(List.of(
            ContainerPort.builder().name("metrics").containerPort(profile.metrics().port()).build(),
            ContainerPort.builder().name("health").containerPort(k.healthPort()).build()))
        .env(env(profile, w.sessions()))
        .envFrom(envFrom(profile))
        .resources(resources(profile, pod))
        .startupProbe(Probe.builder().httpGet(health)
            .periodSeconds(CapacityPlan.PROBE_PERIOD_SECONDS).failureThreshold(w.startupFailureThreshold()).build())
        .readinessProbe(Probe.builder().httpGet(health).periodSeconds(5).failureThreshold(2).build())
        .livenessProbe(Probe.builder().httpGet(health).periodSeconds(10).failureThreshold(3).build())
        .securityContext(Restricted.container())
        .volumeMounts(mounts(profile))
        .build();
  }

  /** The ServiceAccount this construct emits, or null when the profile names none to create. */
  public KubeServiceAccount serviceAccount() {
    return serviceAccount;
  }

  private static ScalingProfile.Workload w(ScalingProfile profile) {
    return profile.kubernetes().workload();
  }

  /** The contract's variables first, then the profile's plain ones, then those read from Secrets and ConfigMaps. */
  private static List<EnvVar> env(ScalingProfile profile, int sessions) {
    var k = profile.kubernetes();
    var env = new ArrayList<EnvVar>();
    ContainerContract.LIVEKIT_ENV.forEach(name -> env.add(fromSecret(name, k.credentialsSecret(), name)));
    env.add(plain(ContainerContract.DRAIN_TIMEOUT_ENV, String.valueOf(k.drainTimeout().toSeconds())));
    env.add(plain(ContainerContract.METRICS_PORT_ENV, String.valueOf(profile.metrics().port())));
    env.add(plain(ContainerContract.SESSIONS_PER_WORKER_ENV, String.valueOf(sessions)));
    w(profile).env().forEach((name, value) -> env.add(plain(name, value)));
    for (var e : w(profile).envFrom()) {
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
  private static List<EnvFromSource> envFrom(ScalingProfile profile) {
    var out = w(profile).envFrom().stream().filter(e -> e.name() == null)
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

  /** The plan's CPU and memory, and the profile's ephemeral storage when it sets any. */
  private static ResourceRequirements resources(ScalingProfile profile, PodShape pod) {
    var storage = w(profile).ephemeralStorage();
    var base = Labels.resources(pod);
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
  private static List<Volume> volumes(ScalingProfile profile) {
    var out = new ArrayList<Volume>();
    out.add(Volume.builder().name(ContainerContract.TMP_VOLUME)
        .emptyDir(EmptyDirVolumeSource.builder()
            .sizeLimit(Quantity.fromString(ContainerContract.TMP_SIZE_GIB + "Gi")).build())
        .build());
    for (var v : w(profile).volumes()) {
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
  private static List<VolumeMount> mounts(ScalingProfile profile) {
    var out = new ArrayList<VolumeMount>();
    out.add(VolumeMount.builder().name(ContainerContract.TMP_VOLUME).mountPath(ContainerContract.TMP_PATH).build());
    for (var v : w(profile).volumes()) {
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
