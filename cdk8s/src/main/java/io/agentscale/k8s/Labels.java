package io.agentscale.k8s;

import io.agentscale.plan.Placement;
import io.agentscale.plan.PodShape;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cdk8s.plus28.k8s.LabelSelector;
import org.cdk8s.plus28.k8s.Toleration;

/** Label sets, and placements and requests from the plan written as Kubernetes fields. */
final class Labels {
  private Labels() {}

  static Map<String, String> of(String component, String agent) {
    var labels = new TreeMap<String, String>();
    labels.put("app.kubernetes.io/name", component);
    labels.put("app.kubernetes.io/part-of", "agentscale");
    labels.put("agentscale.io/agent", agent);
    return labels;
  }

  /** For objects shared by every profile of a cluster: no agent label. */
  static Map<String, String> shared(String component) {
    var labels = of(component, "");
    labels.remove("agentscale.io/agent");
    return labels;
  }

  static Map<String, String> selector(String component) {
    return Map.of("app.kubernetes.io/name", component);
  }

  static LabelSelector matching(String component) {
    return LabelSelector.builder().matchLabels(selector(component)).build();
  }

  /** The node selector of a placement, or null for none (the field is then left out). */
  static Map<String, String> nodeSelector(Placement placement) {
    return placement.nodeSelector().isEmpty() ? null : placement.nodeSelector();
  }

  static List<Toleration> tolerations(Placement placement) {
    if (placement.tolerations().isEmpty()) {
      return null;
    }
    return placement.tolerations().stream()
        .map(t -> Toleration.builder().key(t.key()).operator(t.operator())
            .value(t.value().isEmpty() ? null : t.value()).effect(t.effect().isEmpty() ? null : t.effect()).build())
        .toList();
  }

  /** CPU and memory requests of a pod shape; memory is also the limit (an OOM kill is worse than a wait). */
  static org.cdk8s.plus28.k8s.ResourceRequirements resources(PodShape pod) {
    var memory = org.cdk8s.plus28.k8s.Quantity.fromString(pod.memoryMiB() + "Mi");
    return org.cdk8s.plus28.k8s.ResourceRequirements.builder()
        .requests(Map.of("cpu", org.cdk8s.plus28.k8s.Quantity.fromString(pod.cpuMillis() + "m"), "memory", memory))
        .limits(Map.of("memory", memory))
        .build();
  }
}
