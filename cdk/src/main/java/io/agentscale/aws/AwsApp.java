package io.agentscale.aws;

import io.agentscale.plan.ClusterPlan;
import io.agentscale.profile.ClusterMode;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;

/**
 * Builds the CDK app: per cluster, one {@code NAME-cluster} stack (NEW clusters only) and one {@code PROFILE-agents}
 * stack per profile, with cdk-nag's AwsSolutions pack applied to all of them.
 */
public final class AwsApp {
  private AwsApp() {}

  public static String stackName(String profileName) {
    return profileName + "-agents";
  }

  public static String clusterStackName(String clusterName) {
    return clusterName + "-cluster";
  }

  public static App withNag(App app) {
    Aspects.of(app).add(new AwsSolutionsChecks());
    return app;
  }

  public static List<Stack> addCluster(App app, ClusterPlan cluster, Environment env) {
    return addCluster(app, ClusterInputs.of(cluster), env);
  }

  /**
   * A cluster's stacks for {@code env} (null: environment-agnostic, offline, two zones). With a region, a new
   * cluster's VPC spans its profiles' largest availability_zones; the CDK CLI looks the zones up once with your
   * credentials and keeps them in cdk.context.json. The cluster stack comes first.
   */
  public static List<Stack> addCluster(App app, ClusterInputs inputs, Environment env) {
    var stacks = new ArrayList<Stack>();
    ClusterStack clusterStack = null;
    if (inputs.mode() == ClusterMode.NEW) {
      clusterStack = new ClusterStack(app, clusterStackName(inputs.name()), StackProps.builder().env(env)
          .description("agentscale: EKS cluster " + inputs.name() + " with system nodes, add-ons and the "
              + "cluster autoscaler's role").build(), inputs);
      stacks.add(clusterStack);
    }
    for (AwsInputs agent : inputs.agents()) {
      stacks.add(new AgentPlatformStack(app, stackName(agent.name()), StackProps.builder().env(env)
          .description("agentscale: EKS nodes for the " + agent.name() + " voice agents").build(), agent,
          clusterStack));
    }
    return stacks;
  }
}
