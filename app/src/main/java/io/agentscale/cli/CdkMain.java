package io.agentscale.cli;

import io.agentscale.aws.AwsApp;
import java.nio.file.Path;
import software.amazon.awscdk.App;

/** The app that {@code cdk.json} runs: one stack per valid profile in stacks/. */
public final class CdkMain {
  private CdkMain() {}

  public static void main(String[] args) {
    var app = AwsApp.withNag(new App());
    boolean ok = true;
    for (Path file : Profiles.bundled()) {
      var checked = Profiles.check(file);
      if (!checked.valid()) {
        checked.print(System.err);
        ok = false;
        continue;
      }
      AwsApp.addStack(app, checked.profile(), checked.report().plan());
    }
    if (!ok) {
      System.exit(1);
    }
    app.synth();
  }
}
