package io.agentscale.aws;

import java.util.List;

/**
 * @param clusterName the EKS cluster whose pods assume the role
 * @param namespace and {@code serviceAccount}: the only pods that receive the role's credentials
 * @param policyArns the managed policies attached to the role
 */
public record AgentRoleProps(String clusterName, String namespace, String serviceAccount, List<String> policyArns) {
  public AgentRoleProps {
    policyArns = List.copyOf(policyArns);
  }

}
