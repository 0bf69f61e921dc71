package io.agentscale.cli;

import io.agentscale.k8s.AgentChart;
import io.agentscale.k8s.KubernetesManifests;
import java.nio.file.Path;

/** The app that {@code cdk8s.yaml} runs: every valid profile in stacks/ to {@code dist/NAME.k8s.yaml}. */
public final class Cdk8sMain {
  private Cdk8sMain() {}

  public static void main(String[] args) {
    String outdir = System.getenv().getOrDefault("CDK8S_OUTDIR", "dist");
    var app = KubernetesManifests.app(Path.of(outdir));
    boolean ok = true;
    for (Path file : Profiles.bundled()) {
      var checked = Profiles.check(file);
      if (!checked.valid()) {
        checked.print(System.err);
        ok = false;
        continue;
      }
      new AgentChart(app, checked.profile(), checked.report().plan());
    }
    if (!ok) {
      System.exit(1);
    }
    app.synth();
  }
}
