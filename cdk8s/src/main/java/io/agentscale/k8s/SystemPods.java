package io.agentscale.k8s;

/** What every system pod we emit (adapter, Prometheus, cluster autoscaler) shares. */
final class SystemPods {
  /**
   * Kubernetes' built-in class for add-ons the cluster cannot work without: never preempted by agents or balloons,
   * and allowed outside kube-system since Kubernetes 1.17.
   */
  static final String PRIORITY_CLASS = "system-cluster-critical";

  private SystemPods() {}
}
