package io.agentscale.k8s;

import io.agentscale.plan.ClusterPlan;
import java.util.List;
import org.cdk8s.plus28.k8s.Container;
import org.cdk8s.plus28.k8s.DeploymentSpec;
import org.cdk8s.plus28.k8s.KubeDeployment;
import org.cdk8s.plus28.k8s.ObjectMeta;
import org.cdk8s.plus28.k8s.PodSpec;
import org.cdk8s.plus28.k8s.PodTemplateSpec;
import software.constructs.Construct;

/**
 * Idle capacity kept by balloon (pause) pods, each exactly one worker's size, on the agent nodes. A real agent pod
 * preempts one at once; the evicted balloon goes Pending and the cluster autoscaler adds a node in the background.
 * With {@code kubernetes.prepull_image} each balloon first pulls the agent image in an init container, so the node an
 * agent preempts its way onto already holds the image and the agent starts without a multi-GB pull.
 * Their PriorityClass is cluster-wide and emitted once, with the cluster ({@link ClusterChart}).
 */
public class NodeBuffer extends Construct {
  public static final String PAUSE_IMAGE = "registry.k8s.io/pause:3.10";

  private final KubeDeployment deployment;

  /** @throws IllegalArgumentException naming the first prop that cannot be written */
  public NodeBuffer(Construct scope, String id, NodeBufferProps props) {
    super(scope, id);
    props.validate();
    var pod = props.pod();
    String name = props.name();
    var labels = Labels.of(name, props.agent());

    deployment = KubeDeployment.Builder.create(this, "Deployment")
        .metadata(ObjectMeta.builder().name(name).namespace(props.namespace()).labels(labels).build())
        .spec(DeploymentSpec.builder()
            .replicas(props.balloons())
            .selector(Labels.matching(name))
            .template(PodTemplateSpec.builder()
                .metadata(ObjectMeta.builder().labels(labels).build())
                .spec(PodSpec.builder()
                    .priorityClassName(ClusterPlan.BALLOON_PRIORITY_CLASS)
                    .terminationGracePeriodSeconds(0)
                    .automountServiceAccountToken(false)
                    .securityContext(Restricted.pod())
                    .nodeSelector(Labels.nodeSelector(pod.placement()))
                    .tolerations(Labels.tolerations(pod.placement()))
                    .initContainers(props.prepull() != null ? List.of(prepull(props.prepull())) : null)
                    .containers(List.of(Container.builder()
                        .name("pause")
                        .image(PAUSE_IMAGE)
                        .resources(Labels.resources(pod))
                        .securityContext(Restricted.container())
                        .build()))
                    .build())
                .build())
            .build())
        .build();
  }

  /** The balloon Deployment. */
  public KubeDeployment deployment() {
    return deployment;
  }

  /**
   * Pulls the agent image onto the balloon's node and exits at once (the image needs the command: `true` by default).
   * Its requests are tiny and init requests count as a maximum, not a sum, so the balloon still holds one worker's room.
   */
  private static Container prepull(NodeBufferProps.Prepull prepull) {
    var tiny = org.cdk8s.plus28.k8s.Quantity.fromString("32Mi");
    return Container.builder()
        .name("prepull-agent-image")
        .image(prepull.image())
        .command(prepull.command())
        .resources(org.cdk8s.plus28.k8s.ResourceRequirements.builder()
            .requests(java.util.Map.of("cpu", org.cdk8s.plus28.k8s.Quantity.fromString("10m"), "memory", tiny))
            .limits(java.util.Map.of("memory", tiny))
            .build())
        .securityContext(Restricted.container())
        .build();
  }
}
