package io.agentscale.cli;

import io.agentscale.aws.AwsApp;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import io.agentscale.synth.JsiiWarmup;
import io.agentscale.synth.Clusters;

/**
 * The app that {@code cdk.json} runs, in the folder of that {@code cdk.json}: for each cluster its profiles name, a
 * {@code NAME-cluster} stack (new clusters) and a {@code PROFILE-agents} stack per profile; exits 1 when any profile
 * is invalid. The profiles are {@code stacks/*.yaml} of that folder, or of the folder given as the app's argument or
 * as context ({@code npx cdk synth -c stacks=DIR}).
 */
public final class CdkMain {
  private CdkMain() {}

  private static final java.io.PrintWriter STDERR = new java.io.PrintWriter(System.err, true);

  public static void main(String[] args) {
    var warmup = JsiiWarmup.start(false, true);
    warmup.await();
    var app = AwsApp.withNag(new App());
    Object fromContext = app.getNode().tryGetContext("stacks");
    Path stacks = Path.of(fromContext != null ? fromContext.toString() : args.length > 0 ? args[0] : "stacks");
    var clusters = Clusters.ofFolderOrNull(stacks, STDERR);
    if (clusters == null) {
      System.exit(1);
    }
    // The CDK CLI sets these from your credentials; without them the stacks stay environment-agnostic (offline).
    String region = System.getenv("CDK_DEFAULT_REGION");
    Environment env = region == null || region.isBlank() ? null
        : Environment.builder().account(System.getenv("CDK_DEFAULT_ACCOUNT")).region(region).build();
    clusters.forEach(c -> AwsApp.addCluster(app, c, env));
    app.synth();
  }
}
