package io.agentscale.aws;

import io.agentscale.plan.AgentNodes;
import io.agentscale.plan.CapacityPlan;
import io.agentscale.profile.ScalingProfile;

/**
 * Everything one profile's stack is built from: the profile's name and {@code aws} section, and the plan's node
 * choice and node-group size. The constructs see nothing else, so equal inputs synthesize the same template; an
 * edit that leaves them equal (a scaling threshold, say) leaves the AWS side as it was.
 */
public record AwsInputs(String name, ScalingProfile.Aws aws, CapacityPlan.Node node, CapacityPlan.NodeGroup nodeGroup,
    AgentServiceAccount agentServiceAccount) {
  /** The ServiceAccount the agent role is bound to: the profile's namespace and service account name. */
  public record AgentServiceAccount(String namespace, String name) {}

  public static AwsInputs of(ScalingProfile profile, CapacityPlan plan) {
    var k = profile.kubernetes();
    return new AwsInputs(profile.name(), profile.aws(), plan.node(), plan.nodeGroup(),
        new AgentServiceAccount(k.namespace(), k.workload().serviceAccount().name()));
  }

  /** The agent role's props in {@code clusterName}, or null when the profile asks for none. */
  public AgentRoleProps agentRole(String clusterName) {
    if (aws.agentRolePolicyArns().isEmpty()) {
      return null;
    }
    return new AgentRoleProps(clusterName, agentServiceAccount.namespace(), agentServiceAccount.name(),
        aws.agentRolePolicyArns());
  }

  /** The label and taint of the agent nodes, the same as the Kubernetes side selects and tolerates. */
  public AgentNodes agentNodes() {
    return AgentNodes.named(name);
  }
}
