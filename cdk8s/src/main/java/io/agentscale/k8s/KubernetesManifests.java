package io.agentscale.k8s;

import io.agentscale.plan.CapacityPlan;
import io.agentscale.plan.ClusterPlan;
import io.agentscale.profile.ScalingProfile;
import java.nio.file.Path;
import org.cdk8s.App;
import org.cdk8s.AppProps;
import org.cdk8s.YamlOutputType;

/** Synthesizes charts to {@code OUTDIR/ID.k8s.yaml}, one file per chart: a cluster's and each profile's. */
public final class KubernetesManifests {
  private KubernetesManifests() {}

  public static App app(Path outdir) {
    return new App(AppProps.builder().outdir(outdir.toString()).yamlOutputType(YamlOutputType.FILE_PER_CHART).build());
  }

  /** Writes one profile's manifests into {@code outdir}. */
  public static void write(ScalingProfile profile, CapacityPlan plan, Path outdir) {
    App app = app(outdir);
    new AgentChart(app, profile, plan);
    app.synth();
  }

  /** Writes one profile's manifests, from its chart's props, into {@code outdir}. */
  public static void write(AgentChartProps props, Path outdir) {
    App app = app(outdir);
    new AgentChart(app, props);
    app.synth();
  }

  /** Writes what a cluster holds once, from its chart's props, into {@code outdir}. */
  public static void write(ClusterChartProps props, Path outdir) {
    App app = app(outdir);
    new ClusterChart(app, props);
    app.synth();
  }

  /** Writes what a cluster holds once into {@code outdir}. */
  public static void write(ClusterPlan cluster, Path outdir) {
    App app = app(outdir);
    new ClusterChart(app, cluster);
    app.synth();
  }
}
