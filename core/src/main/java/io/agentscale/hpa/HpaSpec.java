package io.agentscale.hpa;

import io.agentscale.plan.CapacityPlan;
import io.agentscale.profile.ScalingProfile;
import io.agentscale.hpa.HpaController.Behavior;
import io.agentscale.hpa.HpaController.Policy;
import io.agentscale.hpa.HpaController.PolicyType;
import io.agentscale.hpa.HpaController.Pod;
import io.agentscale.hpa.HpaController.Recommendation;
import io.agentscale.hpa.HpaController.ScaleEvent;
import io.agentscale.hpa.HpaController.SelectPolicy;
import io.agentscale.hpa.HpaController.Tolerance;
import java.util.List;

/** The generated HPA's spec as the controller reads it: bounds, target in milli-units, tolerance and behavior. */
public record HpaSpec(int minReplicas, int maxReplicas, long targetMilli, Tolerance tolerance, Behavior behavior) {
  /** The HPA the plan specifies, read as the controller reads the emitted object. */
  public static HpaSpec of(ScalingProfile profile, CapacityPlan plan) {
    var hpa = plan.hpa();
    var tolerance = hpa.scaleDownTolerance() == null ? Tolerance.DEFAULT
        : new Tolerance(Tolerance.DEFAULT.scaleUp(), Tolerance.quantity(hpa.scaleDownTolerance()));
    return new HpaSpec(hpa.minReplicas(), hpa.maxReplicas(), Math.round(hpa.targetAverageValue() * 1000), tolerance,
        new Behavior(rules(hpa.scaleUp()), rules(hpa.scaleDown())));
  }

  private static HpaController.ScalingRules rules(CapacityPlan.HpaDirection r) {
    return new HpaController.ScalingRules((int) r.stabilizationWindow().toSeconds(),
        SelectPolicy.valueOf(CapacityPlan.HpaDirection.SELECT_POLICY),
        List.of(new Policy(PolicyType.Pods, r.pods(), (int) r.period().toSeconds())));
  }

  /** One reconcile's input for this HPA. */
  public HpaController.Input input(int currentReplicas, List<Pod> pods, List<Recommendation> recommendations,
      List<ScaleEvent> scaleUps, List<ScaleEvent> scaleDowns) {
    return new HpaController.Input(currentReplicas, minReplicas, maxReplicas, targetMilli, tolerance, pods, null,
        behavior, HpaController.DOWNSCALE_STABILIZATION_SECONDS, HpaController.SCALE_UP_LIMIT_FACTOR,
        recommendations, scaleUps, scaleDowns, false);
  }
}
