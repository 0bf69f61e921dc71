package io.agentscale.aws;

import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnOutputProps;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.Subnet;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcAttributes;
import software.amazon.awscdk.services.eks_v2.Cluster;
import software.amazon.awscdk.services.eks_v2.ClusterAttributes;
import software.amazon.awscdk.services.eks_v2.ICluster;
import software.constructs.Construct;

/**
 * One profile's AWS side: its agent node pool. In a NEW cluster it joins the {@link ClusterStack} (in the first
 * availability_zones of the cluster's private subnets); on an EXISTING cluster it joins the cluster the profile (or
 * context key cluster-name) names, in the subnets given at deploy time through the {@value #NODE_SUBNETS_PARAMETER}
 * parameter, and nothing cluster-wide is created.
 */
public final class AgentPlatformStack extends Stack {
  public static final String CLUSTER_NAME_CONTEXT = "cluster-name";
  /** EXISTING mode: the CloudFormation parameter naming the node subnets, given at deploy time. */
  public static final String NODE_SUBNETS_PARAMETER = "NodeSubnetIds";

  private final AgentNodePool pool;
  private final AgentRole agentRole;

  /** @param clusterStack the new cluster's stack, or null to join an EXISTING cluster */
  public AgentPlatformStack(Construct scope, String id, StackProps props, AwsInputs inputs, ClusterStack clusterStack) {
    super(scope, id, props);
    var aws = inputs.aws();
    int zones = inputs.nodeGroup().zones().size();
    String clusterName;
    if (clusterStack != null) {
      // The cluster's VPC spans the largest zone count of its profiles: this profile's groups take the first ones.
      // A region with fewer zones (or the CDK's placeholder zones before its lookup) puts two groups in one zone.
      var privateSubnets = clusterStack.vpc().getPrivateSubnets();
      var subnets = new java.util.ArrayList<ISubnet>();
      for (int z = 0; z < zones; z++) {
        subnets.add(privateSubnets.get(z % privateSubnets.size()));
      }
      clusterName = aws.clusterName();
      pool = new AgentNodePool(this, "NodePool",
          AgentNodePoolProps.from(inputs, clusterStack.cluster(), clusterName, subnets));
    } else {
      clusterName = String.valueOf(java.util.Objects.requireNonNullElse(
          getNode().tryGetContext(CLUSTER_NAME_CONTEXT), aws.clusterName()));
      var nodeSubnets = CfnParameter.Builder.create(this, NODE_SUBNETS_PARAMETER)
          .type("List<AWS::EC2::Subnet::Id>")
          .description("One private subnet per zone of the agents' cluster, " + zones + " in all, one node group "
              + "each (README: finding the private subnets)")
          .build().getValueAsList();
      var subnets = new java.util.ArrayList<ISubnet>();
      for (int z = 0; z < zones; z++) {
        subnets.add(Subnet.fromSubnetId(this, "NodeSubnet" + (z + 1), Fn.select(z, nodeSubnets)));
      }
      // The node group takes its subnets from the parameter. The imported cluster needs a VPC object only to
      // satisfy the construct API; nothing of it reaches the template, and synth needs no lookup or credentials.
      var vpc = Vpc.fromVpcAttributes(this, "ClusterVpc", VpcAttributes.builder()
          .vpcId(Aws.NO_VALUE).availabilityZones(Fn.getAzs()).build());
      ICluster cluster = Cluster.fromClusterAttributes(this, "Cluster",
          ClusterAttributes.builder().clusterName(clusterName).vpc(vpc).build());
      pool = new AgentNodePool(this, "NodePool", AgentNodePoolProps.from(inputs, cluster, clusterName, subnets));
    }
    NagSuppressions.addResourceSuppressions(pool, NodeRoleSuppressions.MANAGED_POLICIES, true);
    var roleProps = inputs.agentRole(clusterName);
    agentRole = roleProps == null ? null : new AgentRole(this, "AgentRole", roleProps);
    if (agentRole != null) {
      new CfnOutput(this, "AgentRoleArn", CfnOutputProps.builder().value(agentRole.role().getRoleArn())
          .description("the " + inputs.name() + " agents' role, bound to ServiceAccount " + roleProps.namespace() + "/"
              + roleProps.serviceAccount() + " by Pod Identity").build());
    }
    for (int z = 0; z < zones; z++) {
      new CfnOutput(this, "NodegroupNameZone" + (z + 1), CfnOutputProps.builder()
          .value(pool.zones().get(z).getNodegroupName())
          .description("the " + inputs.name() + " agents' node group in zone " + (z + 1)).build());
    }
  }

  /** The cluster the profile's nodes join: the cluster stack's, or the EXISTING one imported by name. */
  public ICluster cluster() {
    return pool.cluster();
  }

  /** The agent node groups and their role. */
  public AgentNodePool pool() {
    return pool;
  }

  /** The agent pods' role, or null when the profile names no aws.agent_role_policy_arns. */
  public AgentRole agentRole() {
    return agentRole;
  }
}
