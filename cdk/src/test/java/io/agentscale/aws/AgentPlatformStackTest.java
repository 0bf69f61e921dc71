package io.agentscale.aws;

import io.agentscale.profile.Examples;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentscale.plan.AgentNodes;
import io.agentscale.plan.CapacityPlan;
import io.agentscale.plan.ClusterPlan;
import io.agentscale.plan.Placement;
import io.agentscale.profile.ClusterMode;
import io.agentscale.profile.ProfileLoader;
import io.agentscale.profile.ScalingProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The CloudFormation the example profiles become: one cluster stack for the cluster they share and one node-pool
 * stack each, checked by cdk-nag and against the capacity and cluster plans.
 */
class AgentPlatformStackTest {
  static final String[] EXAMPLES = {"crisis-hotline", "dental-receptionist", "pizza-orders"};
  static final Map<String, ScalingProfile> PROFILES = new TreeMap<>();
  static final Map<String, Stack> STACKS = new TreeMap<>();
  static final Map<String, Template> TEMPLATES = new TreeMap<>();
  static ClusterPlan cluster;

  @BeforeAll
  static void synthesize() {
    var agents = new ArrayList<ClusterPlan.Agent>();
    for (String name : EXAMPLES) {
      var profile = Examples.load(name);
      PROFILES.put(name, profile);
      agents.add(new ClusterPlan.Agent(profile, CapacityPlan.from(profile)));
    }
    var grouped = ClusterPlan.group(agents);
    assertThat(grouped.problems()).isEmpty();
    assertThat(grouped.clusters()).hasSize(1);
    cluster = grouped.clusters().get(0);
    var app = AwsApp.withNag(new App());
    AwsApp.addCluster(app, cluster, null).forEach(s -> STACKS.put(s.getStackName(), s));
    app.synth();
    STACKS.forEach((name, stack) -> TEMPLATES.put(name, Template.fromStack(stack)));
  }

  static Template clusterTemplate() {
    return TEMPLATES.get(AwsApp.clusterStackName(cluster.name()));
  }

  static Template agentTemplate(String profile) {
    return TEMPLATES.get(AwsApp.stackName(profile));
  }

  @Test
  void oneClusterStackAndOneStackPerProfile() {
    assertThat(STACKS.keySet()).containsExactly("crisis-hotline-agents", "dental-receptionist-agents",
        "pizza-orders-agents", "voice-agents-cluster");
    clusterTemplate().resourceCountIs("AWS::EKS::Cluster", 1);
    for (String name : EXAMPLES) {
      agentTemplate(name).resourceCountIs("AWS::EKS::Cluster", 0);
      agentTemplate(name).resourceCountIs("AWS::EC2::VPC", 0);
      // one node group per zone, sharing one role
      agentTemplate(name).resourceCountIs("AWS::EKS::Nodegroup", PROFILES.get(name).aws().availabilityZones());
      // one node role shared by its groups, and the agent role when the profile asks for one
      agentTemplate(name).resourceCountIs("AWS::IAM::Role",
          PROFILES.get(name).aws().agentRolePolicyArns().isEmpty() ? 1 : 2);
    }
  }

  @Test
  void cdkNagAwsSolutionsFindsNoUnsuppressedError() {
    STACKS.forEach((name, stack) -> assertThat(Annotations.fromStack(stack)
        .findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))).as(name).isEmpty());
  }

  @Test
  void noKubectlProviderNoLambdaNoCustomResource() {
    TEMPLATES.forEach((name, template) -> {
      template.resourceCountIs("AWS::Lambda::Function", 0);
      assertThat(template.toJSON().get("Resources").toString()).as(name).doesNotContain("Custom::");
    });
  }

  @Test
  void systemNodesAreUntaintedOnDemandAndLabelledForTheSystemPods() {
    var system = cluster.systemPool();
    clusterTemplate().hasResourceProperties("AWS::EKS::Nodegroup", Match.objectLike(Map.of(
        "CapacityType", "ON_DEMAND",
        "InstanceTypes", List.of("m6i.large"),
        "Labels", Map.of(Placement.SYSTEM_LABEL_KEY, Placement.SYSTEM_LABEL_VALUE),
        "Taints", Match.absent(),
        "ScalingConfig", Map.of("MinSize", 2, "MaxSize", 4, "DesiredSize", 2),
        "ForceUpdateEnabled", false,
        "UpdateConfig", Map.of("MaxUnavailable", 1))));
    assertThat(system.minSize()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void managedAddOnsAtEksDefaultVersionsAndCoreDnsAfterTheSystemNodes() {
    var addons = clusterTemplate().findResources("AWS::EKS::Addon");
    var names = new ArrayList<String>();
    addons.forEach((id, resource) -> {
      @SuppressWarnings("unchecked")
      var props = (Map<String, Object>) resource.get("Properties");
      names.add((String) props.get("AddonName"));
      assertThat(props).as(id).doesNotContainKey("AddonVersion");
      if (props.get("AddonName").equals("coredns")) {
        assertThat(resource.get("DependsOn").toString()).contains("SystemNodes");
      }
    });
    assertThat(names).containsExactlyInAnyOrder("vpc-cni", "coredns", "kube-proxy", "eks-pod-identity-agent");
    clusterTemplate().hasResourceProperties("AWS::EKS::Cluster", Match.objectLike(Map.of(
        "BootstrapSelfManagedAddons", false)));
  }

  @Test
  void aPinnedAddOnVersionIsWritten() {
    var profile = PROFILES.get("dental-receptionist").toBuilder().corednsVersion("v1.11.4-eksbuild.2").build();
    var template = clusterTemplateOf(profile, new App());
    template.hasResourceProperties("AWS::EKS::Addon", Map.of(
        "AddonName", "coredns", "AddonVersion", "v1.11.4-eksbuild.2", "ClusterName", Match.anyValue()));
  }

  @Test
  void theAutoscalerRoleIsForPodIdentityAndResizesOnlyThisClustersGroups() {
    var template = clusterTemplate();
    template.hasResourceProperties("AWS::IAM::Role", Match.objectLike(Map.of(
        "AssumeRolePolicyDocument", Match.objectLike(Map.of("Statement", List.of(Map.of(
            "Action", List.of("sts:AssumeRole", "sts:TagSession"),
            "Effect", "Allow",
            "Principal", Map.of("Service", "pods.eks.amazonaws.com"))))))));
    template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
        "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Map.of(
            "Action", List.of("autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"),
            "Condition", Map.of("StringEquals", Map.of(
                "aws:ResourceTag/k8s.io/cluster-autoscaler/voice-agents", "owned")),
            "Effect", "Allow",
            "Resource", "*"))))))));
    template.hasResourceProperties("AWS::EKS::PodIdentityAssociation", Match.objectLike(Map.of(
        "Namespace", ClusterPlan.AUTOSCALER_NAMESPACE,
        "ServiceAccount", ClusterPlan.AUTOSCALER_NAME,
        "RoleArn", Match.objectLike(Map.of("Fn::GetAtt", Match.arrayWith(List.of("Arn")))))));
  }

  @Test
  void outputsNameTheClusterTheKubeconfigCommandTheNodeGroupsAndTheRole() {
    var outputs = clusterTemplate().findOutputs("*");
    assertThat(outputs).containsKeys("ClusterName", "UpdateKubeconfig", "SystemNodegroupName", "AutoscalerRoleArn");
    assertThat(outputs.get("UpdateKubeconfig").toString())
        .contains("aws eks update-kubeconfig --name voice-agents --region ");
    for (String name : EXAMPLES) {
      assertThat(agentTemplate(name).findOutputs("NodegroupNameZone1")).isNotEmpty();
    }
  }

  @Test
  void anAdminPrincipalGetsAClusterAdminAccessEntry() {
    clusterTemplate().resourceCountIs("AWS::EKS::AccessEntry", 0);
    var app = new App();
    app.getNode().setContext(ClusterStack.ADMIN_PRINCIPAL_CONTEXT, "arn:aws:iam::123456789012:role/Ops");
    var template = clusterTemplateOf(PROFILES.get("dental-receptionist"), app);
    template.hasResourceProperties("AWS::EKS::AccessEntry", Match.objectLike(Map.of(
        "PrincipalArn", "arn:aws:iam::123456789012:role/Ops",
        "AccessPolicies", List.of(Map.of("AccessScope", Map.of("Type", "cluster"), "PolicyArn", Match.anyValue())))));
    assertThat(template.findResources("AWS::EKS::AccessEntry").toString())
        .contains(":eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy");
    var fromProfile = clusterTemplateOf(PROFILES.get("dental-receptionist").toBuilder()
        .adminPrincipalArn("arn:aws:iam::123456789012:user/alice").build(), new App());
    fromProfile.hasResourceProperties("AWS::EKS::AccessEntry", Match.objectLike(Map.of(
        "PrincipalArn", "arn:aws:iam::123456789012:user/alice")));
  }

  @Test
  void oneNodeGroupPerZoneWhoseSizesSumToTheCapacityPlan() {
    for (String name : EXAMPLES) {
      var plan = CapacityPlan.from(PROFILES.get(name));
      var groups = agentTemplate(name).findResources("AWS::EKS::Nodegroup");
      int min = 0;
      int max = 0;
      var subnets = new java.util.HashSet<String>();
      for (var group : groups.values()) {
        var props = (Map<?, ?>) group.get("Properties");
        var scaling = (Map<?, ?>) props.get("ScalingConfig");
        assertThat((Integer) scaling.get("MinSize")).as(name + ": every zone keeps a node").isGreaterThanOrEqualTo(1);
        min += (Integer) scaling.get("MinSize");
        max += (Integer) scaling.get("MaxSize");
        assertThat((List<?>) props.get("Subnets")).hasSize(1);
        subnets.add(props.get("Subnets").toString());
      }
      assertThat(min).as(name).isEqualTo(plan.nodeGroup().minSize());
      assertThat(max).as(name).isEqualTo(plan.nodeGroup().maxSize());
      assertThat(subnets).as(name + ": each group in its own zone").hasSize(groups.size());
    }
    // dental: 3 nodes at the minimum and 9 at the maximum over two zones
    assertThat(CapacityPlan.from(PROFILES.get("dental-receptionist")).nodeGroup().zones()).containsExactly(
        new CapacityPlan.ZoneSize(2, 5), new CapacityPlan.ZoneSize(1, 4));
  }

  @Test
  void updatesNeverForceAndADeployNeverShrinksAGroupTheAutoscalerGrew() {
    // DesiredSize is each group's maximum: CloudFormation sends ScalingConfig only when it changes (a first deploy,
    // or new bounds), and then a group can only grow; the autoscaler removes unneeded nodes afterwards.
    for (String name : EXAMPLES) {
      agentTemplate(name).findResources("AWS::EKS::Nodegroup").values().forEach(group -> {
        var props = (Map<?, ?>) group.get("Properties");
        var scaling = (Map<?, ?>) props.get("ScalingConfig");
        assertThat(scaling.get("DesiredSize")).as(name).isEqualTo(scaling.get("MaxSize"));
        assertThat(props.get("ForceUpdateEnabled")).isEqualTo(false);
        assertThat(props.get("UpdateConfig")).isEqualTo(Map.of("MaxUnavailable", 1));
      });
    }
    // the zones' groups update one after another
    var crisis = agentTemplate("crisis-hotline").findResources("AWS::EKS::Nodegroup");
    var ids = crisis.keySet().stream().sorted().toList();
    assertThat(crisis.get(ids.get(0)).get("DependsOn")).isNull();
    assertThat(crisis.get(ids.get(1)).get("DependsOn")).isEqualTo(List.of(ids.get(0)));
    assertThat(crisis.get(ids.get(2)).get("DependsOn")).isEqualTo(List.of(ids.get(1)));
    // a later deploy that raises max_workers: the template's desired size is the new maximum, above any size the
    // autoscaler could have grown the group to under the old bounds
    var profile = PROFILES.get("dental-receptionist");
    var later = profile.toBuilder().maxWorkers(80).build();
    var before = CapacityPlan.from(profile).nodeGroup().zones();
    var after = agentScaling(later);
    for (int z = 0; z < before.size(); z++) {
      assertThat(after.get(z).get("DesiredSize")).isEqualTo(after.get(z).get("MaxSize"));
      assertThat((Integer) after.get(z).get("DesiredSize")).isGreaterThanOrEqualTo(before.get(z).maxSize());
    }
  }

  static List<Map<?, ?>> agentScaling(ScalingProfile profile) {
    var stacks = AwsApp.addCluster(new App(), single(profile), null);
    return Template.fromStack(stacks.get(1)).findResources("AWS::EKS::Nodegroup").values().stream()
        .<Map<?, ?>>map(g -> (Map<?, ?>) ((Map<?, ?>) g.get("Properties")).get("ScalingConfig")).toList();
  }

  @Test
  void launchTemplatesKeepPodsFromTheNodeRoleAndEncryptAGp3RootSizedByThePlan() {
    var plan = CapacityPlan.from(PROFILES.get("dental-receptionist"));
    // 20 GiB base + 2 × 5 GiB image + 7 workers × 1 GiB /tmp
    assertThat(plan.node().rootVolumeGiB()).isEqualTo(37);
    agentTemplate("dental-receptionist").hasResourceProperties("AWS::EC2::LaunchTemplate", Match.objectLike(Map.of(
        "LaunchTemplateData", Match.objectLike(Map.of(
            "MetadataOptions", Match.objectLike(Map.of("HttpTokens", "required", "HttpPutResponseHopLimit", 1)),
            "BlockDeviceMappings", List.of(Map.of("DeviceName", "/dev/xvda", "Ebs", Map.of(
                "DeleteOnTermination", true, "Encrypted", true, "VolumeSize", 37, "VolumeType", "gp3"))))))));
    // the system nodes keep hop limit 2: the autoscaler reads its region from the metadata service
    clusterTemplate().hasResourceProperties("AWS::EC2::LaunchTemplate", Match.objectLike(Map.of(
        "LaunchTemplateData", Match.objectLike(Map.of(
            "MetadataOptions", Match.objectLike(Map.of("HttpPutResponseHopLimit", 2)))))));
  }

  @Test
  void oneNatGatewayPerZoneAnS3EndpointAndLogsThatExpire() {
    clusterTemplate().resourceCountIs("AWS::EC2::NatGateway", 3); // crisis-hotline's three zones
    clusterTemplate().hasResourceProperties("AWS::EC2::VPCEndpoint", Match.objectLike(Map.of(
        "VpcEndpointType", "Gateway")));
    clusterTemplate().hasResourceProperties("AWS::Logs::LogGroup", Map.of(
        "LogGroupName", "/aws/eks/voice-agents/cluster", "RetentionInDays", 90));
    clusterTemplate().findResources("AWS::Logs::LogGroup").values().forEach(g ->
        assertThat(((Map<?, ?>) g.get("Properties")).get("RetentionInDays")).isEqualTo(90));
    var single = clusterTemplateOf(PROFILES.get("dental-receptionist").toBuilder().singleNatGateway(true).build(),
        new App());
    single.resourceCountIs("AWS::EC2::NatGateway", 1);
  }

  @Test
  void theApiEndpointIsPrivateUnlessTheProfileNamesWhoMayReachIt() {
    clusterTemplate().hasResourceProperties("AWS::EKS::Cluster", Match.objectLike(Map.of(
        "ResourcesVpcConfig", Match.objectLike(Map.of(
            "EndpointPublicAccess", false, "EndpointPrivateAccess", true)))));
    var open = PROFILES.get("dental-receptionist").toBuilder().publicEndpointCidrs("203.0.113.7/32").build();
    var app = AwsApp.withNag(new App());
    var stack = AwsApp.addCluster(app, single(open), null).get(0);
    Template.fromStack(stack).hasResourceProperties("AWS::EKS::Cluster", Match.objectLike(Map.of(
        "ResourcesVpcConfig", Match.objectLike(Map.of(
            "EndpointPublicAccess", true, "PublicAccessCidrs", List.of("203.0.113.7/32"))))));
    assertThat(Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
  }

  @Test
  void aSpotGroupSpreadsOverEveryTypeOfItsShapeAndIsSizedOnTheSmallest() {
    var spot = PROFILES.get("dental-receptionist").toBuilder()
        .capacityType(io.agentscale.profile.CapacityType.SPOT).build();
    var plan = CapacityPlan.from(spot);
    assertThat(plan.node().instanceTypes()).hasSizeBetween(3, 6).startsWith("m6i.xlarge")
        .allMatch(t -> t.endsWith(".xlarge") && !t.contains("g."));
    var stacks = AwsApp.addCluster(new App(), single(spot), null);
    Template.fromStack(stacks.get(1)).hasResourceProperties("AWS::EKS::Nodegroup", Match.objectLike(Map.of(
        "CapacityType", "SPOT", "InstanceTypes", plan.node().instanceTypes())));
  }

  @Test
  void agentNodeGroupsAreDedicatedOnDemandWithAl2023InTheirOwnZones() {
    var nodes = AgentNodes.of(PROFILES.get("dental-receptionist"));
    var template = agentTemplate("dental-receptionist");
    template.hasResourceProperties("AWS::EKS::Nodegroup", Match.objectLike(Map.of(
        "CapacityType", "ON_DEMAND",
        "AmiType", "AL2023_x86_64_STANDARD",
        "InstanceTypes", List.of("m6i.xlarge"),
        "ClusterName", Match.objectLike(Map.of("Fn::ImportValue", Match.anyValue())),
        "Labels", Map.of(nodes.labelKey(), nodes.labelValue()),
        "Taints", List.of(Map.of("Key", nodes.taintKey(), "Value", "true", "Effect", "NO_SCHEDULE")),
        "NodegroupName", Match.absent())));
    template.hasResourceProperties("AWS::EC2::LaunchTemplate", Match.objectLike(Map.of(
        "LaunchTemplateData", Match.objectLike(Map.of(
            "MetadataOptions", Match.objectLike(Map.of("HttpTokens", "required")))))));
  }

  @Test
  void newClusterLogsEncryptsSecretsAndSpansItsProfilesZonesWithoutARegion() {
    var template = clusterTemplate();
    template.hasResourceProperties("AWS::EKS::Cluster", Match.objectLike(Map.of(
        "Name", "voice-agents",
        "EncryptionConfig", Match.anyValue(),
        "Logging", Match.objectLike(Map.of("ClusterLogging", Match.objectLike(Map.of(
            "EnabledTypes", Match.arrayWith(List.of(Map.of("Type", "audit"))))))))));
    // offline, the region's first zones are picked at deploy time: as many as the largest profile needs
    assertThat(template.findResources("AWS::EC2::Subnet", Match.objectLike(Map.of(
        "Properties", Match.objectLike(Map.of("MapPublicIpOnLaunch", false)))))).hasSize(3);
  }

  @Test
  void theVpcHasAsManyNatGatewaysAsTheCostEstimatePrices() {
    clusterTemplate().resourceCountIs("AWS::EC2::NatGateway", cluster.natGateways());
  }

  @Test
  void withARegionTheVpcSpansTheLargestZoneCountOfItsProfiles() {
    var app = new App();
    // what `cdk synth` caches in cdk.context.json after looking the zones up with your credentials
    app.getNode().setContext("availability-zones:account=123456789012:region=eu-west-1",
        List.of("eu-west-1a", "eu-west-1b", "eu-west-1c"));
    var env = software.amazon.awscdk.Environment.builder().account("123456789012").region("eu-west-1").build();
    var stacks = AwsApp.addCluster(app, cluster, env); // crisis-hotline: 3 zones, the others 2
    var privateSubnets = Template.fromStack(stacks.get(0)).findResources("AWS::EC2::Subnet", Match.objectLike(
        Map.of("Properties", Match.objectLike(Map.of("MapPublicIpOnLaunch", false)))));
    assertThat(privateSubnets).hasSize(3);
    var dental = stacks.stream().filter(s -> s.getStackName().equals("dental-receptionist-agents")).findFirst()
        .orElseThrow();
    assertThat(Template.fromStack(dental).findResources("AWS::EKS::Nodegroup")).hasSize(2);
  }

  @Test
  void noTwoStacksCreateTheSamePhysicalName() {
    var seen = new HashMap<String, String>();
    TEMPLATES.forEach((stack, template) -> ((Map<?, ?>) template.toJSON().get("Resources")).forEach((id, resource) -> {
      var r = (Map<?, ?>) resource;
      var props = (Map<?, ?>) r.get("Properties");
      if (props == null) {
        return;
      }
      for (String key : List.of("Name", "RoleName", "NodegroupName", "LogGroupName", "AliasName", "ClusterName")) {
        Object value = props.get(key);
        boolean creates = !key.equals("ClusterName") || "AWS::EKS::Cluster".equals(r.get("Type"));
        if (value instanceof String name && creates) {
          String other = seen.putIfAbsent(r.get("Type") + " " + name, stack + "/" + id);
          assertThat(other).as(r.get("Type") + " " + name + " in " + stack + " and " + other).isNull();
        }
      }
    }));
  }

  @Test
  void anExistingClusterGetsOnlyTheNodeGroupInSubnetsGivenAtDeploy() {
    var profile = PROFILES.get("dental-receptionist").toBuilder()
        .clusterMode(ClusterMode.EXISTING).clusterName("prod-eks").build();
    var app = AwsApp.withNag(new App());
    var stacks = existing(profile, app);
    assertThat(stacks).hasSize(1);
    var template = Template.fromStack(stacks.get(0));
    template.resourceCountIs("AWS::EKS::Cluster", 0);
    template.resourceCountIs("AWS::EC2::VPC", 0);
    template.resourceCountIs("AWS::EC2::Subnet", 0);
    template.resourceCountIs("AWS::EKS::Addon", 0);
    template.resourceCountIs("AWS::EKS::PodIdentityAssociation", 0);
    template.resourceCountIs("AWS::EKS::Nodegroup", 2);
    template.resourceCountIs("AWS::IAM::Role", 1);
    template.hasParameter(AgentPlatformStack.NODE_SUBNETS_PARAMETER,
        Match.objectLike(Map.of("Type", "List<AWS::EC2::Subnet::Id>")));
    template.hasResourceProperties("AWS::EKS::Nodegroup", Match.objectLike(Map.of(
        "ClusterName", "prod-eks",
        "Subnets", List.of(Map.of("Fn::Select", List.of(1, Map.of("Ref", AgentPlatformStack.NODE_SUBNETS_PARAMETER)))),
        "Tags", Match.objectLike(Map.of("k8s.io/cluster-autoscaler/prod-eks", "owned")),
        "ScalingConfig", Map.of("MinSize", 1, "MaxSize", 4, "DesiredSize", 4))));
    assertThat(Annotations.fromStack(stacks.get(0)).findError("*", Match.stringLikeRegexp("AwsSolutions-.*")))
        .isEmpty();
  }

  @Test
  void theClusterNameCanComeFromContext() {
    var app = new App();
    app.getNode().setContext(AgentPlatformStack.CLUSTER_NAME_CONTEXT, "staging-eks");
    var profile = PROFILES.get("dental-receptionist").toBuilder()
        .clusterMode(ClusterMode.EXISTING).clusterName("prod-eks").build();
    Template.fromStack(existing(profile, app).get(0))
        .hasResourceProperties("AWS::EKS::Nodegroup", Match.objectLike(Map.of("ClusterName", "staging-eks")));
  }

  static ClusterPlan single(ScalingProfile profile) {
    return ClusterPlan.group(List.of(new ClusterPlan.Agent(profile, CapacityPlan.from(profile)))).clusters().get(0);
  }

  static Template clusterTemplateOf(ScalingProfile profile, App app) {
    return Template.fromStack(AwsApp.addCluster(app, single(profile), null).get(0));
  }

  static List<Stack> existing(ScalingProfile profile, App app) {
    return AwsApp.addCluster(app, single(profile), null);
  }

  @Test
  void theAgentRoleIsForPodIdentityAndBoundToExactlyTheAgentsServiceAccount() {
    var pizza = agentTemplate("pizza-orders");
    pizza.resourceCountIs("AWS::EKS::PodIdentityAssociation", 1);
    pizza.hasResourceProperties("AWS::EKS::PodIdentityAssociation", Match.objectLike(Map.of(
        "ClusterName", "voice-agents", "Namespace", "pizza", "ServiceAccount", "order-agent")));
    pizza.hasResourceProperties("AWS::IAM::Role", Match.objectLike(Map.of(
        "AssumeRolePolicyDocument", Match.objectLike(Map.of("Statement", List.of(Map.of(
            "Action", List.of("sts:AssumeRole", "sts:TagSession"), "Effect", "Allow",
            "Principal", Map.of("Service", "pods.eks.amazonaws.com"))))),
        "ManagedPolicyArns", List.of("arn:aws:iam::aws:policy/AmazonPollyReadOnlyAccess"))));
    pizza.hasOutput("AgentRoleArn", Match.anyValue());
    for (String name : List.of("dental-receptionist", "crisis-hotline")) {
      agentTemplate(name).resourceCountIs("AWS::EKS::PodIdentityAssociation", 0);
    }
  }

  @Test
  void anAwsManagedAgentPolicyOnAnExistingClusterIsSuppressedWithItsReasonAndNagFindsNoError() {
    var profile = PROFILES.get("pizza-orders").toBuilder()
        .clusterMode(ClusterMode.EXISTING).clusterName("prod-eks")
        .agentRolePolicyArns(List.of("arn:aws:iam::aws:policy/AmazonPollyReadOnlyAccess")).build();
    var app = AwsApp.withNag(new App());
    var stack = existing(profile, app).get(0);
    app.synth();

    var template = Template.fromStack(stack);
    template.hasResourceProperties("AWS::EKS::PodIdentityAssociation", Match.objectLike(Map.of(
        "ClusterName", "prod-eks", "Namespace", "pizza", "ServiceAccount", "order-agent")));
    assertThat(Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
    var role = ((AgentPlatformStack) stack).agentRole().role();
    var metadata = ((software.amazon.awscdk.CfnResource) role.getNode().getDefaultChild()).getCfnOptions().getMetadata();
    assertThat(String.valueOf(metadata)).contains("AwsSolutions-IAM4",
        "Policy::arn:aws:iam::aws:policy/AmazonPollyReadOnlyAccess");
  }
}
