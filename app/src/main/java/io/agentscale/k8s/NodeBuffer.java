package io.agentscale.k8s;

import io.agentscale.plan.AgentNodes;
import io.agentscale.plan.CapacityPlan;
import io.agentscale.profile.ScalingProfile;
import java.util.List;
import java.util.Map;
import org.cdk8s.plus28.k8s.Container;
import org.cdk8s.plus28.k8s.DeploymentSpec;
import org.cdk8s.plus28.k8s.KubeDeployment;
import org.cdk8s.plus28.k8s.KubePriorityClass;
import org.cdk8s.plus28.k8s.ObjectMeta;
import org.cdk8s.plus28.k8s.PodSpec;
import org.cdk8s.plus28.k8s.PodTemplateSpec;
import org.cdk8s.plus28.k8s.Quantity;
import org.cdk8s.plus28.k8s.ResourceRequirements;
import software.constructs.Construct;

/**
 * Idle capacity kept by balloon (pause) pods, each exactly one worker's size, on the agent nodes. A real agent pod
 * preempts one at once; the evicted balloon goes Pending and the cluster autoscaler adds a node in the background.
 */
public final class NodeBuffer extends Construct {
  /** The lowest priority the cluster autoscaler still scales up for (--expendable-pods-priority-cutoff = -10). */
  public static final int PRIORITY = -10;
  public static final String PAUSE_IMAGE = "registry.k8s.io/pause:3.10";

  public NodeBuffer(Construct scope, String id, ScalingProfile profile, CapacityPlan plan) {
    super(scope, id);
    var k = profile.kubernetes();
    var nodes = AgentNodes.of(profile);
    String name = k.deployment() + "-balloon";
    var labels = Labels.of(name, profile.name());

    KubePriorityClass.Builder.create(this, "Priority")
        .metadata(ObjectMeta.builder().name(profile.name() + "-balloon").labels(labels).build())
        .value(PRIORITY)
        .globalDefault(false)
        .preemptionPolicy("Never")
        .description("Balloon pods holding idle agent capacity for " + profile.name()
            + "; any real pod preempts them.")
        .build();

    var w = plan.worker();
    var size = Map.of(
        "cpu", Quantity.fromString(w.cpuMillis() + "m"),
        "memory", Quantity.fromString(w.memoryMiB() + "Mi"));
    KubeDeployment.Builder.create(this, "Deployment")
        .metadata(ObjectMeta.builder().name(name).namespace(k.namespace()).labels(labels).build())
        .spec(DeploymentSpec.builder()
            .replicas(plan.buffer().balloonPods())
            .selector(Labels.matching(name))
            .template(PodTemplateSpec.builder()
                .metadata(ObjectMeta.builder().labels(labels).build())
                .spec(PodSpec.builder()
                    .priorityClassName(profile.name() + "-balloon")
                    .terminationGracePeriodSeconds(0)
                    .automountServiceAccountToken(false)
                    .securityContext(Restricted.pod())
                    .nodeSelector(Labels.nodeSelector(nodes))
                    .tolerations(Labels.tolerations(nodes))
                    .containers(List.of(Container.builder()
                        .name("pause")
                        .image(PAUSE_IMAGE)
                        .resources(ResourceRequirements.builder().requests(size)
                            .limits(Map.of("memory", size.get("memory"))).build())
                        .securityContext(Restricted.container())
                        .build()))
                    .build())
                .build())
            .build())
        .build();
  }
}
