package io.agentscale.aws;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.services.eks.CfnPodIdentityAssociation;
import software.amazon.awscdk.services.iam.IManagedPolicy;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.iam.SessionTagsPrincipal;
import software.constructs.Construct;

/**
 * The agent pods' IAM role, with the profile's managed policies, bound by EKS Pod Identity to exactly one
 * ServiceAccount; children {@code Role} and {@code PodIdentity}. The AWS SDKs in the agent find its credentials without
 * a line of configuration. Pod Identity needs the eks-pod-identity-agent add-on, which a NEW cluster has.
 */
public class AgentRole extends Construct {
  private final Role role;
  private final CfnPodIdentityAssociation association;

  /** @throws IllegalArgumentException naming the first prop that cannot be created */
  public AgentRole(Construct scope, String id, AgentRoleProps props) {
    super(scope, id);
    props.validate();
    List<IManagedPolicy> policies = new java.util.ArrayList<>();
    for (int i = 0; i < props.policyArns().size(); i++) {
      policies.add(ManagedPolicy.fromManagedPolicyArn(this, "Policy" + (i + 1), props.policyArns().get(i)));
    }
    // sts:AssumeRole and sts:TagSession, as Pod Identity requires of the trust policy.
    role = Role.Builder.create(this, "Role")
        .assumedBy(new SessionTagsPrincipal(new ServicePrincipal("pods.eks.amazonaws.com")))
        .description("agent pods of " + props.namespace() + "/" + props.serviceAccount() + " in EKS cluster "
            + props.clusterName() + " (Pod Identity)")
        .managedPolicies(policies)
        .build();
    var awsManaged = props.policyArns().stream().filter(arn -> arn.contains(":iam::aws:policy/")).toList();
    if (!awsManaged.isEmpty()) {
      NagSuppressions.addResourceSuppressions(role, List.of(NagPackSuppression.builder().id("AwsSolutions-IAM4")
          .reason("aws.agent_role_policy_arns names these AWS-managed policies for the agent's own calls (such as "
              + "Bedrock or Polly); the profile's author chose them, and the role is usable only by pods of "
              + props.namespace() + "/" + props.serviceAccount() + ".")
          .appliesTo(awsManaged.stream().map(arn -> "Policy::" + arn).toList())
          .build()), true);
    }
    association = CfnPodIdentityAssociation.Builder.create(this, "PodIdentity")
        .clusterName(props.clusterName())
        .namespace(props.namespace())
        .serviceAccount(props.serviceAccount())
        .roleArn(role.getRoleArn())
        .build();
  }

  /** The role the agent pods assume, to grant more to ({@code role().addToPolicy(...)}). */
  public Role role() {
    return role;
  }

  /** The Pod Identity association binding the role to the ServiceAccount. */
  public CfnPodIdentityAssociation association() {
    return association;
  }
}
