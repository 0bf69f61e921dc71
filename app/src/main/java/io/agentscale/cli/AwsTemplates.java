package io.agentscale.cli;

import io.agentscale.aws.AwsApp;
import io.agentscale.aws.AwsInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/** Synthesizes one profile's stack and keeps its CloudFormation template(s) in {@code folder}. */
final class AwsTemplates {
  private AwsTemplates() {}

  static void write(AwsInputs inputs, Path folder) throws Exception {
    Path assembly = Files.createTempDirectory("agentscale-cdk-");
    try {
      var app = AwsApp.withNag(new App(AppProps.builder().outdir(assembly.toString()).build()));
      AwsApp.addStack(app, inputs, null);
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
