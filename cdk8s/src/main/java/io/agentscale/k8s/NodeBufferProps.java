package io.agentscale.k8s;

import io.agentscale.plan.CapacityPlan;
import io.agentscale.plan.ClusterPlan;
import io.agentscale.plan.PodShape;
import io.agentscale.profile.ScalingProfile;
import java.util.List;

/**
 * What {@link NodeBuffer} writes: a Deployment of balloon (pause) pods holding idle worker room.
 *
 * @param agent the profile's name, written as the {@code agentscale.io/agent} label
 * @param namespace the workers' namespace; balloons sit beside them
 * @param name the balloon Deployment's name; {@link #from} uses {@link ClusterPlan#balloonName}
 * @param balloons how many balloon pods (from the plan's buffer); at least 1, leave the construct out for none
 * @param pod where the balloons run and what each requests: exactly one worker's size on the workers' nodes (from the
 *     plan, {@link ClusterPlan#balloonPod})
 * @param prepull the agent image each balloon pulls first in an init container, so the node an agent preempts its
 *     way onto already holds it; null pulls nothing
 */
public record NodeBufferProps(String agent, String namespace, String name, int balloons, PodShape pod,
    Prepull prepull) {

  /**
   * An image pulled and run once with a command that exits at once.
   *
   * @param command the image needs it: {@code true} by default ({@code kubernetes.prepull_command})
   */
  public record Prepull(String image, List<String> command) {
    public Prepull {
      command = List.copyOf(command);
    }
  }

  /** The balloons of one profile, from its plan; null when the plan keeps none. */
  public static NodeBufferProps from(ScalingProfile profile, CapacityPlan plan) {
    if (plan.buffer().balloonPods() == 0) {
      return null;
    }
    var k = profile.kubernetes();
    return new NodeBufferProps(profile.name(), k.namespace(), ClusterPlan.balloonName(profile),
        plan.buffer().balloonPods(), ClusterPlan.balloonPod(new ClusterPlan.Agent(profile, plan)),
        k.prepullImage() ? new Prepull(k.image(), List.of(k.prepullCommand().split(" "))) : null);
  }

  /** Throws naming the first prop the construct cannot write. */
  void validate() {
    Props.notBlank("NodeBufferProps.agent", agent);
    Props.notBlank("NodeBufferProps.namespace", namespace);
    Props.notBlank("NodeBufferProps.name", name);
    Props.atLeast("NodeBufferProps.balloons", balloons, 1);
    Props.notNull("NodeBufferProps.pod", pod);
    if (prepull != null) {
      Props.notBlank("NodeBufferProps.prepull.image", prepull.image());
      Props.notEmpty("NodeBufferProps.prepull.command", prepull.command());
    }
  }
}
