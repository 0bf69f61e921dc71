package io.agentscale.k8s;

import io.agentscale.plan.ClusterPlan;
import java.util.List;

/**
 * Everything a cluster's chart is built from: equal props synthesize the same manifests. {@link #from} is the one
 * place a cluster plan becomes Kubernetes props.
 *
 * @param name the cluster's name; the chart is {@link ClusterChart#chartId} of it
 * @param agentNamespaces the agents' namespaces, each created with the restricted Pod Security Standard
 * @param autoscaler the cluster autoscaler; null installs none
 * @param prometheus a Prometheus of its own; null installs none
 * @param adapter the prometheus-adapter; null installs none
 */
public record ClusterChartProps(String name, List<String> agentNamespaces, ClusterAutoscalerProps autoscaler,
    PrometheusServerProps prometheus, PrometheusAdapterProps adapter) {
  public ClusterChartProps {
    agentNamespaces = List.copyOf(agentNamespaces);
  }

  public static ClusterChartProps from(ClusterPlan cluster) {
    return new ClusterChartProps(cluster.name(), cluster.agentNamespaces(),
        cluster.autoscaler() == null ? null : ClusterAutoscalerProps.from(cluster.autoscaler()),
        cluster.prometheus() == null ? null : PrometheusServerProps.from(cluster.prometheus()),
        cluster.adapter() == null ? null : PrometheusAdapterProps.from(cluster.adapter()));
  }
}
