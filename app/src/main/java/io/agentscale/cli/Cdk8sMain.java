package io.agentscale.cli;

import java.util.List;
import io.agentscale.k8s.AgentChart;
import io.agentscale.k8s.ClusterChart;
import io.agentscale.k8s.KubernetesManifests;
import java.nio.file.Path;

/**
 * The app that {@code cdk8s.yaml} runs: {@code dist/cluster-NAME.k8s.yaml} for each cluster the profiles in stacks/
 * name and {@code dist/PROFILE.k8s.yaml} for each profile; exits 1 when any is invalid.
 */
public final class Cdk8sMain {
  private Cdk8sMain() {}

  public static void main(String[] args) {
    String outdir = System.getenv().getOrDefault("CDK8S_OUTDIR", "dist");
    var warmup = JsiiWarmup.start(true, false);
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
    var clusters = Clusters.of(profiles);
    if (!clusters.valid()) {
      clusters.print(System.err);
      System.exit(1);
    }
    warmup.await();
    var app = KubernetesManifests.app(Path.of(outdir));
    for (var cluster : clusters.plans()) {
      new ClusterChart(app, cluster);
      cluster.agents().forEach(a -> new AgentChart(app, a.profile(), a.plan()));
    }
    app.synth();
  }
}
