package io.agentscale.k8s;

import io.agentscale.plan.CapacityPlan;
import io.agentscale.profile.ScalingProfile;
import java.util.Map;
import org.cdk8s.ApiObject;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import software.constructs.Construct;

/**
 * What one profile adds to its cluster, composed; each construct renders one concern. Everything the profiles of a
 * cluster share (namespaces, the adapter, the balloon priority, the autoscaler, Prometheus) is in {@link ClusterChart}.
 */
public final class AgentChart extends Chart {
  public AgentChart(Construct scope, ScalingProfile profile, CapacityPlan plan) {
    super(scope, profile.name(), ChartProps.builder().disableResourceNameHashes(true).build());
    var k = profile.kubernetes();
    new AgentWorkers(this, "Workers", profile, plan);
    new SessionAutoscaler(this, "Hpa", profile, plan);
    if (plan.buffer().balloonPods() > 0) {
      new NodeBuffer(this, "Buffer", profile, plan);
    }
    if (k.podMonitor()) {
      podMonitor(profile);
    }
  }

  /** Prometheus-Operator PodMonitor (a CRD, so a generic ApiObject); the operator adds namespace and pod labels. */
  private void podMonitor(ScalingProfile profile) {
    var k = profile.kubernetes();
    var monitor = ApiObject.Builder.create(this, "PodMonitor")
        .apiVersion("monitoring.coreos.com/v1")
        .kind("PodMonitor")
        .metadata(ApiObjectMetadata.builder().name(k.deployment()).namespace(k.namespace())
            .labels(Labels.of(k.deployment(), profile.name())).build())
        .build();
    monitor.addJsonPatch(org.cdk8s.JsonPatch.add("/spec", Map.of(
        "selector", Map.of("matchLabels", Labels.selector(k.deployment())),
        "podMetricsEndpoints", java.util.List.of(Map.of(
            "port", "metrics",
            "path", "/metrics",
            "interval", io.agentscale.profile.Durations.seconds(profile.metrics().scrapeInterval()))))));
  }
}
