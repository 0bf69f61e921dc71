package io.agentscale.k8s;

import io.agentscale.plan.ClusterPlan;
import io.agentscale.plan.PodShape;
import java.time.Duration;

/**
 * What {@link PrometheusServer} writes: a small Prometheus for clusters that have none.
 *
 * @param image the Prometheus image; {@link #from} pins {@link ClusterPlan#PROMETHEUS_IMAGE}
 * @param scrapeInterval how often pods are scraped; the HPA sees a gauge change no sooner
 * @param retention how long samples are kept, as Prometheus writes it ({@code 2d}); the HPA needs minutes only
 * @param pod where it runs and what it requests (from the cluster plan: the system nodes)
 */
public record PrometheusServerProps(String image, Duration scrapeInterval, String retention, PodShape pod) {

  /** The Prometheus of a cluster's plan. */
  public static PrometheusServerProps from(ClusterPlan.Prometheus prometheus) {
    return new PrometheusServerProps(prometheus.image(), prometheus.scrapeInterval(), prometheus.retention(),
        prometheus.pod());
  }

  /** Throws naming the first prop the construct cannot write. */
  void validate() {
    Props.notBlank("PrometheusServerProps.image", image);
    Props.positive("PrometheusServerProps.scrapeInterval", scrapeInterval);
    Props.notBlank("PrometheusServerProps.retention", retention);
    Props.notNull("PrometheusServerProps.pod", pod);
  }
}
