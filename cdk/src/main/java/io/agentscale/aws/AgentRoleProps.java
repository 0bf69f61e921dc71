package io.agentscale.aws;

import java.util.List;

/**
 * @param clusterName the EKS cluster whose pods assume the role
 * @param namespace and {@code serviceAccount}: the only pods that receive the role's credentials
 * @param policyArns the managed policies attached to the role
 */
public record AgentRoleProps(String clusterName, String namespace, String serviceAccount, List<String> policyArns) {
  public AgentRoleProps {
    policyArns = policyArns == null ? null : List.copyOf(policyArns);
  }

  /** Throws naming the first prop the construct cannot create. */
  void validate() {
    for (var prop : new String[][] {{"clusterName", clusterName}, {"namespace", namespace},
        {"serviceAccount", serviceAccount}}) {
      if (prop[1] == null || prop[1].isBlank()) {
        throw new IllegalArgumentException("AgentRoleProps." + prop[0] + " must not be blank, got "
            + (prop[1] == null ? "null" : "'" + prop[1] + "'"));
      }
    }
    if (policyArns == null || policyArns.isEmpty()) {
      throw new IllegalArgumentException("AgentRoleProps.policyArns must name at least one policy, got " + policyArns);
    }
  }
}
