package io.agentscale.aws;

import io.agentscale.plan.CapacityPlan;
import io.agentscale.profile.ScalingProfile;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;

/** Builds the CDK app: one stack per profile, with cdk-nag's AwsSolutions pack applied to all of them. */
public final class AwsApp {
  private AwsApp() {}

  public static String stackName(ScalingProfile profile) {
    return profile.name() + "-agents";
  }

  public static App withNag(App app) {
    Aspects.of(app).add(new AwsSolutionsChecks());
    return app;
  }

  public static AgentPlatformStack addStack(App app, ScalingProfile profile, CapacityPlan plan) {
    return new AgentPlatformStack(app, stackName(profile),
        StackProps.builder().description("agentscale: EKS nodes for the " + profile.name() + " voice agents").build(),
        profile, plan);
  }
}
