package io.agentscale.k8s;

import io.agentscale.plan.CapacityPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdk8s.plus28.k8s.CrossVersionObjectReferenceV2;
import org.cdk8s.plus28.k8s.HorizontalPodAutoscalerBehaviorV2;
import org.cdk8s.plus28.k8s.HorizontalPodAutoscalerSpecV2;
import org.cdk8s.plus28.k8s.HpaScalingPolicyV2;
import org.cdk8s.plus28.k8s.HpaScalingRulesV2;
import org.cdk8s.plus28.k8s.KubeHorizontalPodAutoscalerV2;
import org.cdk8s.plus28.k8s.KubeHorizontalPodAutoscalerV2Props;
import org.cdk8s.plus28.k8s.MetricIdentifierV2;
import org.cdk8s.plus28.k8s.MetricSpecV2;
import org.cdk8s.plus28.k8s.MetricTargetV2;
import org.cdk8s.plus28.k8s.ObjectMeta;
import org.cdk8s.plus28.k8s.PodsMetricSourceV2;
import org.cdk8s.plus28.k8s.Quantity;
import software.constructs.Construct;

/**
 * The autoscaling/v2 HPA on the per-pod sessions gauge, scaling the {@link AgentWorkers} it is given; one child,
 * {@code Resource}. {@code behavior} is always written in full for both directions: without it the controller runs
 * its legacy algorithm (a 2× cap per sync, max-stabilization both ways).
 */
public class SessionAutoscaler extends Construct {
  private final KubeHorizontalPodAutoscalerV2 hpa;
  private final AgentWorkers target;

  /** @throws IllegalArgumentException naming the first prop that cannot be written */
  public SessionAutoscaler(Construct scope, String id, SessionAutoscalerProps props) {
    super(scope, id);
    props.validate();
    target = props.target();
    var workers = target.props();
    var plan = props.hpa();
    var spec = KubeHorizontalPodAutoscalerV2Props.builder()
        .metadata(ObjectMeta.builder().name(workers.name()).namespace(workers.namespace())
            .labels(Labels.of(workers.name(), workers.agent())).build())
        .spec(HorizontalPodAutoscalerSpecV2.builder()
            .scaleTargetRef(CrossVersionObjectReferenceV2.builder()
                .apiVersion("apps/v1").kind("Deployment").name(target.deployment().getName()).build())
            .minReplicas(plan.minReplicas())
            .maxReplicas(plan.maxReplicas())
            .metrics(List.of(MetricSpecV2.builder()
                .type("Pods")
                .pods(PodsMetricSourceV2.builder()
                    .metric(MetricIdentifierV2.builder().name(props.metric()).build())
                    .target(MetricTargetV2.builder().type("AverageValue")
                        .averageValue(Quantity.fromString(plan.targetQuantity())).build())
                    .build())
                .build()))
            .behavior(HorizontalPodAutoscalerBehaviorV2.builder()
                .scaleUp(rules(plan.scaleUp()))
                .scaleDown(rules(plan.scaleDown()))
                .build())
            .build())
        .build();
    hpa = plan.scaleDownTolerance() != null
        ? new WithScaleDownTolerance(this, "Resource", spec, plan.scaleDownTolerance().doubleValue())
        : new KubeHorizontalPodAutoscalerV2(this, "Resource", spec);
    target.markHasAutoscaler();
  }

  /** The HorizontalPodAutoscaler object. */
  public KubeHorizontalPodAutoscalerV2 hpa() {
    return hpa;
  }

  /** The workers it scales. */
  public AgentWorkers target() {
    return target;
  }

  /**
   * The HPA plus {@code spec.behavior.scaleDown.tolerance} (Kubernetes >= 1.33, HPAConfigurableTolerance). The 1.28
   * classes have no such field, and the L1 class rebuilds its output from known fields only (a JSON patch would be
   * dropped), so the field is added to the finished object.
   */
  static final class WithScaleDownTolerance extends KubeHorizontalPodAutoscalerV2 {
    private final double tolerance;

    WithScaleDownTolerance(Construct scope, String id, KubeHorizontalPodAutoscalerV2Props props, double tolerance) {
      super(scope, id, props);
      this.tolerance = tolerance;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object toJson() {
      var json = (Map<String, Object>) super.toJson();
      var spec = (Map<String, Object>) json.get("spec");
      var behavior = (Map<String, Object>) spec.get("behavior");
      var scaleDown = new LinkedHashMap<>((Map<String, Object>) behavior.get("scaleDown"));
      scaleDown.put("tolerance", tolerance);
      var withTolerance = new LinkedHashMap<>(behavior);
      withTolerance.put("scaleDown", scaleDown);
      var newSpec = new LinkedHashMap<>(spec);
      newSpec.put("behavior", withTolerance);
      var result = new LinkedHashMap<>(json);
      result.put("spec", newSpec);
      return result;
    }
  }

  private static HpaScalingRulesV2 rules(CapacityPlan.HpaDirection r) {
    return HpaScalingRulesV2.builder()
        .stabilizationWindowSeconds(r.stabilizationWindow().toSeconds())
        .selectPolicy(CapacityPlan.HpaDirection.SELECT_POLICY)
        .policies(List.of(HpaScalingPolicyV2.builder()
            .type("Pods").value(r.pods()).periodSeconds(r.period().toSeconds()).build()))
        .build();
  }
}
