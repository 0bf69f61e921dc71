package io.agentscale.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Can every pod we emit, and every EKS add-on we rely on, run on some node group of the cluster we emit? Taints
 * against tolerations, the node selector against labels, requests against a node's allocatable room. A pod that no
 * group admits stays Pending forever; this is the check that catches a cluster whose only nodes are tainted.
 */
public final class Schedulability {
  private Schedulability() {}

  /** Why one group does not admit a pod, or null when it does. */
  static String refusal(NodeGroupShape group, PodShape pod) {
    for (var taint : group.taints()) {
      if (taint.effect().equals("PreferNoSchedule")) {
        continue;
      }
      boolean tolerated = pod.placement().tolerations().stream().anyMatch(t -> t.tolerates(taint));
      if (!tolerated) {
        return "taint " + taint.key() + "=" + taint.value() + ":" + taint.effect() + " not tolerated";
      }
    }
    for (Map.Entry<String, String> wanted : pod.placement().nodeSelector().entrySet()) {
      if (!wanted.getValue().equals(group.labels().get(wanted.getKey()))) {
        return "no label " + wanted.getKey() + "=" + wanted.getValue();
      }
    }
    if (pod.cpuMillis() > group.cpuMillis() || pod.memoryMiB() > group.memoryMiB()) {
      return "requests " + pod.cpuMillis() + "m/" + pod.memoryMiB() + "Mi exceed a " + group.instanceType()
          + " node's " + group.cpuMillis() + "m/" + group.memoryMiB() + "Mi";
    }
    return null;
  }

  /** An error finding for each pod that no group admits, naming every group's reason. */
  public static List<Finding> check(List<NodeGroupShape> groups, List<PodShape> pods) {
    var found = new ArrayList<Finding>();
    for (PodShape pod : pods) {
      var reasons = new ArrayList<String>();
      boolean admitted = false;
      for (NodeGroupShape group : groups) {
        String refusal = refusal(group, pod);
        if (refusal == null && group.maxSize() > 0) {
          admitted = true;
          break;
        }
        reasons.add(group.name() + ": " + (refusal == null ? "the group has no nodes" : refusal));
      }
      if (!admitted) {
        found.add(new Finding("pod-unschedulable", Finding.Severity.ERROR,
            pod.name() + " fits no node group (" + (reasons.isEmpty() ? "the cluster has none" : String.join("; ",
                reasons)) + "): it would stay Pending", WHY));
      }
    }
    return List.copyOf(found);
  }

  static final String WHY = "a pod that no node group admits stays Pending: a tainted-only cluster has no DNS, "
      + "no metrics API and no agents";
}
