package io.agentscale.k8s;

import io.agentscale.plan.ClusterPlan;
import io.agentscale.plan.PodShape;
import java.util.List;

/**
 * What {@link ClusterAutoscaler} writes: the cluster autoscaler for AWS and its RBAC.
 *
 * @param image the cluster-autoscaler image, whose minor must equal the cluster's Kubernetes minor;
 *     {@link #from} picks it ({@link ClusterPlan#autoscalerImage})
 * @param args its command-line flags ({@link ClusterPlan.Autoscaler#args}: node-group discovery, scale-down timing,
 *     the graceful-termination bound that never cuts a drain, the balloons' priority cutoff)
 * @param pod where it runs and what it requests (from the cluster plan: the system nodes)
 */
public record ClusterAutoscalerProps(String image, List<String> args, PodShape pod) {
  public ClusterAutoscalerProps {
    args = args == null ? null : List.copyOf(args);
  }

  /** The autoscaler of a cluster's plan. */
  public static ClusterAutoscalerProps from(ClusterPlan.Autoscaler autoscaler) {
    return new ClusterAutoscalerProps(autoscaler.image(), autoscaler.args(), autoscaler.pod());
  }

  /** Throws naming the first prop the construct cannot write. */
  void validate() {
    Props.notBlank("ClusterAutoscalerProps.image", image);
    Props.notEmpty("ClusterAutoscalerProps.args", args);
    Props.notNull("ClusterAutoscalerProps.pod", pod);
  }
}
