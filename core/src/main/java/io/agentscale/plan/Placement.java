package io.agentscale.plan;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a pod may run: the node labels it selects and the taints it tolerates. The node groups carry the matching
 * labels and taints ({@link NodeGroupShape}); the schedulability check compares the two, and the Kubernetes
 * constructs write exactly these selectors and tolerations.
 */
public record Placement(Map<String, String> nodeSelector, List<Toleration> tolerations) {
  /** The label of the untainted system node group, a key apart from the agent pools' so no agent name can clash. */
  public static final String SYSTEM_LABEL_KEY = "agentscale.io/node-role";
  public static final String SYSTEM_LABEL_VALUE = "system";

  public Placement {
    nodeSelector = new TreeMap<>(nodeSelector);
    tolerations = List.copyOf(tolerations);
  }

  /** A toleration; {@code operator} is Equal or Exists, {@code effect} empty for any effect. */
  public record Toleration(String key, String operator, String value, String effect) {
    boolean tolerates(Taint taint) {
      boolean keyMatches = key.isEmpty() ? operator.equals("Exists") : key.equals(taint.key());
      boolean valueMatches = operator.equals("Exists") || value.equals(taint.value());
      boolean effectMatches = effect.isEmpty() || effect.equals(taint.effect());
      return keyMatches && valueMatches && effectMatches;
    }
  }

  /** A node taint as Kubernetes writes it: {@code effect} is NoSchedule, PreferNoSchedule or NoExecute. */
  public record Taint(String key, String value, String effect) {}

  /** The system pods (adapter, Prometheus, cluster autoscaler): the untainted system nodes only. */
  public static Placement system() {
    return new Placement(Map.of(SYSTEM_LABEL_KEY, SYSTEM_LABEL_VALUE), List.of());
  }

  /** Agent workers and their balloons: their own pool, whose taint keeps every other pod away. */
  public static Placement agents(AgentNodes nodes) {
    return new Placement(Map.of(nodes.labelKey(), nodes.labelValue()),
        List.of(new Toleration(nodes.taintKey(), "Equal", nodes.taintValue(), "NoSchedule")));
  }

  /**
   * EKS's CoreDNS add-on as it ships: Linux nodes, tolerating only CriticalAddonsOnly and the control-plane taint
   * (aws/containers-roadmap #2167). Not ours, but nothing resolves LIVEKIT_URL without it.
   */
  public static Placement coreDns() {
    return new Placement(Map.of("kubernetes.io/os", "linux"), List.of(
        new Toleration("CriticalAddonsOnly", "Exists", "", ""),
        new Toleration("node-role.kubernetes.io/control-plane", "Exists", "", "NoSchedule")));
  }
}
