package io.agentscale.plan;

import io.agentscale.profile.Examples;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentscale.profile.Architecture;
import io.agentscale.profile.ClusterMode;
import io.agentscale.profile.ProfileLoader;
import io.agentscale.profile.ScalingProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The workload's findings, each with a profile that raises it and one that does not. */
class WorkloadFindingsTest {

  static ScalingProfile pizza() {
    return Examples.load("pizza-orders");
  }

  static Optional<Finding> finding(ScalingProfile p, String rule) {
    return Rules.evaluate(p, CapacityPlan.from(p)).stream().filter(f -> f.rule().equals(rule)).findFirst();
  }

  @Test
  void anAmd64OnlyImageOnGravitonNodesIsAnError() {
    var graviton = pizza().toBuilder().instanceType("m7g.xlarge").build();

    var found = finding(graviton, "image-architecture-mismatch");

    assertThat(found).isPresent();
    assertThat(found.get().severity()).isEqualTo(Finding.Severity.ERROR);
    assertThat(found.get().message()).isEqualTo("aws.instance_type m7g.xlarge is arm64 (Graviton), but "
        + "kubernetes.image_architectures lists only [amd64]: build the image for linux/arm64 too (docker buildx build "
        + "--platform linux/amd64,linux/arm64) and list it, or choose an amd64 type such as m7i.xlarge");
  }

  @Test
  void anArm64OnlyImageOnX86NodesIsAnError() {
    var arm = pizza().toBuilder().imageArchitectures(List.of(Architecture.ARM64)).build();

    assertThat(finding(arm, "image-architecture-mismatch")).hasValueSatisfying(f ->
        assertThat(f.message()).startsWith("aws.instance_type m6i.xlarge is amd64, but kubernetes.image_architectures "
            + "lists only [arm64]"));
  }

  @Test
  void anImageForTheNodesArchitectureOrOfUnknownPlatformsPasses() {
    var multiArchOnGraviton = pizza().toBuilder().instanceType("m7g.xlarge")
        .imageArchitectures(List.of(Architecture.AMD64, Architecture.ARM64)).build();
    var unknownOnGraviton = pizza().toBuilder().instanceType("m7g.xlarge").imageArchitectures(List.of()).build();

    assertThat(finding(pizza(), "image-architecture-mismatch")).isEmpty();
    assertThat(finding(multiArchOnGraviton, "image-architecture-mismatch")).isEmpty();
    assertThat(finding(unknownOnGraviton, "image-architecture-mismatch")).isEmpty();
  }

  @Test
  void aDescribedGravitonTypeOutsideTheCatalogIsCheckedToo() {
    var described = pizza().toBuilder().instanceType("c8g.2xlarge").instanceVcpus(8).instanceMemoryGiB(16).build();

    assertThat(CapacityPlan.from(described).node().arm64()).isTrue();
    assertThat(finding(described, "image-architecture-mismatch")).isPresent();
  }

  @Test
  void anAgentRoleOnAnExistingClusterWarnsThatThePodIdentityAgentMustRun() {
    var existing = pizza().toBuilder().clusterMode(ClusterMode.EXISTING).clusterName("prod-eks").build();

    var found = finding(existing, "agent-role-needs-pod-identity-agent");

    assertThat(found).hasValueSatisfying(f -> {
      assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
      assertThat(f.message()).contains("aws eks describe-addon --cluster-name prod-eks --addon-name "
          + "eks-pod-identity-agent");
    });
  }

  @Test
  void anAgentRoleOnANewClusterOrNoRoleOnAnExistingOneIsQuiet() {
    var existingWithoutRole = pizza().toBuilder().clusterMode(ClusterMode.EXISTING).clusterName("prod-eks")
        .agentRolePolicyArns(List.of()).build();

    assertThat(finding(pizza(), "agent-role-needs-pod-identity-agent")).isEmpty();
    assertThat(finding(existingWithoutRole, "agent-role-needs-pod-identity-agent")).isEmpty();
  }

  @Test
  void anEphemeralLimitTheVolumesCanFillWarns() {
    // 1Gi /tmp + 256Mi + 2Gi = 3328Mi, which a 3Gi limit cannot hold with logs besides
    var tight = pizza().toBuilder().ephemeralStorageRequest("2Gi").ephemeralStorageLimit("3Gi").build();

    assertThat(finding(tight, "ephemeral-limit-below-volumes")).hasValueSatisfying(f -> assertThat(f.message())
        .isEqualTo("kubernetes.workload.ephemeral_storage.limit 3Gi is not above what /tmp and the empty_dir volumes "
            + "may hold (3328Mi), leaving no room for logs: raise the limit above 3328Mi or shrink the volumes"));
    assertThat(finding(pizza(), "ephemeral-limit-below-volumes")).isEmpty();
  }

  @Test
  void theRootVolumeHoldsEachWorkersVolumesOrItsEphemeralRequest() {
    // pizza-orders: 8 workers per m6i.xlarge; /tmp 1Gi + 256Mi + 2Gi = 3.25 GiB, above the 3Gi request: 4 GiB each.
    // 20 GiB base + 2 × 5 GiB image + 8 × 4 GiB
    var plan = CapacityPlan.from(pizza());
    assertThat(CapacityPlan.workerDiskGiB(pizza())).isEqualTo(4);
    assertThat(plan.node().rootVolumeGiB()).isEqualTo(20 + 10 + plan.node().workersPerNode() * 4);
    assertThat(plan.node().workersPerNode()).isEqualTo(8);

    var bigRequest = pizza().toBuilder().ephemeralStorageRequest("6Gi").ephemeralStorageLimit("8Gi").build();
    assertThat(CapacityPlan.workerDiskGiB(bigRequest)).isEqualTo(6);
    assertThat(CapacityPlan.workerDiskGiB(ScalingProfile.ofDefaults("t"))).isEqualTo(CapacityPlan.WORKER_TMP_GIB);
  }
}
