package io.agentscale.aws;

import java.util.List;
import software.amazon.awscdk.services.ec2.BlockDevice;
import software.amazon.awscdk.services.ec2.BlockDeviceVolume;
import software.amazon.awscdk.services.ec2.EbsDeviceOptions;
import software.amazon.awscdk.services.ec2.EbsDeviceVolumeType;
import software.amazon.awscdk.services.ec2.LaunchTemplate;
import software.amazon.awscdk.services.eks_v2.LaunchTemplateSpec;
import software.constructs.Construct;

/** The launch templates of our node groups: IMDSv2 only and an encrypted gp3 root volume of a planned size. */
final class LaunchTemplates {
  /** AL2023 EKS AMIs boot from this device. */
  static final String ROOT_DEVICE = "/dev/xvda";

  private LaunchTemplates() {}

  /**
   * Agent nodes: hop limit 1, so agent pods cannot reach the instance metadata service and borrow the node's role
   * (EKS best-practices guide); nothing on these nodes needs it from a pod.
   */
  static LaunchTemplateSpec agentNodes(Construct scope, int rootVolumeGiB) {
    return template(scope, 1, rootVolumeGiB);
  }

  /**
   * System nodes: hop limit 2, because the cluster autoscaler finds its AWS region in the metadata service (its
   * credentials come from Pod Identity, not the node role, which only holds the EKS worker policies).
   */
  static LaunchTemplateSpec systemNodes(Construct scope, int rootVolumeGiB) {
    return template(scope, 2, rootVolumeGiB);
  }

  private static LaunchTemplateSpec template(Construct scope, int hopLimit, int rootVolumeGiB) {
    var template = LaunchTemplate.Builder.create(scope, "LaunchTemplate")
        .requireImdsv2(true)
        .httpPutResponseHopLimit(hopLimit)
        .blockDevices(List.of(BlockDevice.builder()
            .deviceName(ROOT_DEVICE)
            .volume(BlockDeviceVolume.ebs(rootVolumeGiB, EbsDeviceOptions.builder()
                .volumeType(EbsDeviceVolumeType.GP3).encrypted(true).deleteOnTermination(true).build()))
            .build()))
        .build();
    return LaunchTemplateSpec.builder()
        .id(template.getLaunchTemplateId())
        .version(template.getLatestVersionNumber())
        .build();
  }
}
