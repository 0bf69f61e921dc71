package io.agentscale.aws;

import io.agentscale.plan.ClusterPlan;
import io.agentscale.profile.ClusterMode;
import io.agentscale.profile.ScalingProfile;
import java.util.List;

/**
 * Everything a cluster's AWS side is built from: the cluster stack's facts and each profile's {@link AwsInputs}. Equal
 * inputs synthesize the same templates, which is how {@code synth --watch} knows it may keep them.
 *
 * @param systemPool null for an EXISTING cluster (no cluster stack)
 * @param autoscaler whether the cluster stack creates the autoscaler's role and Pod Identity association
 */
public record ClusterInputs(String name, ClusterMode mode, String kubernetesVersion, int availabilityZones,
    ClusterPlan.SystemPool systemPool, boolean autoscaler, ScalingProfile.Cluster cluster, int natGateways,
    String publicEndpointCidrs, int logRetentionDays, List<AwsInputs> agents) {

  public static ClusterInputs of(ClusterPlan plan) {
    var aws = plan.agents().get(0).profile().aws();
    return new ClusterInputs(plan.name(), plan.mode(), plan.kubernetesVersion(), plan.availabilityZones(),
        plan.systemPool(), plan.autoscaler() != null, plan.agents().get(0).profile().cluster(),
        plan.natGateways(), aws.publicEndpointCidrs(), aws.logRetentionDays(),
        plan.agents().stream().map(a -> AwsInputs.of(a.profile(), a.plan())).toList());
  }
}
