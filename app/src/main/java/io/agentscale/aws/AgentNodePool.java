package io.agentscale.aws;

import io.agentscale.plan.AgentNodes;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.eks.CfnNodegroup;
import software.amazon.awscdk.services.eks_v2.CapacityType;
import software.amazon.awscdk.services.eks_v2.ICluster;
import software.amazon.awscdk.services.eks_v2.Nodegroup;
import software.amazon.awscdk.services.eks_v2.NodegroupAmiType;
import software.amazon.awscdk.services.eks_v2.TaintEffect;
import software.amazon.awscdk.services.eks_v2.TaintSpec;
import software.constructs.Construct;

/**
 * The EKS managed node group dedicated to agent workers; one Nodegroup child with id "Resource". Its label and taint
 * are the ones the agent Deployment and balloon pods select and tolerate ({@link AgentNodes}); min and max sizes come
 * from the capacity plan. No fixed node-group name: a rename would replace the group and drop every node at once.
 */
public final class AgentNodePool extends Construct {
  /** Context key: set to true on deploys after the first so the autoscaler's desired size is never reset. */
  public static final String KEEP_DESIRED_SIZE_CONTEXT = "nodegroupExists";

  private final Nodegroup nodegroup;

  /**
   * @param subnets the node subnets of a new cluster (its first availability_zones private subnets)
   * @param subnetIds or, for an EXISTING cluster, the subnet ids given at deploy time
   */
  public AgentNodePool(Construct scope, String id, ICluster cluster, String clusterName, SubnetSelection subnets,
      List<String> subnetIds, AwsInputs inputs) {
    super(scope, id);
    var nodes = inputs.agentNodes();
    var size = inputs.nodeGroup();
    nodegroup = Nodegroup.Builder.create(this, "Resource")
        .cluster(cluster)
        .instanceTypes(List.of(new InstanceType(inputs.node().instanceType())))
        .amiType(inputs.node().arm64() ? NodegroupAmiType.AL2023_ARM_64_STANDARD : NodegroupAmiType.AL2023_X86_64_STANDARD)
        .capacityType(inputs.aws().capacityType() == io.agentscale.profile.CapacityType.SPOT
            ? CapacityType.SPOT : CapacityType.ON_DEMAND)
        .minSize(size.minSize())
        .maxSize(size.maxSize())
        .desiredSize(size.minSize())
        .subnets(subnetIds == null ? subnets : SubnetSelection.builder().subnets(List.of()).build())
        .launchTemplateSpec(LaunchTemplates.imdsV2Only(this))
        .labels(Map.of(nodes.labelKey(), nodes.labelValue()))
        .taints(List.of(TaintSpec.builder()
            .key(nodes.taintKey()).value(nodes.taintValue()).effect(TaintEffect.NO_SCHEDULE).build()))
        .tags(Map.of(
            "k8s.io/cluster-autoscaler/enabled", "true",
            "k8s.io/cluster-autoscaler/" + clusterName, "owned"))
        .build();
    var cfn = (CfnNodegroup) nodegroup.getNode().getDefaultChild();
    if (subnetIds != null) {
      cfn.addPropertyOverride("Subnets", subnetIds);
    }
    if ("true".equals(String.valueOf(getNode().tryGetContext(KEEP_DESIRED_SIZE_CONTEXT)))) {
      cfn.addPropertyDeletionOverride("ScalingConfig.DesiredSize");
    }
  }

  /** The node group, with its role and cluster, for a user who extends it. */
  public Nodegroup nodegroup() {
    return nodegroup;
  }
}
