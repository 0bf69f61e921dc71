package io.agentscale.k8s;

import io.agentscale.plan.CapacityPlan;
import io.agentscale.plan.ClusterPlan;
import io.agentscale.plan.PodShape;
import io.agentscale.profile.ScalingProfile;
import java.time.Duration;

/**
 * What {@link AgentWorkers} writes: the agent Deployment, its PodDisruptionBudget and, when asked, its ServiceAccount.
 * {@link #from} maps a profile and its plan; every derived number (requests, sessions, probe thresholds) comes from
 * the plan, so the construct does no arithmetic.
 *
 * @param agent the profile's name, written as the {@code agentscale.io/agent} label on everything
 * @param namespace where the workers run; the namespace must exist (the cluster chart creates it)
 * @param name the Deployment's and PodDisruptionBudget's name; also the pods' {@code app.kubernetes.io/name} label
 * @param image the agent container image
 * @param credentialsSecret the Secret holding LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET
 * @param gracePeriod the pod's terminationGracePeriodSeconds; at least {@code drainTimeout} so a drain is never cut
 * @param drainTimeout how long a worker finishes its calls after SIGTERM, passed to it in
 *     {@link AgentWorkers#DRAIN_TIMEOUT_ENV}
 * @param healthPort the container port serving the startup, readiness and liveness probes on {@code /}
 * @param metricsPort the container port serving {@code /metrics}, announced by the Prometheus scrape annotations
 * @param sessions the calls one worker takes at most (from the plan), passed to it in AGENT_SESSIONS_PER_WORKER
 * @param startupFailureThreshold startup-probe failures allowed at {@link CapacityPlan#PROBE_PERIOD_SECONDS} (from the
 *     plan: twice the warm-up time)
 * @param pod where the workers run and what each requests (from the plan, {@link ClusterPlan#agentPod})
 * @param workload env, Secret and ConfigMap references, command, volumes, disk and ServiceAccount of the container
 * @param replicas the fixed worker count of workers no autoscaler targets; once a {@link SessionAutoscaler} (or
 *     {@link AgentWorkers#markHasAutoscaler}) takes them, {@code spec.replicas} is left out, because the HPA owns the
 *     count and a re-apply must never reset it. {@link #from} sets the plan's minimum; null leaves it out always
 */
public record AgentWorkersProps(
    String agent,
    String namespace,
    String name,
    String image,
    String credentialsSecret,
    Duration gracePeriod,
    Duration drainTimeout,
    int healthPort,
    int metricsPort,
    int sessions,
    int startupFailureThreshold,
    PodShape pod,
    ScalingProfile.Workload workload,
    Integer replicas) {

  /** The workers of one profile, sized by its plan. */
  public static AgentWorkersProps from(ScalingProfile profile, CapacityPlan plan) {
    var k = profile.kubernetes();
    var worker = plan.worker();
    return new AgentWorkersProps(profile.name(), k.namespace(), k.deployment(), k.image(), k.credentialsSecret(),
        k.gracePeriod(), k.drainTimeout(), k.healthPort(), profile.metrics().port(), worker.sessions(),
        worker.startupFailureThreshold(), ClusterPlan.agentPod(new ClusterPlan.Agent(profile, plan)), k.workload(),
        plan.hpa().minReplicas());
  }

  /** Throws naming the first prop the construct cannot write. */
  void validate() {
    Props.notBlank("AgentWorkersProps.agent", agent);
    Props.notBlank("AgentWorkersProps.namespace", namespace);
    Props.notBlank("AgentWorkersProps.name", name);
    Props.notBlank("AgentWorkersProps.image", image);
    Props.notBlank("AgentWorkersProps.credentialsSecret", credentialsSecret);
    Props.notNull("AgentWorkersProps.drainTimeout", drainTimeout);
    Props.positive("AgentWorkersProps.gracePeriod", gracePeriod);
    if (drainTimeout.isNegative() || gracePeriod.compareTo(drainTimeout) < 0) {
      throw new IllegalArgumentException("AgentWorkersProps.drainTimeout must be from 0s to gracePeriod ("
          + gracePeriod.toSeconds() + "s), got " + drainTimeout.toSeconds() + "s");
    }
    Props.port("AgentWorkersProps.healthPort", healthPort);
    Props.port("AgentWorkersProps.metricsPort", metricsPort);
    Props.atLeast("AgentWorkersProps.sessions", sessions, 1);
    Props.atLeast("AgentWorkersProps.startupFailureThreshold", startupFailureThreshold, 1);
    Props.notNull("AgentWorkersProps.pod", pod);
    Props.notNull("AgentWorkersProps.workload", workload);
    if (replicas != null) {
      Props.atLeast("AgentWorkersProps.replicas", replicas, 0);
    }
  }
}
