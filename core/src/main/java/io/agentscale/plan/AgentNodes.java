package io.agentscale.plan;

import io.agentscale.profile.ScalingProfile;

/**
 * How agent pods find their nodes: the label the AWS node group carries and the taint it sets, which the agent
 * Deployment and the balloon pods select and tolerate. Defined once so the two sides cannot drift apart.
 */
public record AgentNodes(String labelKey, String labelValue, String taintKey, String taintValue) {
  public static final String LABEL_KEY = "agentscale.io/pool";
  public static final String TAINT_KEY = "agentscale.io/voice-agents";

  public static AgentNodes of(ScalingProfile profile) {
    return named(profile.name());
  }

  /** The nodes of the profile called {@code profileName}. */
  public static AgentNodes named(String profileName) {
    return new AgentNodes(LABEL_KEY, profileName, TAINT_KEY, "true");
  }
}
