package io.agentscale.aws;

import io.agentscale.plan.AgentNodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.eks.CfnNodegroup;
import software.amazon.awscdk.services.eks_v2.ICluster;
import software.amazon.awscdk.services.eks_v2.Nodegroup;
import software.amazon.awscdk.services.eks_v2.NodegroupAmiType;
import software.amazon.awscdk.services.eks_v2.TaintEffect;
import software.amazon.awscdk.services.eks_v2.TaintSpec;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * The EKS managed node groups dedicated to one profile's agents: one per availability zone ("Zone1", "Zone2", …),
 * identical but for their size, sharing one node role and one launch template. Their label and taint are the ones
 * the agent Deployment and balloon pods select and tolerate ({@link AgentNodes}); sizes come from the capacity plan.
 * No fixed node-group names: a rename would replace a group and drop every node at once.
 *
 * <p>Updates never cut a call by force: {@code forceUpdate} is off (a node whose agents are still draining fails
 * the update instead of being killed after EKS's 15 minutes) and at most one node per group is replaced at a time.
 * {@code DesiredSize} is each group's maximum: CloudFormation sends it only when the group's size bounds change, and
 * then a deploy can only grow a group the cluster autoscaler has grown, never shrink it under live calls; the
 * autoscaler removes the nodes that are not needed after {@code cluster.scale_down_unneeded_time}.
 */
public class AgentNodePool extends Construct {
  private final ICluster cluster;
  private final Role role;
  private final List<Nodegroup> zones = new ArrayList<>();

  /** @throws IllegalArgumentException naming the first prop that cannot be created */
  public AgentNodePool(Construct scope, String id, AgentNodePoolProps props) {
    super(scope, id);
    props.validate();
    cluster = props.cluster();
    var nodes = props.nodes();
    var node = props.node();
    role = Role.Builder.create(this, "NodeRole")
        .assumedBy(new ServicePrincipal("ec2.amazonaws.com"))
        .managedPolicies(List.of(
            ManagedPolicy.fromAwsManagedPolicyName("AmazonEKSWorkerNodePolicy"),
            ManagedPolicy.fromAwsManagedPolicyName("AmazonEKS_CNI_Policy"),
            ManagedPolicy.fromAwsManagedPolicyName("AmazonEC2ContainerRegistryReadOnly")))
        .build();
    var launchTemplate = LaunchTemplates.agentNodes(this, node.rootVolumeGiB());
    var sizes = props.zones();
    for (int z = 0; z < sizes.size(); z++) {
      var size = sizes.get(z);
      var group = Nodegroup.Builder.create(this, "Zone" + (z + 1))
          .cluster(cluster)
          .nodeRole(role)
          .instanceTypes(node.instanceTypes().stream().map(InstanceType::new).toList())
          .amiType(node.arm64() ? NodegroupAmiType.AL2023_ARM_64_STANDARD : NodegroupAmiType.AL2023_X86_64_STANDARD)
          .capacityType(props.capacityType())
          .minSize(size.minSize())
          .maxSize(size.maxSize())
          .desiredSize(size.maxSize())
          .forceUpdate(false)
          .maxUnavailable(1)
          .subnets(SubnetSelection.builder().subnets(List.of(props.subnets().get(z))).build())
          .launchTemplateSpec(launchTemplate)
          .labels(Map.of(nodes.labelKey(), nodes.labelValue()))
          .taints(List.of(TaintSpec.builder()
              .key(nodes.taintKey()).value(nodes.taintValue()).effect(TaintEffect.NO_SCHEDULE).build()))
          .tags(Map.of(
              "k8s.io/cluster-autoscaler/enabled", "true",
              "k8s.io/cluster-autoscaler/" + props.clusterName(), "owned"))
          .build();
      // One zone at a time: a launch-template change updates the groups in turn, never every zone at once.
      if (!zones.isEmpty()) {
        group.getNode().addDependency(zones.get(zones.size() - 1));
      }
      zones.add(group);
    }
  }

  /** The node groups, one per zone in zone order, for a user who extends them. */
  public List<Nodegroup> zones() {
    return List.copyOf(zones);
  }

  /** The cluster the groups joined. */
  public ICluster cluster() {
    return cluster;
  }

  /** The one node role of every zone's group. */
  public Role role() {
    return role;
  }

  /** The CloudFormation resource of one zone's group. */
  static CfnNodegroup resource(Nodegroup group) {
    return (CfnNodegroup) group.getNode().getDefaultChild();
  }
}
