package io.agentscale.cli;

import io.agentscale.k8s.AgentChart;
import io.agentscale.k8s.ClusterChart;
import io.agentscale.k8s.KubernetesManifests;
import java.nio.file.Path;
import io.agentscale.synth.JsiiWarmup;
import io.agentscale.synth.Clusters;

/**
 * The app that {@code cdk8s.yaml} runs, in the folder of that {@code cdk8s.yaml}: {@code cluster-NAME.k8s.yaml} for
 * each cluster its profiles name and {@code PROFILE.k8s.yaml} for each profile, in the output folder cdk8s gives
 * ({@code output:} in cdk8s.yaml); exits 1 when any is invalid. The profiles are {@code stacks/*.yaml} of that folder,
 * or of the folder given as the app's argument.
 */
public final class Cdk8sMain {
  private Cdk8sMain() {}

  private static final java.io.PrintWriter STDERR = new java.io.PrintWriter(System.err, true);

  public static void main(String[] args) {
    String outdir = System.getenv().getOrDefault("CDK8S_OUTDIR", "cdk8s.out");
    var warmup = JsiiWarmup.start(true, false);
    var clusters = Clusters.ofFolderOrNull(Path.of(args.length > 0 ? args[0] : "stacks"), STDERR);
    if (clusters == null) {
      System.exit(1);
    }
    warmup.await();
    var app = KubernetesManifests.app(Path.of(outdir));
    for (var cluster : clusters) {
      new ClusterChart(app, cluster);
      cluster.agents().forEach(a -> new AgentChart(app, a.profile(), a.plan()));
    }
    app.synth();
  }
}
