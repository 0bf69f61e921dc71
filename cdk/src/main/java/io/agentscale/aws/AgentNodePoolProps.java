package io.agentscale.aws;

import io.agentscale.plan.AgentNodes;
import io.agentscale.plan.CapacityPlan;
import java.util.List;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.eks_v2.CapacityType;
import software.amazon.awscdk.services.eks_v2.ICluster;

/**
 * What {@link AgentNodePool} creates: one managed node group per zone for one profile's agents.
 *
 * @param cluster the cluster the groups join: a new one's, or one imported by attributes (tests and EXISTING clusters)
 * @param clusterName the name the cluster autoscaler discovers the groups by ({@code k8s.io/cluster-autoscaler/NAME})
 * @param subnets one private subnet per zone, in zone order; at least as many as {@code zones}
 * @param nodes the label and taint of the agent nodes, the same the Deployment and balloons select and tolerate
 * @param node instance types, architecture and root volume size, from the plan
 * @param zones each zone's group size, from the plan: their sum is the plan's
 * @param capacityType ON_DEMAND unless the profile asks for SPOT: a spot reclaim drops the calls on the node
 */
public record AgentNodePoolProps(ICluster cluster, String clusterName, List<ISubnet> subnets, AgentNodes nodes,
    CapacityPlan.Node node, List<CapacityPlan.ZoneSize> zones, CapacityType capacityType) {
  public AgentNodePoolProps {
    subnets = subnets == null ? null : List.copyOf(subnets);
    zones = zones == null ? null : List.copyOf(zones);
  }

  /** One profile's pool, from its stack's inputs, in {@code cluster} and {@code subnets}. */
  public static AgentNodePoolProps from(AwsInputs inputs, ICluster cluster, String clusterName,
      List<ISubnet> subnets) {
    return new AgentNodePoolProps(cluster, clusterName, subnets, inputs.agentNodes(), inputs.node(),
        inputs.nodeGroup().zones(), inputs.aws().capacityType() == io.agentscale.profile.CapacityType.SPOT
            ? CapacityType.SPOT : CapacityType.ON_DEMAND);
  }

  /** Throws naming the first prop the construct cannot create. */
  void validate() {
    require(cluster != null, "AgentNodePoolProps.cluster is required");
    require(clusterName != null && !clusterName.isBlank(),
        "AgentNodePoolProps.clusterName must not be blank, got " + (clusterName == null ? "null" : "'" + clusterName + "'"));
    require(nodes != null, "AgentNodePoolProps.nodes is required");
    require(node != null && !node.instanceTypes().isEmpty(),
        "AgentNodePoolProps.node must name at least one instance type");
    require(zones != null && !zones.isEmpty(), "AgentNodePoolProps.zones must hold at least one zone, got " + zones);
    require(subnets != null && subnets.size() >= zones.size(), "AgentNodePoolProps.subnets must hold one subnet per "
        + "zone (" + zones.size() + "), got " + (subnets == null ? 0 : subnets.size()));
    for (int z = 0; z < zones.size(); z++) {
      var size = zones.get(z);
      require(size.minSize() >= 0 && size.maxSize() >= Math.max(1, size.minSize()),
          "AgentNodePoolProps.zones[" + z + "] must have 0 <= minSize <= maxSize and maxSize >= 1, got "
              + size.minSize() + ".." + size.maxSize());
    }
    require(capacityType != null, "AgentNodePoolProps.capacityType is required");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
