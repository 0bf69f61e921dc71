package io.agentscale.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentscale.plan.CapacityPlan;
import io.agentscale.profile.ProfileLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.Subnet;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcAttributes;
import software.amazon.awscdk.services.eks_v2.Cluster;
import software.amazon.awscdk.services.eks_v2.ClusterAttributes;
import software.amazon.awscdk.services.eks_v2.ICluster;

/** The AWS constructs check their props, name the one they cannot create, and expose what a user extends. */
class AwsConstructPropsTest {
  static AwsInputs inputs;

  @BeforeAll
  static void load() {
    var profile = ProfileLoader.load(Path.of("stacks", "pizza-orders.yaml"));
    inputs = AwsInputs.of(profile, CapacityPlan.from(profile));
  }

  /** A stack holding an imported cluster, as a user's app or an EXISTING cluster has. */
  static Stack stack() {
    return new Stack(new App(), "Agents");
  }

  static ICluster cluster(Stack stack) {
    var vpc = Vpc.fromVpcAttributes(stack, "Vpc", VpcAttributes.builder().vpcId("vpc-1")
        .availabilityZones(List.of("eu-west-1a", "eu-west-1b", "eu-west-1c")).build());
    return Cluster.fromClusterAttributes(stack, "Cluster",
        ClusterAttributes.builder().clusterName("voice-agents").vpc(vpc).build());
  }

  static List<ISubnet> subnets(Stack stack, int count) {
    return java.util.stream.IntStream.rangeClosed(1, count)
        .mapToObj(i -> Subnet.fromSubnetId(stack, "Subnet" + i, "subnet-" + i)).toList();
  }

  @Test
  void rejectsANodePoolWithFewerSubnetsThanZones() {
    var stack = stack();
    int zones = inputs.nodeGroup().zones().size();
    var props = AgentNodePoolProps.from(inputs, cluster(stack), "voice-agents", subnets(stack, zones - 1));
    assertThatThrownBy(() -> new AgentNodePool(stack, "NodePool", props))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AgentNodePoolProps.subnets must hold one subnet per zone (" + zones + "), got " + (zones - 1));
  }

  @Test
  void aNodePoolExposesItsGroupsTheirRoleAndItsCluster() {
    var stack = stack();
    var cluster = cluster(stack);
    int zones = inputs.nodeGroup().zones().size();
    var pool = new AgentNodePool(stack, "NodePool",
        AgentNodePoolProps.from(inputs, cluster, "voice-agents", subnets(stack, zones)));
    assertThat(pool.zones()).hasSize(zones).allSatisfy(g -> assertThat(g.getRole()).isSameAs(pool.role()));
    assertThat(pool.cluster()).isSameAs(cluster);
  }

  @Test
  void rejectsAnAgentRoleWithoutServiceAccount() {
    var props = new AgentRoleProps("voice-agents", "voice", " ", List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"));
    assertThatThrownBy(() -> new AgentRole(stack(), "AgentRole", props))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AgentRoleProps.serviceAccount must not be blank, got ' '");
  }
}
