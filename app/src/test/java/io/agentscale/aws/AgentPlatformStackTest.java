package io.agentscale.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentscale.plan.AgentNodes;
import io.agentscale.plan.CapacityPlan;
import io.agentscale.profile.ProfileLoader;
import io.agentscale.profile.ScalingProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The CloudFormation each example profile becomes, checked by cdk-nag and against the capacity plan. */
class AgentPlatformStackTest {
  static final String[] EXAMPLES = {"dental-receptionist", "pizza-orders", "crisis-hotline"};
  static final Map<String, AgentPlatformStack> STACKS = new TreeMap<>();
  static final Map<String, ScalingProfile> PROFILES = new TreeMap<>();
  static final Map<String, Template> TEMPLATES = new TreeMap<>();

  @BeforeAll
  static void synthesize() {
    var app = AwsApp.withNag(new App());
    for (String name : EXAMPLES) {
      var profile = ProfileLoader.load(Path.of("stacks", name + ".yaml"));
      PROFILES.put(name, profile);
      STACKS.put(name, AwsApp.addStack(app, profile, CapacityPlan.from(profile)));
    }
    app.synth();
    STACKS.forEach((name, stack) -> TEMPLATES.put(name, Template.fromStack(stack)));
  }

  @Test
  void cdkNagAwsSolutionsFindsNoUnsuppressedError() {
    for (String name : EXAMPLES) {
      var errors = Annotations.fromStack(STACKS.get(name))
          .findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
      assertThat(errors).as(name).isEmpty();
    }
  }

  @Test
  void nodeGroupSizesAreTheCapacityPlans() {
    for (String name : EXAMPLES) {
      var plan = CapacityPlan.from(PROFILES.get(name));
      TEMPLATES.get(name).hasResourceProperties("AWS::EKS::Nodegroup", Match.objectLike(Map.of(
          "ScalingConfig", Map.of(
              "MinSize", plan.nodeGroup().minSize(),
              "MaxSize", plan.nodeGroup().maxSize(),
              "DesiredSize", plan.nodeGroup().minSize()))));
    }
  }

  @Test
  void nodeGroupIsDedicatedToAgentsOnDemandWithAl2023() {
    var nodes = AgentNodes.of(PROFILES.get("dental-receptionist"));
    var template = TEMPLATES.get("dental-receptionist");
    template.hasResourceProperties("AWS::EKS::Nodegroup", Match.objectLike(Map.of(
        "CapacityType", "ON_DEMAND",
        "AmiType", "AL2023_x86_64_STANDARD",
        "InstanceTypes", List.of("m6i.xlarge"),
        "Labels", Map.of(nodes.labelKey(), nodes.labelValue()),
        "Taints", List.of(Map.of("Key", nodes.taintKey(), "Value", "true", "Effect", "NO_SCHEDULE")),
        "NodegroupName", Match.absent())));
    template.hasResourceProperties("AWS::EC2::LaunchTemplate", Match.objectLike(Map.of(
        "LaunchTemplateData", Match.objectLike(Map.of(
            "MetadataOptions", Match.objectLike(Map.of("HttpTokens", "required")))))));
  }

  @Test
  void newClusterLogsEncryptsSecretsAndSpansTheProfilesZones() {
    var template = TEMPLATES.get("crisis-hotline");
    template.hasResourceProperties("AWS::EKS::Cluster", Match.objectLike(Map.of(
        "EncryptionConfig", Match.anyValue(),
        "Logging", Match.objectLike(Map.of("ClusterLogging", Match.objectLike(Map.of(
            "EnabledTypes", Match.arrayWith(List.of(Map.of("Type", "audit"))))))))));
    // An environment-agnostic stack knows only two zones.
    assertThat(template.findResources("AWS::EC2::Subnet", Match.objectLike(Map.of(
        "Properties", Match.objectLike(Map.of("MapPublicIpOnLaunch", false)))))).hasSize(2);
  }

  @Test
  void withARegionTheVpcSpansTheProfilesZones() {
    var app = new App();
    // what `cdk synth` caches in cdk.context.json after looking the zones up with your credentials
    app.getNode().setContext("availability-zones:account=123456789012:region=eu-west-1",
        List.of("eu-west-1a", "eu-west-1b", "eu-west-1c"));
    var profile = PROFILES.get("crisis-hotline"); // availability_zones: 3
    var stack = AwsApp.addStack(app, profile, CapacityPlan.from(profile),
        software.amazon.awscdk.Environment.builder().account("123456789012").region("eu-west-1").build());

    var privateSubnets = Template.fromStack(stack).findResources("AWS::EC2::Subnet", Match.objectLike(Map.of(
        "Properties", Match.objectLike(Map.of("MapPublicIpOnLaunch", false)))));
    assertThat(privateSubnets).hasSize(3);
  }

  @Test
  void anExistingClusterGetsOnlyTheNodeGroupInSubnetsGivenAtDeploy() {
    var app = AwsApp.withNag(new App());
    var profile = PROFILES.get("dental-receptionist").toBuilder()
        .clusterMode(io.agentscale.profile.ClusterMode.EXISTING).clusterName("prod-eks").build();
    var stack = AwsApp.addStack(app, profile, CapacityPlan.from(profile));
    var template = Template.fromStack(stack);

    template.resourceCountIs("AWS::EKS::Cluster", 0);
    template.resourceCountIs("AWS::EC2::VPC", 0);
    template.resourceCountIs("AWS::EC2::Subnet", 0);
    template.resourceCountIs("AWS::EKS::Nodegroup", 1);
    template.resourceCountIs("AWS::IAM::Role", 1);
    template.hasParameter(AgentPlatformStack.NODE_SUBNETS_PARAMETER,
        Match.objectLike(Map.of("Type", "List<AWS::EC2::Subnet::Id>")));
    template.hasResourceProperties("AWS::EKS::Nodegroup", Match.objectLike(Map.of(
        "ClusterName", "prod-eks",
        "Subnets", Map.of("Ref", AgentPlatformStack.NODE_SUBNETS_PARAMETER),
        "Tags", Match.objectLike(Map.of("k8s.io/cluster-autoscaler/prod-eks", "owned")),
        "ScalingConfig", Map.of("MinSize", 3, "MaxSize", 9, "DesiredSize", 3))));
    assertThat(Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
  }

  @Test
  void theClusterNameCanComeFromContext() {
    var app = new App();
    app.getNode().setContext(AgentPlatformStack.CLUSTER_NAME_CONTEXT, "staging-eks");
    var profile = PROFILES.get("dental-receptionist").toBuilder()
        .clusterMode(io.agentscale.profile.ClusterMode.EXISTING).clusterName("prod-eks").build();
    Template.fromStack(AwsApp.addStack(app, profile, CapacityPlan.from(profile)))
        .hasResourceProperties("AWS::EKS::Nodegroup", Match.objectLike(Map.of("ClusterName", "staging-eks")));
  }

  @Test
  void laterDeploysCanKeepTheAutoscalersDesiredSize() {
    var app = new App();
    app.getNode().setContext(AgentNodePool.KEEP_DESIRED_SIZE_CONTEXT, "true");
    var profile = PROFILES.get("dental-receptionist");
    var template = Template.fromStack(AwsApp.addStack(app, profile, CapacityPlan.from(profile)));

    template.hasResourceProperties("AWS::EKS::Nodegroup", Match.objectLike(Map.of(
        "ScalingConfig", Map.of("MinSize", 3, "MaxSize", 9))));
  }
}
