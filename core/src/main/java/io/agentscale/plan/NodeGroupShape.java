package io.agentscale.plan;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node group as the scheduler sees one of its nodes: labels, taints and what a pod can still request after the
 * per-node DaemonSets.
 *
 * @param name the group's role in the cluster: {@code system} or the agent profile's name
 */
public record NodeGroupShape(String name, String instanceType, Map<String, String> labels,
    List<Placement.Taint> taints, int cpuMillis, int memoryMiB, int minSize, int maxSize) {

  public NodeGroupShape {
    labels = new TreeMap<>(labels);
    taints = List.copyOf(taints);
  }

  /** Labels every EKS node has, beside the group's own. */
  static Map<String, String> withWellKnownLabels(Map<String, String> own, boolean arm64) {
    var labels = new TreeMap<>(own);
    labels.put("kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", arm64 ? "arm64" : "amd64");
    return labels;
  }
}
