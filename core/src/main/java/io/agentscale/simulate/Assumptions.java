package io.agentscale.simulate;

import java.util.List;

/**
 * What each platform model rests on, rule by rule: documented by the project that runs it, read in its source, taken
 * from the LiveKit tutorial this product implements, or assumed here. {@code simulate --format json} lists them under
 * each platform's {@code assumptions}; README carries the same tables.
 */
public final class Assumptions {
  private Assumptions() {}

  /** How a rule is known. */
  public enum Basis { documented, source, tutorial, assumed }

  /** One rule of a model, where it comes from, and how it is known. */
  public record Rule(String rule, String source, Basis basis) {}

  /** Dispatch, the same on both platforms (livekit-server and livekit-agents). */
  static final List<Rule> DISPATCH = List.of(
      new Rule("a worker reports its load every " + Fleet.STATUS_INTERVAL_SECONDS + " s; the server dispatches on the "
          + "last report", "livekit-agents worker: UPDATE_STATUS_INTERVAL", Basis.source),
      new Rule("load = active sessions / sessions_per_worker, available while below 1", "README's worker snippets set "
          + "load_fnc and load_threshold so (livekit-agents defaults to CPU load and 0.75)", Basis.assumed),
      new Rule("the server picks an available worker at random, weighted by (1 - load)", "livekit-server agent "
          + "dispatch: worker selection", Basis.source),
      new Rule("a worker at capacity refuses the job and the server tries another at once", "livekit-server agent "
          + "dispatch: job assignment retries", Basis.source),
      new Rule("a call no worker takes is dropped: open-source LiveKit keeps no queue", "livekit-server",
          Basis.source),
      new Rule("--patience holds a caller that long for a free worker (0 by default)", "not LiveKit's: a SIP trunk or "
          + "IVR that keeps a caller on hold", Basis.assumed));

  /** The LiveKit Cloud model's scaling rules. */
  public static final List<Rule> LIVEKIT_CLOUD = concat(List.of(
      new Rule("utilization = sessions on ready workers / (ready workers × sessions_per_worker)", "LiveKit auto-scaling "
          + "tutorial: agent.scaling", Basis.tutorial),
      new Rule("above scale_up_threshold, workers are added; below scale_down_threshold for scale_down_delay, removed",
          "LiveKit auto-scaling tutorial: agent.scaling", Basis.tutorial),
      new Rule("a new worker takes calls after warmup_time", "LiveKit auto-scaling tutorial: warmup_time",
          Basis.tutorial),
      new Rule("rules evaluated every " + (int) LiveKitCloudModel.EVALUATION_SECONDS + " s", "not published",
          Basis.assumed),
      new Rule("scale-up targets ceil(sessions / (sessions_per_worker × scale_up_threshold)) workers, at most "
          + "max_workers", "not published", Basis.assumed),
      new Rule("scale-down drains the least-loaded workers down to max(min_workers, that target)", "not published",
          Basis.assumed),
      new Rule("a draining worker takes no new calls and leaves when its calls end or at drain_timeout",
          "livekit-agents WorkerOptions.drain_timeout", Basis.documented)), DISPATCH);

  /** The Kubernetes model's constants and the upstream defaults they mirror. */
  public static final List<Rule> KUBERNETES = concat(List.of(
      new Rule("the HPA reconciles every " + (int) KubernetesModel.HPA_SYNC_SECONDS + " s with the controller's "
          + "algorithm", "kube-controller-manager --horizontal-pod-autoscaler-sync-period default 15s; "
          + "pkg/controller/podautoscaler", Basis.source),
      new Rule("Prometheus scrapes each pod every metrics.scrape_interval at its own offset", "the profile; "
          + "Prometheus scrape scheduling", Basis.documented),
      new Rule("cluster-autoscaler scans every cluster.autoscaler_scan_interval and removes a node after "
          + "cluster.scale_down_unneeded_time, not within cluster.scale_down_delay_after_add of a scale-up",
          "the flags of the autoscaler agentscale emits (cluster-autoscaler FAQ defaults)", Basis.documented),
      new Rule("a scale-down candidate is at or below a utilization of "
          + io.agentscale.plan.ClusterPlan.Autoscaler.SCALE_DOWN_UTILIZATION_THRESHOLD
          + ", DaemonSets and balloons counted", "--scale-down-utilization-threshold (upstream default, pinned in "
          + "the emitted flags); cluster-autoscaler utilization/info.go", Basis.source),
      new Rule("a node an agent blocks (safe-to-evict false) is looked at again after 5 min",
          "--unremovable-node-recheck-timeout (upstream default, pinned in the emitted flags)", Basis.documented),
      new Rule("a scale-up loop skips pods pending for less than " + KubernetesModel.NEW_POD_BUFFER_SECONDS + " s",
          "cluster-autoscaler unschedulablePodTimeBuffer", Basis.source),
      new Rule("a preemptor binds " + KubernetesModel.PREEMPTION_TO_BIND_SECONDS + " s after it preempts a balloon",
          "kube-scheduler: balloon grace 0 and 1 s initial backoff, reasoned, not measured", Basis.assumed),
      new Rule("pending pods try a new node up to " + KubernetesModel.SCHEDULER_BACKOFF_MAX_SECONDS + " s after it "
          + "is Ready", "kube-scheduler DefaultPodMaxBackoffDuration", Basis.source),
      new Rule("a node joins after node_provisioning_min..max, uniformly; it is paid from launch", "the profile; "
          + "EC2 per-second billing", Basis.assumed),
      new Rule("a node lacking the agent image pulls it for capacity.image_pull_time; pre-pulling balloons start the "
          + "pull when they land", "the profile; kubelet IfNotPresent pulls", Basis.assumed),
      new Rule("a container starts " + SimulationSettings.POD_START.toSeconds() + " s after its node has the image",
          "not measured", Basis.assumed),
      new Rule("scale-in deletes pods in the ReplicaSet's order", "kube-controller-manager ActivePodsWithRanks, "
          + "LogarithmicScaleDown GA since 1.31", Basis.source),
      new Rule("a removed pod drains until min(drain_timeout, grace_period)", "the manifests: "
          + "terminationGracePeriodSeconds and AGENT_DRAIN_TIMEOUT", Basis.documented)), DISPATCH);

  private static List<Rule> concat(List<Rule> a, List<Rule> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  /** README's table of one model's rules. */
  public static String markdownTable(List<Rule> rules) {
    var out = new StringBuilder("| rule | source | basis |\n|---|---|---|\n");
    rules.forEach(r -> out.append("| ").append(r.rule()).append(" | ").append(r.source()).append(" | ")
        .append(r.basis()).append(" |\n"));
    return out.toString();
  }
}
