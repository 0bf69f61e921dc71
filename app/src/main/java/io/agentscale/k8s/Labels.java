package io.agentscale.k8s;

import io.agentscale.plan.AgentNodes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cdk8s.plus28.k8s.LabelSelector;
import org.cdk8s.plus28.k8s.Toleration;

/** Label sets and the node placement shared by the agent workers and the balloon pods. */
final class Labels {
  private Labels() {}

  static Map<String, String> of(String component, String agent) {
    var labels = new TreeMap<String, String>();
    labels.put("app.kubernetes.io/name", component);
    labels.put("app.kubernetes.io/part-of", "agentscale");
    labels.put("agentscale.io/agent", agent);
    return labels;
  }

  static Map<String, String> selector(String component) {
    return Map.of("app.kubernetes.io/name", component);
  }

  static LabelSelector matching(String component) {
    return LabelSelector.builder().matchLabels(selector(component)).build();
  }

  static Map<String, String> nodeSelector(AgentNodes nodes) {
    return Map.of(nodes.labelKey(), nodes.labelValue());
  }

  static List<Toleration> tolerations(AgentNodes nodes) {
    return List.of(Toleration.builder()
        .key(nodes.taintKey()).operator("Equal").value(nodes.taintValue()).effect("NoSchedule").build());
  }
}
