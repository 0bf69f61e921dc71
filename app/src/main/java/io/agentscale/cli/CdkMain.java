package io.agentscale.cli;

import io.agentscale.aws.AwsApp;
import software.amazon.awscdk.App;

/** The app that {@code cdk.json} runs: one stack per profile in stacks/; exits 1 when any profile is invalid. */
public final class CdkMain {
  private CdkMain() {}

  public static void main(String[] args) {
    var profiles = Profiles.bundledValidOrNull(System.err);
    if (profiles == null) {
      System.exit(1);
    }
    var app = AwsApp.withNag(new App());
    profiles.forEach(p -> AwsApp.addStack(app, p.profile(), p.report().plan()));
    app.synth();
  }
}
