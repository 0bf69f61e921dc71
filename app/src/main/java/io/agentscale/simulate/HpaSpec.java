package io.agentscale.simulate;

import io.agentscale.plan.CapacityPlan;
import io.agentscale.plan.Rules;
import io.agentscale.profile.ScalingProfile;
import io.agentscale.simulate.HpaController.Behavior;
import io.agentscale.simulate.HpaController.Policy;
import io.agentscale.simulate.HpaController.PolicyType;
import io.agentscale.simulate.HpaController.Pod;
import io.agentscale.simulate.HpaController.Recommendation;
import io.agentscale.simulate.HpaController.ScaleEvent;
import io.agentscale.simulate.HpaController.SelectPolicy;
import io.agentscale.simulate.HpaController.Tolerance;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/** The generated HPA's spec as the controller reads it: bounds, target in milli-units, tolerance and behavior. */
public record HpaSpec(int minReplicas, int maxReplicas, long targetMilli, Tolerance tolerance, Behavior behavior) {
  public static HpaSpec of(ScalingProfile profile, CapacityPlan plan) {
    var h = profile.kubernetes().hpa();
    var tolerance = h.configurableTolerance()
        ? new Tolerance(Tolerance.DEFAULT.scaleUp(), Tolerance.quantity(new BigDecimal(Rules.scaleDownTolerance(profile))))
        : Tolerance.DEFAULT;
    return new HpaSpec(plan.hpa().minReplicas(), plan.hpa().maxReplicas(),
        Math.round(plan.hpa().targetAverageValue() * 1000), tolerance,
        new Behavior(rules(h.scaleUpStabilization(), h.scaleUpPods(), h.scaleUpPeriod()),
            rules(h.scaleDownStabilization(), h.scaleDownPods(), h.scaleDownPeriod())));
  }

  private static HpaController.Rules rules(Duration window, int pods, Duration period) {
    return new HpaController.Rules((int) window.toSeconds(), SelectPolicy.Max,
        List.of(new Policy(PolicyType.Pods, pods, (int) period.toSeconds())));
  }

  /** One reconcile's input for this HPA. */
  public HpaController.Input input(int currentReplicas, List<Pod> pods, List<Recommendation> recommendations,
      List<ScaleEvent> scaleUps, List<ScaleEvent> scaleDowns) {
    return new HpaController.Input(currentReplicas, minReplicas, maxReplicas, targetMilli, tolerance, pods, null,
        behavior, HpaController.DOWNSCALE_STABILIZATION_SECONDS, HpaController.SCALE_UP_LIMIT_FACTOR,
        recommendations, scaleUps, scaleDowns, false);
  }
}
