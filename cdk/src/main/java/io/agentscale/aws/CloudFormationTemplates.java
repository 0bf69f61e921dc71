package io.agentscale.aws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/**
 * Synthesizes a cluster's stacks (the cluster's when it is new, and one per profile) to {@code NAME.template.json}
 * files: the AWS twin of {@code KubernetesManifests.write}.
 */
public final class CloudFormationTemplates {
  private CloudFormationTemplates() {}

  /**
   * Writes the templates of {@code inputs} into {@code folder}, through the cloud assembly the CDK writes into
   * {@code assembly} (an empty folder the caller owns and removes).
   */
  public static void write(ClusterInputs inputs, Path assembly, Path folder) throws IOException {
    var app = AwsApp.withNag(new App(AppProps.builder().outdir(assembly.toString()).build()));
    AwsApp.addCluster(app, inputs, null);
    app.synth();
    try (var files = Files.list(assembly)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".template.json")).sorted().toList()) {
        Files.copy(f, folder.resolve(f.getFileName()));
      }
    }
  }
}
