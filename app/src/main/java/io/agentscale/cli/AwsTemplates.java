package io.agentscale.cli;

import io.agentscale.aws.AwsApp;
import io.agentscale.plan.CapacityPlan;
import io.agentscale.profile.ScalingProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/** Synthesizes one profile's stack and keeps its CloudFormation template(s) in {@code folder}. */
final class AwsTemplates {
  private AwsTemplates() {}

  static void write(ScalingProfile profile, CapacityPlan plan, Path folder) throws Exception {
    Path assembly = Files.createTempDirectory("agentscale-cdk-");
    try {
      var app = AwsApp.withNag(new App(AppProps.builder().outdir(assembly.toString()).build()));
      AwsApp.addStack(app, profile, plan);
      app.synth();
      Files.createDirectories(folder);
      try (var files = Files.list(assembly)) {
        for (Path f : files.filter(f -> f.toString().endsWith(".template.json")).sorted().toList()) {
          Files.copy(f, folder.resolve(f.getFileName()));
        }
      }
    } finally {
      AtomicFolder.deleteTree(assembly);
    }
  }
}
