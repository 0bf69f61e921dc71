package io.agentscale.aws;

import software.amazon.awscdk.services.ec2.LaunchTemplate;
import software.amazon.awscdk.services.eks_v2.LaunchTemplateSpec;
import software.constructs.Construct;

/** The launch template every node group of ours uses. */
final class LaunchTemplates {
  private LaunchTemplates() {}

  /**
   * IMDSv2 only. Hop limit 2 lets pods reach the metadata service through the CNI: the cluster autoscaler finds its
   * region there (its credentials come from Pod Identity, not the node role).
   */
  static LaunchTemplateSpec imdsV2Only(Construct scope) {
    var template = LaunchTemplate.Builder.create(scope, "LaunchTemplate")
        .requireImdsv2(true)
        .httpPutResponseHopLimit(2)
        .build();
    return LaunchTemplateSpec.builder()
        .id(template.getLaunchTemplateId())
        .version(template.getLatestVersionNumber())
        .build();
  }
}
