package io.agentscale.k8s;

import io.agentscale.plan.CapacityPlan;
import io.agentscale.profile.Durations;
import io.agentscale.profile.ScalingProfile;
import java.util.List;
import java.util.Map;
import org.cdk8s.ApiObject;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import org.cdk8s.JsonPatch;
import software.constructs.Construct;

/**
 * What one profile adds to its cluster, composed; each construct renders one concern. Everything the profiles of a
 * cluster share (namespaces, the adapter, the balloon priority, the autoscaler, Prometheus) is in {@link ClusterChart}.
 * Children: {@code Workers}, {@code Hpa}, {@code Buffer} (with balloons) and {@code PodMonitor} (when asked).
 */
public final class AgentChart extends Chart {
  private final AgentWorkers workers;
  private final SessionAutoscaler autoscaler;
  private final NodeBuffer buffer;

  public AgentChart(Construct scope, ScalingProfile profile, CapacityPlan plan) {
    this(scope, AgentChartProps.from(profile, plan));
  }

  public AgentChart(Construct scope, AgentChartProps props) {
    super(scope, props.name(), ChartProps.builder().disableResourceNameHashes(true).build());
    workers = new AgentWorkers(this, "Workers", props.workers());
    autoscaler = new SessionAutoscaler(this, "Hpa", new SessionAutoscalerProps(workers, props.metric(), props.hpa()));
    buffer = props.buffer() == null ? null : new NodeBuffer(this, "Buffer", props.buffer());
    if (props.podMonitorInterval() != null) {
      podMonitor(props);
    }
  }

  public AgentWorkers workers() {
    return workers;
  }

  public SessionAutoscaler autoscaler() {
    return autoscaler;
  }

  /** The balloons, or null when the plan keeps none. */
  public NodeBuffer buffer() {
    return buffer;
  }

  /** Prometheus-Operator PodMonitor (a CRD, so a generic ApiObject); the operator adds namespace and pod labels. */
  private void podMonitor(AgentChartProps props) {
    var w = props.workers();
    var monitor = ApiObject.Builder.create(this, "PodMonitor")
        .apiVersion("monitoring.coreos.com/v1")
        .kind("PodMonitor")
        .metadata(ApiObjectMetadata.builder().name(w.name()).namespace(w.namespace())
            .labels(Labels.of(w.name(), w.agent())).build())
        .build();
    monitor.addJsonPatch(JsonPatch.add("/spec", Map.of(
        "selector", Map.of("matchLabels", Labels.selector(w.name())),
        "podMetricsEndpoints", List.of(Map.of(
            "port", "metrics",
            "path", "/metrics",
            "interval", Durations.seconds(props.podMonitorInterval()))))));
  }
}
