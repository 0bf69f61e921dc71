package io.agentscale.k8s;

import io.agentscale.plan.ClusterPlan;
import io.agentscale.plan.PodShape;
import java.time.Duration;
import java.util.List;

/**
 * What {@link PrometheusAdapter} writes: a prometheus-adapter serving per-pod gauges on {@code custom.metrics.k8s.io}.
 *
 * @param image the prometheus-adapter image; {@link #from} pins {@link ClusterPlan#ADAPTER_IMAGE}
 * @param prometheusUrl where the adapter queries Prometheus, such as {@code http://prometheus.monitoring.svc:9090}
 * @param relistInterval how often the adapter lists the series it serves; a new pod's gauge reaches the HPA after it
 * @param metrics the gauges it serves, one rule each ({@link AdapterRule}), in this order
 * @param pod where the adapter runs and what it requests (from the cluster plan: the system nodes)
 */
public record PrometheusAdapterProps(String image, String prometheusUrl, Duration relistInterval,
    List<String> metrics, PodShape pod) {
  public PrometheusAdapterProps {
    metrics = metrics == null ? null : List.copyOf(metrics);
  }

  /** The adapter of a cluster's plan. */
  public static PrometheusAdapterProps from(ClusterPlan.Adapter adapter) {
    return new PrometheusAdapterProps(adapter.image(), adapter.prometheusUrl(), adapter.relistInterval(),
        adapter.metrics(), adapter.pod());
  }

  /** Throws naming the first prop the construct cannot write. */
  void validate() {
    Props.notBlank("PrometheusAdapterProps.image", image);
    Props.notBlank("PrometheusAdapterProps.prometheusUrl", prometheusUrl);
    if (!prometheusUrl.startsWith("http://") && !prometheusUrl.startsWith("https://")) {
      throw new IllegalArgumentException(
          "PrometheusAdapterProps.prometheusUrl must start with http:// or https://, got '" + prometheusUrl + "'");
    }
    Props.positive("PrometheusAdapterProps.relistInterval", relistInterval);
    Props.notEmpty("PrometheusAdapterProps.metrics", metrics);
    Props.notNull("PrometheusAdapterProps.pod", pod);
  }
}
