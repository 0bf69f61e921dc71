package io.agentscale.aws;

import io.agentscale.profile.ClusterMode;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcAttributes;
import software.amazon.awscdk.services.eks_v2.Cluster;
import software.amazon.awscdk.services.eks_v2.ClusterAttributes;
import software.amazon.awscdk.services.eks_v2.ClusterLoggingTypes;
import software.amazon.awscdk.services.eks_v2.DefaultCapacityType;
import software.amazon.awscdk.services.eks_v2.EndpointAccess;
import software.amazon.awscdk.services.eks_v2.ICluster;
import software.amazon.awscdk.services.eks_v2.KubernetesVersion;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * One profile's AWS side. NEW: a VPC across the profile's zones, an aws-eks-v2 cluster and the agent node pool.
 * EXISTING: only the agent node pool (and its role), added to the cluster the profile (or context key cluster-name)
 * names, in the subnets given at deploy time through the {@value #NODE_SUBNETS_PARAMETER} parameter.
 */
public final class AgentPlatformStack extends Stack {
  public static final String CLUSTER_NAME_CONTEXT = "cluster-name";
  /** EXISTING mode: the CloudFormation parameter naming the node subnets, given at deploy time. */
  public static final String NODE_SUBNETS_PARAMETER = "NodeSubnetIds";

  public AgentPlatformStack(Construct scope, String id, StackProps props, AwsInputs inputs) {
    super(scope, id, props);
    var aws = inputs.aws();
    ICluster cluster;
    String clusterName;
    List<String> nodeSubnets = null;
    if (aws.clusterMode() == ClusterMode.NEW) {
      var vpc = Vpc.Builder.create(this, "Vpc")
          .maxAzs(aws.availabilityZones())
          .natGateways(1)
          .subnetConfiguration(List.of(
              SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
              SubnetConfiguration.builder().name("nodes").subnetType(SubnetType.PRIVATE_WITH_EGRESS).cidrMask(19)
                  .build()))
          .build();
      vpc.addFlowLog("FlowLog");
      var created = Cluster.Builder.create(this, "Cluster")
          .clusterName(inputs.name())
          .version(KubernetesVersion.of(aws.kubernetesVersion()))
          .vpc(vpc)
          .defaultCapacityType(DefaultCapacityType.NODEGROUP)
          .defaultCapacity(0)
          .endpointAccess(EndpointAccess.PUBLIC_AND_PRIVATE)
          .clusterLogging(List.of(ClusterLoggingTypes.API, ClusterLoggingTypes.AUDIT,
              ClusterLoggingTypes.AUTHENTICATOR, ClusterLoggingTypes.CONTROLLER_MANAGER,
              ClusterLoggingTypes.SCHEDULER))
          .secretsEncryptionKey(Key.Builder.create(this, "SecretsKey").enableKeyRotation(true)
              .description("Envelope encryption of Kubernetes secrets for " + inputs.name()).build())
          .build();
      cluster = created;
      clusterName = inputs.name();
      NagSuppressions.addResourceSuppressions(created, List.of(
          NagPackSuppression.builder().id("AwsSolutions-EKS1")
              .reason("The public endpoint lets kubectl and GitOps apply the agentscale manifests from outside the "
                  + "VPC; access is still IAM-authenticated. Restrict it with endpoint CIDRs in production.")
              .build(),
          NagPackSuppression.builder().id("AwsSolutions-IAM4")
              .reason("The EKS cluster role needs the AWS-managed AmazonEKSClusterPolicy, as EKS documents.")
              .appliesTo(List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEKSClusterPolicy"))
              .build()), true);
    } else {
      clusterName = String.valueOf(java.util.Objects.requireNonNullElse(
          getNode().tryGetContext(CLUSTER_NAME_CONTEXT), aws.clusterName()));
      nodeSubnets = CfnParameter.Builder.create(this, NODE_SUBNETS_PARAMETER)
          .type("List<AWS::EC2::Subnet::Id>")
          .description("Private subnets of the " + clusterName + " cluster's VPC for the agent nodes: aws eks "
              + "describe-cluster --name " + clusterName + " --query cluster.resourcesVpcConfig.subnetIds")
          .build().getValueAsList();
      // The node group takes its subnets from the parameter. The imported cluster needs a VPC object only to
      // satisfy the construct API; nothing of it reaches the template, and synth needs no lookup or credentials.
      var vpc = Vpc.fromVpcAttributes(this, "ClusterVpc", VpcAttributes.builder()
          .vpcId(Aws.NO_VALUE).availabilityZones(Fn.getAzs()).build());
      cluster = Cluster.fromClusterAttributes(this, "Cluster",
          ClusterAttributes.builder().clusterName(clusterName).vpc(vpc).build());
    }
    var pool = new AgentNodePool(this, "NodePool", cluster, clusterName, nodeSubnets, inputs);
    NagSuppressions.addResourceSuppressions(pool, List.of(
        NagPackSuppression.builder().id("AwsSolutions-IAM4")
            .reason("EKS worker nodes need the AWS-managed worker, CNI and ECR read-only policies, as EKS documents.")
            .appliesTo(List.of(
                "Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEKSWorkerNodePolicy",
                "Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEKS_CNI_Policy",
                "Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"))
            .build()), true);
  }
}
