package io.agentscale.k8s;

import io.agentscale.plan.ClusterPlan;
import java.util.Map;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import org.cdk8s.plus28.k8s.KubeNamespace;
import org.cdk8s.plus28.k8s.KubePriorityClass;
import org.cdk8s.plus28.k8s.ObjectMeta;
import software.constructs.Construct;

/**
 * What a cluster holds once, whatever profiles it runs: the agents' namespaces, the balloons' PriorityClass, the
 * cluster autoscaler, Prometheus and the Prometheus adapter (each when the plan has it). Applied before the
 * profiles' charts; deleting a profile's chart never removes what the others rely on.
 */
public final class ClusterChart extends Chart {
  private final ClusterAutoscaler autoscaler;
  private final PrometheusServer prometheus;
  private final PrometheusAdapter adapter;

  public ClusterChart(Construct scope, ClusterPlan cluster) {
    this(scope, ClusterChartProps.from(cluster));
  }

  public ClusterChart(Construct scope, ClusterChartProps cluster) {
    super(scope, chartId(cluster.name()), ChartProps.builder().disableResourceNameHashes(true).build());
    for (String namespace : cluster.agentNamespaces()) {
      restrictedNamespace("Namespace-" + namespace, namespace);
    }
    KubePriorityClass.Builder.create(this, "BalloonPriority")
        .metadata(ObjectMeta.builder().name(ClusterPlan.BALLOON_PRIORITY_CLASS)
            .labels(Labels.shared(ClusterPlan.BALLOON_PRIORITY_CLASS)).build())
        .value(ClusterPlan.BALLOON_PRIORITY)
        .globalDefault(false)
        .preemptionPolicy("Never")
        .description("Balloon pods holding idle agent capacity; any real pod preempts them. Above the cluster "
            + "autoscaler's --expendable-pods-priority-cutoff, so a preempted balloon makes it add a node.")
        .build();
    autoscaler = cluster.autoscaler() == null ? null
        : new ClusterAutoscaler(this, "Autoscaler", cluster.autoscaler());
    if (cluster.prometheus() != null) {
      restrictedNamespace("MonitoringNamespace", PrometheusServer.NAMESPACE);
      prometheus = new PrometheusServer(this, "Prometheus", cluster.prometheus());
    } else {
      prometheus = null;
    }
    if (cluster.adapter() != null) {
      restrictedNamespace("AdapterNamespace", PrometheusAdapter.NAMESPACE);
      adapter = new PrometheusAdapter(this, "Adapter", cluster.adapter());
    } else {
      adapter = null;
    }
  }

  /** The cluster autoscaler, or null when the cluster installs none. */
  public ClusterAutoscaler autoscaler() {
    return autoscaler;
  }

  /** The cluster's own Prometheus, or null when it installs none. */
  public PrometheusServer prometheus() {
    return prometheus;
  }

  /** The prometheus-adapter, or null when it installs none. */
  public PrometheusAdapter adapter() {
    return adapter;
  }

  /** The chart's id and file name, the same as the cluster's output folder. */
  public static String chartId(String clusterName) {
    return ClusterPlan.outputName(clusterName);
  }

  private void restrictedNamespace(String id, String name) {
    KubeNamespace.Builder.create(this, id)
        .metadata(ObjectMeta.builder().name(name).labels(Map.of(
            "pod-security.kubernetes.io/enforce", "restricted",
            "app.kubernetes.io/part-of", "agentscale")).build())
        .build();
  }
}
