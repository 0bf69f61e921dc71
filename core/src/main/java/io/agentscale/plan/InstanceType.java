package io.agentscale.plan;

/**
 * An EC2 instance type as the node sizing needs it.
 *
 * @param enis network interfaces; with {@code ipv4PerEni} they bound the pods a node can hold
 * @param arm64 true for Graviton types, which need multi-arch images and the AL2023 ARM AMI
 */
public record InstanceType(String name, int vcpus, int memoryGiB, int enis, int ipv4PerEni, boolean arm64) {

  /** Pods per node with the default VPC CNI: ENIs × (IPs per ENI − 1) + 2, capped at 110 below 30 vCPUs (nodeadm). */
  public int maxPods() {
    int eniLimit = enis * (ipv4PerEni - 1) + 2;
    return Math.min(eniLimit, vcpus > 30 ? 250 : 110);
  }
}
