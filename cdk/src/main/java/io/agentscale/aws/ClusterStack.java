package io.agentscale.aws;

import io.agentscale.plan.ClusterPlan;
import io.agentscale.plan.Placement;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.eks.CfnPodIdentityAssociation;
import software.amazon.awscdk.services.eks_v2.Addon;
import software.amazon.awscdk.services.eks_v2.CapacityType;
import software.amazon.awscdk.services.eks_v2.Cluster;
import software.amazon.awscdk.services.eks_v2.ClusterLoggingTypes;
import software.amazon.awscdk.services.eks_v2.DefaultCapacityType;
import software.amazon.awscdk.services.eks_v2.EndpointAccess;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.eks_v2.KubernetesVersion;
import software.amazon.awscdk.services.eks_v2.Nodegroup;
import software.amazon.awscdk.services.eks_v2.NodegroupAmiType;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.iam.SessionTagsPrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * A new cluster, once for every profile that names it: the VPC, the aws-eks-v2 cluster, the untainted system node
 * group, the managed add-ons, the cluster autoscaler's IAM role with its Pod Identity association, an admin access
 * entry and the outputs a person needs next. The profiles' stacks add their agent node groups to it. No kubectl
 * provider and no Lambda: what runs inside the cluster is in the cluster's Kubernetes folder, applied as files.
 */
public final class ClusterStack extends Stack {
  /** Context key naming the IAM principal to make cluster admin, when the profile names none. */
  public static final String ADMIN_PRINCIPAL_CONTEXT = "admin-principal-arn";

  /** The system nodes' root volume: the OS and a handful of small system images. */
  static final int SYSTEM_ROOT_VOLUME_GIB = 30;

  private final Vpc vpc;
  private final Cluster cluster;
  private final Nodegroup systemNodes;

  public ClusterStack(Construct scope, String id, StackProps props, ClusterInputs inputs) {
    super(scope, id, props);
    var vpcBuilder = Vpc.Builder.create(this, "Vpc")
        .natGateways(inputs.natGateways())
        .subnetConfiguration(List.of(
            SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
            SubnetConfiguration.builder().name("nodes").subnetType(SubnetType.PRIVATE_WITH_EGRESS).cidrMask(19)
                .build()));
    if (Token.isUnresolved(getRegion())) {
      // Environment-agnostic (offline synth): the region's first zones, chosen at deploy time.
      var zones = new java.util.ArrayList<String>();
      for (int z = 0; z < inputs.availabilityZones(); z++) {
        zones.add(Fn.select(z, Fn.getAzs()));
      }
      vpcBuilder.availabilityZones(zones);
    } else {
      vpcBuilder.maxAzs(inputs.availabilityZones());
    }
    vpc = vpcBuilder.build();
    vpc.addFlowLog("FlowLog", FlowLogOptions.builder()
        .destination(FlowLogDestination.toCloudWatchLogs(logGroup("FlowLogs", null, inputs.logRetentionDays())))
        .build());
    // Image layers come from S3: a gateway endpoint keeps them off the NAT gateways, and costs nothing.
    vpc.addGatewayEndpoint("S3", GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.S3).build());
    // EKS writes control-plane logs here; created first so they expire instead of being kept forever.
    var controlPlaneLogs = logGroup("ControlPlaneLogs", "/aws/eks/" + inputs.name() + "/cluster",
        inputs.logRetentionDays());
    boolean publicEndpoint = inputs.publicEndpointCidrs() != null;
    cluster = Cluster.Builder.create(this, "Cluster")
        .clusterName(inputs.name())
        .version(KubernetesVersion.of(inputs.kubernetesVersion()))
        .vpc(vpc)
        .defaultCapacityType(DefaultCapacityType.NODEGROUP)
        .defaultCapacity(0)
        // EKS's self-managed defaults are replaced by the managed add-ons below, which EKS keeps patched.
        .bootstrapSelfManagedAddons(false)
        .endpointAccess(publicEndpoint
            ? EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom(inputs.publicEndpointCidrs().split("\\s*,\\s*"))
            : EndpointAccess.PRIVATE)
        .clusterLogging(List.of(ClusterLoggingTypes.API, ClusterLoggingTypes.AUDIT,
            ClusterLoggingTypes.AUTHENTICATOR, ClusterLoggingTypes.CONTROLLER_MANAGER,
            ClusterLoggingTypes.SCHEDULER))
        .secretsEncryptionKey(Key.Builder.create(this, "SecretsKey").enableKeyRotation(true)
            .description("Envelope encryption of Kubernetes secrets for " + inputs.name()).build())
        .build();
    cluster.getNode().addDependency(controlPlaneLogs);
    // The private endpoint answers only what its security group admits: a bastion, VPN or CI runner inside the VPC
    // (the way to kubectl when aws.public_endpoint_cidrs is unset) reaches it on 443.
    cluster.getConnections().allowFrom(Peer.ipv4(vpc.getVpcCidrBlock()), Port.tcp(443),
        "kubectl from inside the VPC to the private API endpoint");
    var suppressions = new java.util.ArrayList<NagPackSuppression>(List.of(NagPackSuppression.builder()
        .id("AwsSolutions-IAM4")
        .reason("The EKS cluster role needs the AWS-managed AmazonEKSClusterPolicy, as EKS documents.")
        .appliesTo(List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEKSClusterPolicy"))
        .build()));
    if (publicEndpoint) {
      suppressions.add(NagPackSuppression.builder().id("AwsSolutions-EKS1")
          .reason("aws.public_endpoint_cidrs opens the API endpoint to " + inputs.publicEndpointCidrs()
              + " only, as the profile asks, so kubectl and GitOps can apply the manifests from there; IAM still "
              + "authenticates every request.")
          .build());
    }
    NagSuppressions.addResourceSuppressions(cluster, suppressions, true);

    var versions = inputs.cluster().addonVersions();
    // Nodes need the CNI and kube-proxy to become Ready; the Pod Identity agent serves the autoscaler's credentials.
    var vpcCni = addon("VpcCni", "vpc-cni", versions.vpcCni());
    var kubeProxy = addon("KubeProxy", "kube-proxy", versions.kubeProxy());
    var podIdentity = addon("PodIdentityAgent", "eks-pod-identity-agent", versions.podIdentityAgent());

    var system = inputs.systemPool();
    systemNodes = Nodegroup.Builder.create(this, "SystemNodes")
        .cluster(cluster)
        .instanceTypes(List.of(new InstanceType(system.instanceType())))
        .amiType(system.arm64() ? NodegroupAmiType.AL2023_ARM_64_STANDARD : NodegroupAmiType.AL2023_X86_64_STANDARD)
        .capacityType(CapacityType.ON_DEMAND)
        .minSize(system.minSize())
        .maxSize(system.maxSize())
        .desiredSize(system.minSize())
        .subnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
        .launchTemplateSpec(LaunchTemplates.systemNodes(this, SYSTEM_ROOT_VOLUME_GIB))
        .forceUpdate(false)
        .maxUnavailable(1)
        .labels(Map.of(Placement.SYSTEM_LABEL_KEY, Placement.SYSTEM_LABEL_VALUE))
        .build();
    systemNodes.getNode().addDependency(vpcCni, kubeProxy, podIdentity);
    NagSuppressions.addResourceSuppressions(systemNodes, NodeRoleSuppressions.MANAGED_POLICIES, true);
    // CoreDNS needs a node to run on before EKS reports the add-on active.
    addon("CoreDns", "coredns", versions.coredns()).getNode().addDependency(systemNodes);

    new CfnOutput(this, "ClusterName", outputProps(cluster.getClusterName(), "the EKS cluster's name"));
    new CfnOutput(this, "UpdateKubeconfig", outputProps(
        "aws eks update-kubeconfig --name " + inputs.name() + " --region " + Aws.REGION,
        "points kubectl at the cluster (as the admin principal, or the role that deployed this stack)"));
    new CfnOutput(this, "SystemNodegroupName", outputProps(systemNodes.getNodegroupName(),
        "the untainted system node group"));

    if (inputs.autoscaler()) {
      var role = autoscalerRole(inputs.name());
      CfnPodIdentityAssociation.Builder.create(this, "AutoscalerPodIdentity")
          .clusterName(cluster.getClusterName())
          .namespace(ClusterPlan.AUTOSCALER_NAMESPACE)
          .serviceAccount(ClusterPlan.AUTOSCALER_NAME)
          .roleArn(role.getRoleArn())
          .build()
          .getNode().addDependency(podIdentity);
      new CfnOutput(this, "AutoscalerRoleArn", outputProps(role.getRoleArn(),
          "the cluster autoscaler's role, bound to ServiceAccount kube-system/cluster-autoscaler by Pod Identity"));
    }

    String admin = Objects.toString(getNode().tryGetContext(ADMIN_PRINCIPAL_CONTEXT),
        inputs.cluster().adminPrincipalArn());
    if (admin != null && !admin.isBlank() && !admin.equals("null")) {
      cluster.grantClusterAdmin("AdminAccess", admin);
    }
  }

  /** The VPC, for the profiles' node groups. */
  public Vpc vpc() {
    return vpc;
  }

  public Cluster cluster() {
    return cluster;
  }

  public Nodegroup systemNodes() {
    return systemNodes;
  }

  /** A log group kept {@code days} days; {@code name} null lets CloudFormation name it. */
  private LogGroup logGroup(String id, String name, int days) {
    var group = LogGroup.Builder.create(this, id).logGroupName(name).removalPolicy(RemovalPolicy.RETAIN).build();
    ((CfnLogGroup) group.getNode().getDefaultChild()).setRetentionInDays(days);
    return group;
  }

  private Addon addon(String id, String name, String version) {
    return Addon.Builder.create(this, id).cluster(cluster).addonName(name).addonVersion(version).build();
  }

  /**
   * The cluster autoscaler's permissions, as its AWS README recommends: read-only discovery everywhere; resizing and
   * terminating only Auto Scaling groups tagged as owned by this cluster. Assumed through EKS Pod Identity.
   */
  private Role autoscalerRole(String clusterName) {
    var role = Role.Builder.create(this, "AutoscalerRole")
        .assumedBy(new SessionTagsPrincipal(new ServicePrincipal("pods.eks.amazonaws.com")))
        .description("cluster-autoscaler of EKS cluster " + clusterName + " (Pod Identity)")
        .build();
    role.addToPolicy(PolicyStatement.Builder.create()
        .effect(Effect.ALLOW)
        .actions(List.of(
            "autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeAutoScalingInstances",
            "autoscaling:DescribeLaunchConfigurations", "autoscaling:DescribeScalingActivities",
            "autoscaling:DescribeTags", "ec2:DescribeImages", "ec2:DescribeInstanceTypes",
            "ec2:DescribeLaunchTemplateVersions", "ec2:GetInstanceTypesFromInstanceRequirements",
            "eks:DescribeNodegroup"))
        .resources(List.of("*"))
        .build());
    role.addToPolicy(PolicyStatement.Builder.create()
        .effect(Effect.ALLOW)
        .actions(List.of("autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"))
        .resources(List.of("*"))
        .conditions(Map.of("StringEquals", Map.of(
            "aws:ResourceTag/k8s.io/cluster-autoscaler/" + clusterName, "owned")))
        .build());
    NagSuppressions.addResourceSuppressions(role, List.of(NagPackSuppression.builder().id("AwsSolutions-IAM5")
        .reason("Describe calls take no resource ARNs; resizing and terminating are limited by the condition "
            + "aws:ResourceTag/k8s.io/cluster-autoscaler/" + clusterName + " = owned, which EKS sets on the Auto "
            + "Scaling groups of this cluster's managed node groups (cluster-autoscaler's AWS README).")
        .appliesTo(List.of("Resource::*")).build()), true);
    return role;
  }

  private static software.amazon.awscdk.CfnOutputProps outputProps(String value, String description) {
    return software.amazon.awscdk.CfnOutputProps.builder().value(value).description(description).build();
  }
}
