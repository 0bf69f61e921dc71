package io.agentscale.aws;

import io.agentscale.plan.AgentNodes;
import io.agentscale.plan.CapacityPlan;
import io.agentscale.profile.ScalingProfile;

/**
 * Everything one profile's stack is built from: the profile's name and {@code aws} section, and the plan's node
 * choice and node-group size. The constructs see nothing else, so equal inputs synthesize the same template; an
 * edit that leaves them equal (a scaling threshold, say) leaves the AWS side as it was.
 */
public record AwsInputs(String name, ScalingProfile.Aws aws, CapacityPlan.Node node, CapacityPlan.NodeGroup nodeGroup) {
  public static AwsInputs of(ScalingProfile profile, CapacityPlan plan) {
    return new AwsInputs(profile.name(), profile.aws(), plan.node(), plan.nodeGroup());
  }

  /** The label and taint of the agent nodes, the same as the Kubernetes side selects and tolerates. */
  public AgentNodes agentNodes() {
    return AgentNodes.named(name);
  }
}
