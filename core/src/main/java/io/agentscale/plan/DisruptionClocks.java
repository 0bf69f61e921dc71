package io.agentscale.plan;

import io.agentscale.profile.CapacityType;
import io.agentscale.profile.Durations;
import io.agentscale.profile.ScalingProfile;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Disruption clocks: every way a worker can be stopped, the time each gives its pod, and whether the worker's drain
 * ends inside it. A clock that cuts calls names the layer that cuts them; {@link Rules} turns the clocks with a limit
 * of their own into findings ({@code disruption-<mechanism>}).
 */
public final class DisruptionClocks {
  /** EKS user guide, managed-node-update-behavior: a node's pods are evicted for up to 15 minutes, then it gives up. */
  public static final Duration NODE_GROUP_UPDATE_LIMIT = Duration.ofMinutes(15);
  /**
   * The agents' PodDisruptionBudget: no eviction at all. Nothing that should stop an agent evicts it (HPA scale-in and
   * rollouts delete pods, which the budget does not govern; the cluster autoscaler leaves agents alone, safe-to-evict
   * "false"), so the budget only refuses what would cut calls: a node group update or a {@code kubectl drain}. With
   * maxUnavailable 1 an update would evict a node's agents one by one as fast as replacements become Ready, then
   * terminate the node while the evicted ones still drain.
   */
  public static final int AGENT_PDB_MAX_UNAVAILABLE = 0;
  /** EC2 user guide, spot instance interruptions: two minutes' notice before the instance is reclaimed. */
  public static final Duration SPOT_NOTICE = Duration.ofMinutes(2);

  /** The ways a worker can be stopped, in the order tables list them. */
  public enum Mechanism {
    HPA_SCALE_IN("hpa-scale-in", "the HPA lowers replicas and the Deployment deletes a worker"),
    ROLLOUT("rollout", "a Deployment rollout replaces each worker (maxSurge 25%, maxUnavailable 0)"),
    AUTOSCALER_SCALE_DOWN("autoscaler-scale-down", "cluster-autoscaler removes a node it no longer needs"),
    NODE_GROUP_UPDATE("node-group-update", "an EKS managed node group version or AMI update drains each node"),
    SPOT_RECLAIM("spot-reclaim", "EC2 reclaims a spot instance"),
    NODE_EXPIRY("node-expiry", "nothing: managed node groups do not expire nodes (Karpenter's expireAfter would)");

    private final String id;
    private final String stopsWith;

    Mechanism(String id, String stopsWith) {
      this.id = id;
      this.stopsWith = stopsWith;
    }

    public String id() {
      return id;
    }

    /** What stops the pod. */
    public String stopsWith() {
      return stopsWith;
    }
  }

  /** Who ends a call when the drain outlives the time given. */
  public enum Layer {
    KUBELET("the kubelet kills the worker when kubernetes.grace_period ends", true),
    CLUSTER_AUTOSCALER("cluster-autoscaler kills the pods at --max-graceful-termination-sec", true),
    /** agentscale's node groups run with forceUpdate off: EKS gives up on the node instead of deleting its pods. */
    EKS("EKS stops waiting for the node: with forceUpdate off (agentscale's node groups) the update fails and the "
        + "node keeps its calls, cordoned; a forced update would delete the pods", false),
    EC2("EC2 stops the instance when the notice ends", true);

    private final String what;
    private final boolean cuts;

    Layer(String what, boolean cuts) {
      this.what = what;
      this.cuts = cuts;
    }

    /** True when this layer ends the calls; false when it gives up and leaves them running. */
    public boolean cuts() {
      return cuts;
    }

    public String what() {
      return what;
    }
  }

  /**
   * One mechanism against one profile.
   *
   * @param given the time the mechanism gives; null when it never stops a worker of this profile
   * @param needed what the profile needs of it: the drain timeout, or a whole node's drain for a node group update
   * @param layer who ends a call when {@code needed} reaches {@code given}; null when the mechanism does not apply
   * @param detail how {@code needed} is made up, or why the mechanism does not apply
   */
  public record Clock(Mechanism mechanism, Duration given, Duration needed, Layer layer, String detail) {
    public boolean applies() {
      return given != null;
    }

    /** The worker is still draining when the time given ends (equal counts: shutdown needs a moment too). */
    public boolean cutsCalls() {
      return applies() && needed.compareTo(given) >= 0;
    }

    public Optional<Duration> cutsAfter() {
      return cutsCalls() && layer.cuts() ? Optional.of(given) : Optional.empty();
    }

    public String verdict() {
      if (!applies()) {
        return "not applicable: " + detail;
      }
      if (!cutsCalls()) {
        return layer == Layer.EKS ? "safe: " + detail : "safe";
      }
      return (layer.cuts() ? "cuts calls after " : "gives up after ") + Durations.seconds(given) + ": " + layer.what();
    }

    /** A table cell: {@code 600s: safe}, {@code cuts after 120s}, {@code gives up after 900s} or not applicable. */
    String cell() {
      if (!applies()) {
        return "not applicable";
      }
      if (!cutsCalls()) {
        return layer == Layer.EKS ? "update fails after " + Durations.seconds(given) + ", calls kept"
            : Durations.seconds(given) + ": safe";
      }
      return (layer.cuts() ? "cuts after " : "gives up after ") + Durations.seconds(given)
          + (layer.cuts() ? "" : ", calls kept");
    }
  }

  private DisruptionClocks() {}

  /** Every mechanism, in {@link Mechanism} order. */
  public static List<Clock> of(ScalingProfile p, CapacityPlan plan) {
    return Arrays.stream(Mechanism.values()).map(m -> clock(m, p, plan)).toList();
  }

  public static Clock clock(Mechanism m, ScalingProfile p, CapacityPlan plan) {
    Duration grace = p.kubernetes().gracePeriod();
    Duration drain = p.kubernetes().drainTimeout();
    String drains = "kubernetes.drain_timeout is " + Durations.seconds(drain);
    return switch (m) {
      case HPA_SCALE_IN, ROLLOUT -> new Clock(m, grace, drain, Layer.KUBELET, drains);
      case AUTOSCALER_SCALE_DOWN -> {
        // Ours waits the cluster's longest grace period, never less than this profile's; a shared cluster's
        // longer one changes nothing here. Agents' safe-to-evict "false" keeps it off busy nodes in the first place.
        Duration cap = p.cluster().autoscaler()
            ? ClusterPlan.Autoscaler.of(p.aws().clusterName(), List.of(p)).maxGracefulTermination()
            : ClusterPlan.Autoscaler.DEFAULT_MAX_GRACEFUL_TERMINATION;
        boolean capped = cap.compareTo(grace) < 0;
        yield new Clock(m, capped ? cap : grace, drain, capped ? Layer.CLUSTER_AUTOSCALER : Layer.KUBELET,
            drains + ", " + (p.cluster().autoscaler() ? "agentscale's autoscaler waits "
                : "the autoscaler you run waits upstream's default ") + Durations.seconds(cap));
      }
      case NODE_GROUP_UPDATE -> {
        // The PDB refuses every eviction: no agent is evicted, so none is cut; the update itself fails on such a node.
        yield new Clock(m, NODE_GROUP_UPDATE_LIMIT, Duration.ZERO, Layer.EKS, "the agents' PDB (maxUnavailable "
            + AGENT_PDB_MAX_UNAVAILABLE + ") refuses every eviction: an update fails on a node with agents after "
            + Durations.seconds(NODE_GROUP_UPDATE_LIMIT) + " and the node keeps its calls; replace node groups "
            + "blue/green instead");
      }
      case SPOT_RECLAIM -> p.aws().capacityType() == CapacityType.SPOT
          ? new Clock(m, SPOT_NOTICE, drain, Layer.EC2, drains)
          : new Clock(m, null, null, null, "aws.capacity_type " + p.aws().capacityType() + " is not reclaimed");
      case NODE_EXPIRY -> new Clock(m, null, null, null, "managed node groups do not expire nodes");
    };
  }

  /**
   * The README table: a row per mechanism, a column per profile; cells as {@link Clock#cell()}.
   */
  public static String markdownTable(List<ScalingProfile> profiles) {
    var clocks = profiles.stream().map(p -> of(p, CapacityPlan.from(p))).toList();
    var out = new StringBuilder("| mechanism | what stops the pod |");
    profiles.forEach(p -> out.append(' ').append(p.name()).append(" |"));
    out.append("\n|---|---|").append("---|".repeat(profiles.size())).append('\n');
    for (Mechanism m : Mechanism.values()) {
      out.append("| ").append(m.id()).append(" | ").append(m.stopsWith()).append(" |");
      for (var c : clocks) {
        Clock clock = c.get(m.ordinal());
        out.append(' ').append(clock.cell()).append(" |");
      }
      out.append('\n');
    }
    return out.toString();
  }
}
