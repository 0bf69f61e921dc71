package io.agentscale.k8s;

import io.agentscale.plan.CapacityPlan;
import io.agentscale.profile.ProfileLoader;
import java.nio.file.Path;
import org.cdk8s.App;
import org.cdk8s.AppProps;
import org.cdk8s.Chart;

/**
 * The README's example of agentscale's constructs in a cdk8s app of one's own; the region between the markers is the
 * README's snippet, word for word ({@link OwnAppExampleTest}).
 */
final class OwnAppExample {
  private OwnAppExample() {}

  /** Synthesizes the example's chart, {@code voice}, into {@code outdir}. */
  static void synthesize(Path outdir) {
    // BEGIN README
    var profile = ProfileLoader.load(Path.of("stacks/pizza-orders.yaml"));
    var plan = CapacityPlan.from(profile);

    var app = new App(AppProps.builder().outdir(outdir.toString()).build());
    var chart = new Chart(app, "voice");
    var workers = new AgentWorkers(chart, "Workers", AgentWorkersProps.from(profile, plan));
    // Takes the workers, not a name: the HPA scales exactly them, and their Deployment leaves replicas to it.
    new SessionAutoscaler(chart, "Hpa", SessionAutoscalerProps.from(workers, profile, plan));

    // What the constructs expose is yours to extend.
    workers.deployment().getMetadata().addLabel("team", "voice");
    app.synth();
    // END README
  }
}
