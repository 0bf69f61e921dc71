package io.agentscale.aws;

import io.github.cdklabs.cdknag.NagPackSuppression;
import java.util.List;

/** The cdk-nag suppression every managed node group's role needs, with its reason. */
final class NodeRoleSuppressions {
  private NodeRoleSuppressions() {}

  static final List<NagPackSuppression> MANAGED_POLICIES = List.of(NagPackSuppression.builder()
      .id("AwsSolutions-IAM4")
      .reason("EKS worker nodes need the AWS-managed worker, CNI and ECR read-only policies, as EKS documents.")
      .appliesTo(List.of(
          "Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEKSWorkerNodePolicy",
          "Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEKS_CNI_Policy",
          "Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"))
      .build());
}
