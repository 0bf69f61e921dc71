package io.agentscale.k8s;

import io.agentscale.plan.CapacityPlan;
import io.agentscale.plan.ClusterPlan;
import io.agentscale.plan.PodShape;
import io.agentscale.profile.ScalingProfile;
import java.util.List;
import java.util.TreeMap;
import org.cdk8s.plus28.k8s.Container;
import org.cdk8s.plus28.k8s.ContainerPort;
import org.cdk8s.plus28.k8s.DeploymentSpec;
import org.cdk8s.plus28.k8s.DeploymentStrategy;
import org.cdk8s.plus28.k8s.EmptyDirVolumeSource;
import org.cdk8s.plus28.k8s.EnvVar;
import org.cdk8s.plus28.k8s.EnvVarSource;
import org.cdk8s.plus28.k8s.HttpGetAction;
import org.cdk8s.plus28.k8s.IntOrString;
import org.cdk8s.plus28.k8s.KubeDeployment;
import org.cdk8s.plus28.k8s.KubePodDisruptionBudget;
import org.cdk8s.plus28.k8s.ObjectMeta;
import org.cdk8s.plus28.k8s.PodDisruptionBudgetSpec;
import org.cdk8s.plus28.k8s.PodSpec;
import org.cdk8s.plus28.k8s.PodTemplateSpec;
import org.cdk8s.plus28.k8s.Probe;
import org.cdk8s.plus28.k8s.Quantity;
import org.cdk8s.plus28.k8s.RollingUpdateDeployment;
import org.cdk8s.plus28.k8s.SecretKeySelector;
import org.cdk8s.plus28.k8s.TopologySpreadConstraint;
import org.cdk8s.plus28.k8s.Volume;
import org.cdk8s.plus28.k8s.VolumeMount;
import software.constructs.Construct;

/**
 * The agent Deployment and its PodDisruptionBudget. The Deployment has no {@code spec.replicas}: the HPA owns the
 * count, and a re-apply must never reset it.
 */
public final class AgentWorkers extends Construct {
  /** Environment variable carrying the worker's drain timeout in seconds; README shows how an agent reads it. */
  public static final String DRAIN_TIMEOUT_ENV = "AGENT_DRAIN_TIMEOUT";

  public AgentWorkers(Construct scope, String id, ScalingProfile profile, CapacityPlan plan) {
    super(scope, id);
    var k = profile.kubernetes();
    var pod = ClusterPlan.agentPod(new ClusterPlan.Agent(profile, plan));
    var labels = Labels.of(k.deployment(), profile.name());

    var annotations = new TreeMap<String, String>();
    annotations.put("prometheus.io/scrape", "true");
    annotations.put("prometheus.io/port", String.valueOf(profile.metrics().port()));
    annotations.put("prometheus.io/path", "/metrics");
    // A node hosting live calls is never drained by the cluster autoscaler; the HPA removes agents first.
    annotations.put("cluster-autoscaler.kubernetes.io/safe-to-evict", "false");

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
                    .automountServiceAccountToken(false)
                    .securityContext(Restricted.pod())
                    .nodeSelector(Labels.nodeSelector(pod.placement()))
                    .tolerations(Labels.tolerations(pod.placement()))
                    .topologySpreadConstraints(List.of(
                        spread("topology.kubernetes.io/zone", k.deployment()),
                        spread("kubernetes.io/hostname", k.deployment())))
                    .containers(List.of(container(profile, plan, pod)))
                    .volumes(List.of(Volume.builder().name("tmp")
                        .emptyDir(EmptyDirVolumeSource.builder().sizeLimit(Quantity.fromString("1Gi")).build())
                        .build()))
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
        .ports(List.of(
            ContainerPort.builder().name("metrics").containerPort(profile.metrics().port()).build(),
            ContainerPort.builder().name("health").containerPort(k.healthPort()).build()))
        .env(List.of(
            secret("LIVEKIT_URL", k.credentialsSecret()),
            secret("LIVEKIT_API_KEY", k.credentialsSecret()),
            secret("LIVEKIT_API_SECRET", k.credentialsSecret()),
            EnvVar.builder().name(DRAIN_TIMEOUT_ENV).value(String.valueOf(k.drainTimeout().toSeconds())).build(),
            EnvVar.builder().name("AGENT_METRICS_PORT").value(String.valueOf(profile.metrics().port())).build(),
            EnvVar.builder().name("AGENT_SESSIONS_PER_WORKER").value(String.valueOf(w.sessions())).build()))
        .resources(Labels.resources(pod))
        .startupProbe(Probe.builder().httpGet(health)
            .periodSeconds(CapacityPlan.PROBE_PERIOD_SECONDS).failureThreshold(w.startupFailureThreshold()).build())
        .readinessProbe(Probe.builder().httpGet(health).periodSeconds(5).failureThreshold(2).build())
        .livenessProbe(Probe.builder().httpGet(health).periodSeconds(10).failureThreshold(3).build())
        .securityContext(Restricted.container())
        .volumeMounts(List.of(VolumeMount.builder().name("tmp").mountPath("/tmp").build()))
        .build();
  }

  private static EnvVar secret(String key, String secretName) {
    return EnvVar.builder().name(key)
        .valueFrom(EnvVarSource.builder()
            .secretKeyRef(SecretKeySelector.builder().name(secretName).key(key).build()).build())
        .build();
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
