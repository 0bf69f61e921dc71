package io.agentscale.cli;

import io.agentscale.k8s.AgentChart;
import io.agentscale.k8s.KubernetesManifests;
import java.nio.file.Path;

/** The app that {@code cdk8s.yaml} runs: every profile in stacks/ to {@code dist/NAME.k8s.yaml}; exits 1 when any is invalid. */
public final class Cdk8sMain {
  private Cdk8sMain() {}

  public static void main(String[] args) {
    String outdir = System.getenv().getOrDefault("CDK8S_OUTDIR", "dist");
    var warmup = JsiiWarmup.start(true, false);
    var profiles = Profiles.bundledValidOrNull(System.err);
    if (profiles == null) {
      System.exit(1);
    }
    warmup.await();
    var app = KubernetesManifests.app(Path.of(outdir));
    profiles.forEach(p -> new AgentChart(app, p.profile(), p.report().plan()));
    app.synth();
  }
}
