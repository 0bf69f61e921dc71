package io.agentscale.profile;

/** Whether the AWS stack creates the EKS cluster or adds the agent node group to an existing one. */
public enum ClusterMode {
  NEW,
  EXISTING
}
