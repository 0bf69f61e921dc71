package io.agentscale.plan;

import io.agentscale.profile.Examples;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentscale.profile.ClusterMode;
import io.agentscale.profile.ProfileLoader;
import io.agentscale.profile.ScalingProfile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each finding with a profile that triggers it and one that does not; expected numbers are worked out by hand. */
class FindingsFitTheProfileTest {

  static ScalingProfile dental() {
    return Examples.load("dental-receptionist");
  }

  @Test
  void countsThePerZoneMinimumsSlotsBeforeWarningOfTheProvisioningBurst() {
    // 1..6 workers of 7 per m6i.xlarge in 3 zones: balloons ceil(6 / 0.8) − 6 = 2; min size max(3 zones,
    // ceil(3 / 7)) = 3 nodes = 21 slots, and 6 workers + 2 balloons never need a 4th. From 1 worker the HPA may add
    // min(6 − 1, 16) = 5 and 20 slots are free; the balloons alone (2) would have looked short.
    var narrow = dental().toBuilder().minWorkers(1).maxWorkers(6).availabilityZones(3).build();

    var plan = CapacityPlan.from(narrow);

    assertThat(plan.buffer().balloonPods()).isEqualTo(2);
    assertThat(plan.headroom()).extracting(h -> h.atWorkers(), h -> h.podsAddedDuringProvisioning(),
        h -> h.slotsBeforeNewNode(), h -> h.bufferCovers()).containsExactly(1, 5, 20, true);
    assertThat(rules(narrow)).doesNotContain("buffer-below-provisioning-burst");
  }

  @Test
  void warnsOfTheProvisioningBurstFromTheFleetSizeWithTheFewestFreeSlots() {
    // dental-receptionist, 2..50 workers, 7 per node, 13 balloons, min size 3 (21 slots). At 8 workers 8 + 13 = 21
    // fill the 3 nodes: 13 free slots, while the HPA may add 4 × 4 = 16 in 240s. Fixes: 3 pods × 4 = 12 <= 13, and
    // every fleet size keeps at least its balloons free; buffer 0.23 gives ceil(50 / 0.77) − 50 = 15 balloons, short
    // at 6 workers (21 − 6 = 15 < 16), 0.24 gives ceil(50 / 0.76) − 50 = 16.
    assertThat(message(dental(), "buffer-below-provisioning-burst")).isEqualTo("from 8 workers the HPA may add 16 "
        + "during one 240s node provisioning, but only 13 slots (idle or ballooned) exist before a new node is "
        + "needed: set kubernetes.hpa.scale_up_pods to at most 3, or raise capacity.buffer_fraction to at least 0.24");
    assertThat(rules(dental().toBuilder().scaleUpPods(3).build())).doesNotContain("buffer-below-provisioning-burst");
    assertThat(rules(dental().toBuilder().bufferFraction(0.24).build()))
        .doesNotContain("buffer-below-provisioning-burst");
    assertThat(rules(dental().toBuilder().bufferFraction(0.23).build())).contains("buffer-below-provisioning-burst");
  }

  @Test
  void notesAFixedFleetAndGivesNoToleranceAdvice() {
    var fixed = dental().toBuilder().minWorkers(6).maxWorkers(6).build();

    assertThat(message(fixed, "fixed-fleet")).isEqualTo("agent.scaling.min_workers and max_workers are both 6: "
        + "the fleet is fixed at 6 workers (30 calls) and autoscaling saves nothing; lower min_workers to let it "
        + "shrink when calls are few");
    assertThat(rules(fixed)).doesNotContain("hpa-tolerance-band", "scale-down-threshold-not-honoured");
    assertThat(rules(fixed.toBuilder().configurableTolerance(true).build())).doesNotContain("hpa-tolerance-mapping");
  }

  @Test
  void aFleetTheHpaCanResizeIsNotFixedAndKeepsItsToleranceAdvice() {
    assertThat(rules(dental())).doesNotContain("fixed-fleet")
        .contains("hpa-tolerance-band", "scale-down-threshold-not-honoured");
  }

  static ScalingProfile existing(String name) {
    return ScalingProfile.ofDefaults(name).toBuilder().clusterMode(ClusterMode.EXISTING).clusterName("prod").build();
  }

  @Test
  void warnsThatAnAdapterOnAnExistingClusterMayTakeOverCustomMetrics() {
    assertThat(clusterFinding(cluster(existing("front-desk")), "adapter-on-existing-cluster").message())
        .isEqualTo("metrics.install_adapter on the EXISTING cluster prod registers APIService "
            + "v1beta1.custom.metrics.k8s.io, which takes it over from any adapter already serving it: run kubectl "
            + "get apiservice v1beta1.custom.metrics.k8s.io, and if it exists set metrics.install_adapter: false and "
            + "add a rule for agent_active_sessions to that adapter");
  }

  @Test
  void doesNotWarnOfTheAdapterWhenTheProfileLeavesItOutOrTheClusterIsNew() {
    var withoutAdapter = existing("front-desk").toBuilder().installAdapter(false).build();

    assertThat(clusterRules(cluster(withoutAdapter))).doesNotContain("adapter-on-existing-cluster");
    assertThat(clusterRules(cluster(ScalingProfile.ofDefaults("front-desk"))))
        .doesNotContain("adapter-on-existing-cluster");
  }

  @Test
  void refusesTwoProfilesOfOneClusterThatDisagreeOnInstallingTheAdapter() {
    var grouped = group(existing("front-desk"), existing("after-hours").toBuilder().installAdapter(false).build());

    var conflict = clusterFinding(grouped.clusters().get(0), "adapter-settings-conflict");
    assertThat(conflict.severity()).isEqualTo(Finding.Severity.ERROR);
    assertThat(conflict.message()).isEqualTo("profiles after-hours (metrics.install_adapter false) and front-desk "
        + "(true) share the one adapter of cluster prod: set the same metrics.install_adapter in both");
    assertThat(grouped.problems()).as("reported once, as the finding").isEmpty();
  }

  @Test
  void refusesTwoProfilesThatInstallTheAdapterWithDifferentPrometheusUrls() {
    var other = existing("after-hours").toBuilder().prometheusUrl("http://other.monitoring.svc:9090").build();

    assertThat(clusterFinding(cluster(existing("front-desk"), other), "adapter-settings-conflict").message())
        .isEqualTo("profiles after-hours (metrics.prometheus_url 'http://other.monitoring.svc:9090') and front-desk "
            + "('http://prometheus-server.monitoring.svc:80') share the one adapter of cluster prod: set the same "
            + "metrics.prometheus_url in both");
  }

  @Test
  void acceptsDifferentAdapterSettingsWhereNoProfileInstallsTheAdapter() {
    var a = existing("front-desk").toBuilder().installAdapter(false).build();
    var b = existing("after-hours").toBuilder().installAdapter(false)
        .prometheusUrl("http://other.monitoring.svc:9090").adapterRelistInterval(java.time.Duration.ofSeconds(120))
        .build();

    var grouped = group(a, b);

    assertThat(grouped.problems()).isEmpty();
    assertThat(clusterRules(grouped.clusters().get(0))).doesNotContain("adapter-settings-conflict");
    assertThat(clusterRules(cluster(existing("front-desk"), existing("after-hours"))))
        .doesNotContain("adapter-settings-conflict");
  }

  private static List<String> rules(ScalingProfile p) {
    return PlanReport.of(p).findings().stream().map(Finding::rule).toList();
  }

  private static String message(ScalingProfile p, String rule) {
    return PlanReport.of(p).findings().stream().filter(f -> f.rule().equals(rule)).findFirst().orElseThrow()
        .message();
  }

  private static ClusterPlan.Grouped group(ScalingProfile... profiles) {
    return ClusterPlan.group(Arrays.stream(profiles).map(p -> new ClusterPlan.Agent(p, CapacityPlan.from(p))).toList());
  }

  private static ClusterPlan cluster(ScalingProfile... profiles) {
    var grouped = group(profiles);
    assertThat(grouped.clusters()).hasSize(1);
    return grouped.clusters().get(0);
  }

  private static List<String> clusterRules(ClusterPlan cluster) {
    return cluster.findings().stream().map(Finding::rule).toList();
  }

  private static Finding clusterFinding(ClusterPlan cluster, String rule) {
    return cluster.findings().stream().filter(f -> f.rule().equals(rule)).findFirst()
        .orElseThrow(() -> new AssertionError(rule + " not among " + clusterRules(cluster)));
  }
}
