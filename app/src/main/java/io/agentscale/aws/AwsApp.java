package io.agentscale.aws;

import io.agentscale.plan.CapacityPlan;
import io.agentscale.profile.ScalingProfile;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/** Builds the CDK app: one stack per profile, with cdk-nag's AwsSolutions pack applied to all of them. */
public final class AwsApp {
  private AwsApp() {}

  public static String stackName(ScalingProfile profile) {
    return stackName(profile.name());
  }

  static String stackName(String profileName) {
    return profileName + "-agents";
  }

  public static App withNag(App app) {
    Aspects.of(app).add(new AwsSolutionsChecks());
    return app;
  }

  /** An environment-agnostic stack: synthesizes offline, with a two-zone VPC for a new cluster. */
  public static AgentPlatformStack addStack(App app, ScalingProfile profile, CapacityPlan plan) {
    return addStack(app, profile, plan, null);
  }

  /**
   * A stack for {@code env} (null: environment-agnostic). With a region, a new cluster's VPC spans the profile's
   * availability_zones; the CDK CLI looks the zones up once with your credentials and keeps them in cdk.context.json.
   */
  public static AgentPlatformStack addStack(App app, ScalingProfile profile, CapacityPlan plan, Environment env) {
    return addStack(app, AwsInputs.of(profile, plan), env);
  }

  /** The same from the inputs alone: what {@code synth --watch} compares to decide whether to synthesize again. */
  public static AgentPlatformStack addStack(App app, AwsInputs inputs, Environment env) {
    return new AgentPlatformStack(app, stackName(inputs.name()),
        StackProps.builder().env(env)
            .description("agentscale: EKS nodes for the " + inputs.name() + " voice agents").build(),
        inputs);
  }
}
