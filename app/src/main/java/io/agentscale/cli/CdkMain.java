package io.agentscale.cli;

import java.util.List;
import io.agentscale.aws.AwsApp;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;

/**
 * The app that {@code cdk.json} runs: for each cluster the profiles in stacks/ name, a {@code NAME-cluster} stack (new
 * clusters) and a {@code PROFILE-agents} stack per profile; exits 1 when any profile is invalid.
 */
public final class CdkMain {
  private CdkMain() {}

  public static void main(String[] args) {
    var warmup = JsiiWarmup.start(false, true);
    List<Profiles> profiles;
    try {
      profiles = Profiles.bundledValidOrNull(System.err);
    } catch (UserError e) {
      System.err.println("agentscale: " + e.getMessage());
      profiles = null;
    }
    if (profiles == null) {
      System.exit(1);
    }
    // The CDK CLI sets these from your credentials; without them the stacks stay environment-agnostic (offline).
    String region = System.getenv("CDK_DEFAULT_REGION");
    Environment env = region == null || region.isBlank() ? null
        : Environment.builder().account(System.getenv("CDK_DEFAULT_ACCOUNT")).region(region).build();
    var clusters = Clusters.of(profiles);
    if (!clusters.valid()) {
      clusters.print(System.err);
      System.exit(1);
    }
    warmup.await();
    var app = AwsApp.withNag(new App());
    clusters.plans().forEach(c -> AwsApp.addCluster(app, c, env));
    app.synth();
  }
}
