package io.agentscale.k8s;

import io.agentscale.plan.CapacityPlan;
import io.agentscale.profile.ScalingProfile;

/**
 * What {@link SessionAutoscaler} writes: an autoscaling/v2 HPA on a per-pod gauge.
 *
 * @param target the workers it scales; the HPA takes their name, namespace and labels, and marks them so their
 *     Deployment leaves {@code spec.replicas} to it
 * @param metric the per-pod gauge (served on {@code custom.metrics.k8s.io} by the adapter) the HPA averages
 * @param hpa the spec from the plan: target average value, replica bounds, {@code behavior} for both directions and
 *     the optional scaleDown tolerance. Both directions are always written: without them the controller runs its
 *     legacy algorithm
 */
public record SessionAutoscalerProps(AgentWorkers target, String metric, CapacityPlan.Hpa hpa) {

  /** The HPA of one profile's workers, from its plan. */
  public static SessionAutoscalerProps from(AgentWorkers target, ScalingProfile profile, CapacityPlan plan) {
    return new SessionAutoscalerProps(target, profile.metrics().name(), plan.hpa());
  }

  /** Throws naming the first prop the construct cannot write. */
  void validate() {
    Props.notNull("SessionAutoscalerProps.target", target);
    Props.notBlank("SessionAutoscalerProps.metric", metric);
    Props.notNull("SessionAutoscalerProps.hpa", hpa);
    Props.notBlank("SessionAutoscalerProps.hpa.targetQuantity", hpa.targetQuantity());
    Props.atLeast("SessionAutoscalerProps.hpa.minReplicas", hpa.minReplicas(), 1);
    if (hpa.maxReplicas() < hpa.minReplicas()) {
      throw new IllegalArgumentException("SessionAutoscalerProps.hpa.maxReplicas must be >= hpa.minReplicas ("
          + hpa.minReplicas() + "), got " + hpa.maxReplicas());
    }
    Props.notNull("SessionAutoscalerProps.hpa.scaleUp", hpa.scaleUp());
    Props.notNull("SessionAutoscalerProps.hpa.scaleDown", hpa.scaleDown());
  }
}
