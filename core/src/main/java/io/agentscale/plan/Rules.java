package io.agentscale.plan;

import io.agentscale.plan.DisruptionClocks.Layer;
import io.agentscale.plan.DisruptionClocks.Mechanism;
import io.agentscale.plan.Finding.Severity;
import io.agentscale.profile.Durations;
import io.agentscale.profile.Defaults;
import io.agentscale.profile.ScalingProfile;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The rule pack: each rule is a pure function of the profile and its plan. {@code validate} fails on errors and shows
 * warnings; {@code plan} lists them all.
 */
public final class Rules {
  /** A rule with its id and severity. */
  public record Rule(String id, Severity severity, String why,
      BiFunction<ScalingProfile, CapacityPlan, Optional<String>> check) {}

  /** The drop rate the threshold findings hold a profile to; a profile has no drop target of its own yet. */
  public static final double DROP_TARGET = 0.01;

  /**
   * The HPA's tolerance: kube-controller-manager's --horizontal-pod-autoscaler-tolerance default, which EKS keeps.
   * The emitted HPA sets no scaleUp tolerance, so this holds both ways unless the profile maps scaleDown (1.35+).
   */
  static final double HPA_TOLERANCE = 0.1;

  public static final List<Rule> ALL = List.of(
      new Rule("instance-type-unknown", Severity.ERROR,
          "node sizing needs the type's vCPUs and memory; the catalog covers m6i/m7i/m7g/c6i/c7i/r6i large to 4xlarge",
          (p, plan) -> plan.node().known() ? Optional.empty() : Optional.of("aws.instance_type '"
              + p.aws().instanceType() + "' is not in the catalog: set aws.instance_vcpus and aws.instance_memory_gib")),
      new Rule("image-architecture-mismatch", Severity.ERROR,
          "a node runs only images built for its CPU: an amd64-only image on a Graviton (arm64) node, or the reverse, "
              + "exits at once with 'exec format error' and no worker ever starts",
          Rules::architectureMismatch),
      new Rule("worker-does-not-fit", Severity.ERROR,
          "a worker pod larger than a node's allocatable capacity stays Pending forever and no call is served",
          (p, plan) -> !plan.node().known() || plan.node().workersPerNode() > 0 ? Optional.empty()
              : Optional.of("a worker needs " + plan.worker().cpuMillis() + "m CPU and " + plan.worker().memoryMiB()
                  + "Mi, but " + plan.node().instanceType() + " offers " + (plan.node().allocatableCpuMillis()
                  - CapacityPlan.SYSTEM_CPU_MILLIS) + "m and " + (plan.node().allocatableMemoryMiB()
                  - CapacityPlan.SYSTEM_MEMORY_MIB) + "Mi after system pods: choose a larger aws.instance_type "
                  + "or fewer agent.scaling.sessions_per_worker")),
      new Rule("drain-outside-grace", Severity.ERROR,
          "Kubernetes SIGKILLs the worker when the grace period ends; a drain that runs longer cuts calls mid-sentence",
          (p, plan) -> p.kubernetes().drainTimeout().compareTo(p.kubernetes().gracePeriod()) < 0 ? Optional.empty()
              : Optional.of("kubernetes.drain_timeout " + Durations.seconds(p.kubernetes().drainTimeout())
                  + " does not end inside kubernetes.grace_period " + Durations.seconds(p.kubernetes().gracePeriod())
                  + ": set it about " + Durations.seconds(Defaults.DRAIN_MARGIN) + " lower")),
      new Rule("buffer-below-provisioning-burst", Severity.WARNING,
          "a new worker starts at once in an idle or ballooned slot; once those are used, new workers wait 2-4 "
              + "minutes for a node while calls are dropped",
          Rules::bufferBelowBurst),
      new Rule("scale-down-window-below-metric-delay", Severity.WARNING,
          "the HPA would act on a metric older than its window: a busy worker can look idle for one scrape plus relist",
          (p, plan) -> {
            Duration delay = p.metrics().scrapeInterval().plus(p.metrics().adapterRelistInterval());
            return p.kubernetes().hpa().scaleDownStabilization().compareTo(delay) >= 0 ? Optional.empty()
                : Optional.of("kubernetes.hpa.scale_down_stabilization "
                    + Durations.seconds(p.kubernetes().hpa().scaleDownStabilization())
                    + " is shorter than the metric pipeline's delay of " + Durations.seconds(delay)
                    + " (scrape + adapter relist)");
          }),
      new Rule("scale-down-threshold-not-honoured", Severity.WARNING,
          "a plain HPA removes workers as soon as the average leaves its tolerance band (10% below target), not "
              + "at scale_down_threshold; only the per-direction tolerance field maps it exactly",
          (p, plan) -> {
            var s = p.scaling();
            if (p.kubernetes().hpa().configurableTolerance() || fixedFleet(p)) {
              return Optional.empty();
            }
            double effective = Math.round(s.scaleUpThreshold() * 0.9 * 1000) / 1000.0;
            return Optional.of("the HPA removes workers below " + Math.round(effective * 100) + "% utilization, not "
                + "below agent.scaling.scale_down_threshold " + Math.round(s.scaleDownThreshold() * 100)
                + "%: on Kubernetes >= 1.35 set kubernetes.hpa.configurable_tolerance: true");
          }),
      new Rule("sessions-per-worker-outside-tutorial", Severity.WARNING,
          "the tutorial advises 3-5 sessions per worker: more risks latency under load, fewer wastes memory",
          (p, plan) -> {
            int n = p.scaling().sessionsPerWorker();
            return n >= 3 && n <= 5 ? Optional.empty()
                : Optional.of("agent.scaling.sessions_per_worker " + n + " is outside the conservative 3-5: "
                    + "load-test one worker and record the result as a suppression of this rule");
          }),
      new Rule("max-workers-below-peak", Severity.WARNING,
          "at the peak the profile states, every worker up to max_workers is busy: past its sessions, calls are "
              + "dropped however fast the HPA scales (Erlang-B loss at the peak's concurrent calls)",
          (p, plan) -> maxWorkersBelowPeak(p)),
      new Rule("threshold-drop-rate", Severity.WARNING,
          "a fixed scale_up_threshold drops the most calls where the fleet is smallest: at min_workers × "
              + "sessions_per_worker × scale_up_threshold concurrent calls, min_workers workers all sit at the target, "
              + "and a larger fleet at the same utilization drops fewer (Erlang-B loss in steady state, before the HPA "
              + "tolerance band lets utilization drift higher); held to a " + percent(DROP_TARGET) + " drop target",
          (p, plan) -> thresholdDropRate(p)),
      // Disruption clocks with a limit of their own; HPA scale-in and rollouts end at the grace period, which
      // drain-outside-grace checks. The first and last replace grace-above-autoscaler-cap and spot-capacity (the same
      // facts, now measured against the drain timeout), so every clock's finding reads disruption-<mechanism>.
      disruption(Mechanism.AUTOSCALER_SCALE_DOWN,
          "cluster-autoscaler waits at most --max-graceful-termination-sec (upstream's default 600s) when it removes "
              + "a node, then kills the pods; the autoscaler agentscale emits waits the cluster's longest grace period",
          "start your cluster autoscaler with --max-graceful-termination-sec of at least kubernetes.grace_period, "
              + "or set cluster.autoscaler: true"),
      disruption(Mechanism.SPOT_RECLAIM,
          "AWS reclaims spot nodes with two minutes' notice, which ends every longer call on them",
          "use aws.capacity_type ON_DEMAND, or keep calls under 2 minutes"),
      new Rule("spot-pools-few", Severity.WARNING,
          "each instance type is its own spot pool: with fewer than three, one pool's reclaim wave takes most nodes",
          (p, plan) -> p.aws().capacityType() == io.agentscale.profile.CapacityType.SPOT && plan.node().instanceTypes().size() < 3
              ? Optional.of("aws.capacity_type SPOT with " + plan.node().instanceTypes().size() + " instance type"
                  + (plan.node().instanceTypes().size() == 1 ? "" : "s") + " of this shape in the catalog ("
                  + String.join(", ", plan.node().instanceTypes()) + "): choose an aws.instance_type with three or "
                  + "more of the same vCPUs and memory, or ON_DEMAND")
              : Optional.empty()),
      new Rule("agent-role-needs-pod-identity-agent", Severity.WARNING,
          "EKS Pod Identity hands the agent role's credentials to pods through the eks-pod-identity-agent add-on; a "
              + "NEW cluster gets it, an EXISTING one may lack it, and then every AWS call of the agent is refused",
          (p, plan) -> p.aws().clusterMode() == io.agentscale.profile.ClusterMode.EXISTING
              && !p.aws().agentRolePolicyArns().isEmpty()
              ? Optional.of("aws.agent_role_policy_arns binds a role by EKS Pod Identity, which works only where the "
                  + "eks-pod-identity-agent add-on runs: check with aws eks describe-addon --cluster-name "
                  + p.aws().clusterName() + " --addon-name eks-pod-identity-agent, and create it if missing")
              : Optional.empty()),
      new Rule("ephemeral-limit-below-volumes", Severity.WARNING,
          "the kubelet evicts a pod, live calls and all, once its logs, /tmp and empty_dir volumes pass its "
              + "ephemeral-storage limit",
          Rules::ephemeralLimitBelowVolumes),
      new Rule("fixed-fleet", Severity.INFO,
          "with min_workers = max_workers the HPA can neither add nor remove a worker: its thresholds and tolerance "
              + "change nothing, and the fleet costs its peak size at every hour",
          (p, plan) -> {
            var s = p.scaling();
            return fixedFleet(p)
                ? Optional.of("agent.scaling.min_workers and max_workers are both " + s.minWorkers() + ": the fleet "
                    + "is fixed at " + s.minWorkers() + " workers (" + s.minWorkers() * s.sessionsPerWorker()
                    + " calls) and autoscaling saves nothing; lower min_workers to let it shrink when calls are few")
                : Optional.empty();
          }),
      new Rule("placeholder-image", Severity.INFO,
          "the manifests run whatever image the profile names",
          (p, plan) -> Objects.equals(p.kubernetes().image(), Defaults.IMAGE)
              ? Optional.of("kubernetes.image is the placeholder " + Defaults.IMAGE + ": set your agent's image")
              : Optional.empty()),
      new Rule("hpa-tolerance-mapping", Severity.INFO,
          "scaleDown tolerance = 1 - scale_down_threshold / scale_up_threshold reproduces LiveKit's rule exactly",
          (p, plan) -> p.kubernetes().hpa().configurableTolerance() && !fixedFleet(p)
              ? Optional.of("HPA scaleDown tolerance " + CapacityPlan.scaleDownTolerance(p).toPlainString() + " maps scale_down_threshold exactly "
                  + "(needs Kubernetes >= 1.35, where HPAConfigurableTolerance is on)")
              : Optional.empty()),
      new Rule("hpa-tolerance-band", Severity.INFO,
          "the HPA changes replicas only when the average leaves its tolerance band around the target "
              + "(kube-controller-manager --horizontal-pod-autoscaler-tolerance, default 0.1), so utilization drifts "
              + "up to 10% above scale_up_threshold before a worker is added",
          (p, plan) -> {
            var s = p.scaling();
            if (fixedFleet(p)) {
              return Optional.empty();
            }
            double target = s.targetSessionsPerWorker();
            return Optional.of("a target of " + num(target) + " sessions adds workers only above "
                + num(target * (1 + HPA_TOLERANCE)) + " (" + percent(s.scaleUpThreshold() * (1 + HPA_TOLERANCE))
                + "), not " + percent(s.scaleUpThreshold()));
          }));

  private Rules() {}

  /**
   * The Erlang-B drop rate at min_workers × target concurrent calls, where the threshold keeps min_workers workers at
   * the target: the worst steady state up to max_workers, since loss at a fixed utilization falls as the fleet grows.
   */
  private static Optional<String> thresholdDropRate(ScalingProfile p) {
    var s = p.scaling();
    double target = s.targetSessionsPerWorker();
    double load = s.minWorkers() * target;
    double drop = Erlang.loss(Erlang.thresholdSlots(load, s.sessionsPerWorker(), s.scaleUpThreshold()), load);
    if (drop <= DROP_TARGET) {
      return Optional.empty();
    }
    String dropped = String.format(java.util.Locale.ROOT, "%.1f%%", drop * 100);
    return Optional.of(s.sessionsPerWorker() + " × " + num(s.scaleUpThreshold()) + " = " + num(target)
        + " sessions per worker drops " + dropped + " of calls at " + num(load) + " erlangs (" + s.minWorkers()
        + " workers at the target); " + percent(DROP_TARGET) + " needs a scale_up_threshold of "
        + num(Erlang.utilizationTarget(load, DROP_TARGET)) + " there");
  }

  /** The image's declared platforms against the node type's architecture; silent while either is unknown. */
  private static Optional<String> architectureMismatch(ScalingProfile p, CapacityPlan plan) {
    var declared = p.kubernetes().imageArchitectures();
    if (declared.isEmpty() || !plan.node().known()) {
      return Optional.empty();
    }
    var node = plan.node().arm64() ? io.agentscale.profile.Architecture.ARM64 : io.agentscale.profile.Architecture.AMD64;
    if (declared.contains(node)) {
      return Optional.empty();
    }
    String other = node == io.agentscale.profile.Architecture.ARM64 ? "m7i.xlarge" : "m7g.xlarge";
    return Optional.of("aws.instance_type " + p.aws().instanceType() + " is " + node.label()
        + (node == io.agentscale.profile.Architecture.ARM64 ? " (Graviton)" : "") + ", but kubernetes.image_architectures "
        + "lists only " + declared.stream().map(io.agentscale.profile.Architecture::label).toList() + ": build the "
        + "image for linux/" + node.label() + " too (docker buildx build --platform linux/amd64,linux/arm64) and list "
        + "it, or choose an " + declared.get(0).label() + " type such as " + other);
  }

  /** /tmp and every empty_dir volume at its size limit, against the ephemeral-storage limit. */
  private static Optional<String> ephemeralLimitBelowVolumes(ScalingProfile p, CapacityPlan plan) {
    var w = p.kubernetes().workload();
    Long limit = io.agentscale.profile.ProfileValidator.bytes(w.ephemeralStorage().limit());
    if (limit == null) {
      return Optional.empty();
    }
    long mib = 1L << 20;
    long volumes = (long) io.agentscale.profile.ContainerContract.TMP_SIZE_GIB << 30;
    for (var v : w.volumes()) {
      Long size = io.agentscale.profile.ProfileValidator.bytes(v.emptyDir());
      volumes += size == null ? 0 : size;
    }
    if (volumes < limit) {
      return Optional.empty();
    }
    return Optional.of("kubernetes.workload.ephemeral_storage.limit " + w.ephemeralStorage().limit() + " is not "
        + "above what /tmp and the empty_dir volumes may hold (" + volumes / mib + "Mi), leaving no room for logs: "
        + "raise the limit above " + volumes / mib + "Mi or shrink the volumes");
  }

  /** The drop rate of the largest fleet at the stated peak, when above {@link #DROP_TARGET}. */
  private static Optional<String> maxWorkersBelowPeak(ScalingProfile p) {
    var peak = p.traffic().peakErlangs();
    if (peak.isEmpty()) {
      return Optional.empty();
    }
    var s = p.scaling();
    int slots = s.maxWorkers() * s.sessionsPerWorker();
    double drop = Erlang.loss(slots, peak.getAsDouble());
    if (drop <= DROP_TARGET) {
      return Optional.empty();
    }
    int needed = (int) Math.ceil(Erlang.slotsFor(peak.getAsDouble(), DROP_TARGET) / (double) s.sessionsPerWorker());
    return Optional.of("max_workers " + s.maxWorkers() + " × " + s.sessionsPerWorker() + " sessions = " + slots
        + " calls drops " + String.format(java.util.Locale.ROOT, "%.1f%%", drop * 100) + " at the peak of "
        + num(peak.getAsDouble()) + " concurrent calls (traffic.*): raise agent.scaling.max_workers to at least "
        + needed + " for " + percent(DROP_TARGET));
  }

  /** A fleet the HPA cannot resize, where advice on its tolerance changes nothing. */
  private static boolean fixedFleet(ScalingProfile p) {
    return p.scaling().minWorkers() == p.scaling().maxWorkers();
  }

  /**
   * The burst from the fleet size where the slots that exist before a new node fall shortest. The fixes are the
   * smallest change of each knob that covers every burst: a slower scaleUp keeps the node group as it is, a larger
   * buffer grows it, so the slower scaleUp comes first.
   */
  private static Optional<String> bufferBelowBurst(ScalingProfile p, CapacityPlan plan) {
    var h = plan.headroom();
    if (h.bufferCovers()) {
      return Optional.empty();
    }
    var fixes = new java.util.ArrayList<String>();
    for (int pods = p.kubernetes().hpa().scaleUpPods() - 1; pods >= 1; pods--) {
      if (CapacityPlan.from(p.toBuilder().scaleUpPods(pods).build()).headroom().bufferCovers()) {
        fixes.add("set kubernetes.hpa.scale_up_pods to at most " + pods);
        break;
      }
    }
    for (int percent = (int) Math.floor(p.capacity().bufferFraction() * 100) + 1; percent <= 90; percent++) {
      if (CapacityPlan.from(p.toBuilder().bufferFraction(percent / 100.0).build()).headroom().bufferCovers()) {
        fixes.add("raise capacity.buffer_fraction to at least " + num(percent / 100.0));
        break;
      }
    }
    if (fixes.isEmpty()) {
      fixes.add("lengthen kubernetes.hpa.scale_up_period");
    }
    return Optional.of("from " + h.atWorkers() + " workers the HPA may add " + h.podsAddedDuringProvisioning()
        + " during one " + Durations.seconds(h.provisioning()) + " node provisioning, but only "
        + h.slotsBeforeNewNode() + " slots (idle or ballooned) exist before a new node is needed: "
        + String.join(", or ", fixes));
  }

  /** Up to three decimals, no trailing zeros: 4, 0.8, 0.533. */
  private static String num(double v) {
    return java.math.BigDecimal.valueOf(v).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
        .toPlainString();
  }

  /** A fraction as a percentage with up to one decimal: 1%, 4.6%, 82.5%. */
  private static String percent(double fraction) {
    return java.math.BigDecimal.valueOf(fraction * 100).setScale(1, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros().toPlainString() + "%";
  }

  /** A disruption clock as a warning, when its mechanism's own limit (not the grace period) cuts a call. */
  private static Rule disruption(Mechanism m, String why, String fix) {
    return new Rule("disruption-" + m.id(), Severity.WARNING, why, (p, plan) -> {
      var c = DisruptionClocks.clock(m, p, plan);
      if (!c.cutsCalls() || c.layer() == Layer.KUBELET) {
        return Optional.empty();
      }
      return Optional.of(m.id() + (c.layer().cuts() ? " cuts calls after " : " gives up after ")
          + Durations.seconds(c.given()) + ": " + c.detail() + "; " + fix);
    });
  }

  public static List<Finding> evaluate(ScalingProfile p, CapacityPlan plan) {
    return ALL.stream()
        .flatMap(r -> r.check().apply(p, plan).map(m -> new Finding(r.id(), r.severity(), m, r.why())).stream())
        .toList();
  }

}
