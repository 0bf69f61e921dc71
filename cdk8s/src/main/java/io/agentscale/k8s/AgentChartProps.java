package io.agentscale.k8s;

import io.agentscale.plan.CapacityPlan;
import io.agentscale.profile.ScalingProfile;
import java.time.Duration;

/**
 * Everything one profile's chart is built from, and nothing else: equal props synthesize the same manifests, so an
 * edit that leaves them equal (a LiveKit-only setting, say) leaves the Kubernetes output as it was. {@link #from} is
 * the one place a profile and its plan become Kubernetes props.
 *
 * @param name the chart's id and file name: the profile's name
 * @param workers the agent Deployment, PodDisruptionBudget and ServiceAccount
 * @param metric the per-pod gauge the HPA scales on
 * @param hpa the HPA's spec from the plan
 * @param buffer the balloon pods; null when the plan keeps none
 * @param podMonitorInterval the scrape interval of a Prometheus-Operator PodMonitor for the workers; null writes none
 */
public record AgentChartProps(String name, AgentWorkersProps workers, String metric, CapacityPlan.Hpa hpa,
    NodeBufferProps buffer, Duration podMonitorInterval) {

  public static AgentChartProps from(ScalingProfile profile, CapacityPlan plan) {
    return new AgentChartProps(profile.name(), AgentWorkersProps.from(profile, plan), profile.metrics().name(),
        plan.hpa(), NodeBufferProps.from(profile, plan),
        profile.kubernetes().podMonitor() ? profile.metrics().scrapeInterval() : null);
  }
}
