package io.agentscale.plan;

import io.agentscale.profile.Examples;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentscale.plan.DisruptionClocks.Clock;
import io.agentscale.plan.DisruptionClocks.Layer;
import io.agentscale.plan.DisruptionClocks.Mechanism;
import io.agentscale.profile.CapacityType;
import io.agentscale.profile.ProfileLoader;
import io.agentscale.profile.ScalingProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each clock against a profile, worked out by hand: grace 600s, drain 600 − 30 = 570s unless a test says otherwise. */
class DisruptionClocksTest {

  static ScalingProfile dental() {
    return Examples.load("dental-receptionist");
  }

  static Clock clock(ScalingProfile p, Mechanism m) {
    return DisruptionClocks.clock(m, p, CapacityPlan.from(p));
  }

  static List<Finding> findings(ScalingProfile p, String rule) {
    return PlanReport.of(p).findings().stream().filter(f -> f.rule().equals(rule)).toList();
  }

  @Test
  void dentalIsSafeForHpaScaleInRolloutAndAutoscalerScaleDown() {
    var p = dental();
    assertThat(p.kubernetes().gracePeriod()).isEqualTo(Duration.ofSeconds(600));
    assertThat(p.kubernetes().drainTimeout()).isEqualTo(Duration.ofSeconds(570));

    // 570s < 600s each time; our autoscaler waits max(600, 600) = 600s
    for (var m : List.of(Mechanism.HPA_SCALE_IN, Mechanism.ROLLOUT, Mechanism.AUTOSCALER_SCALE_DOWN)) {
      var c = clock(p, m);
      assertThat(c.given()).as(m.id()).isEqualTo(Duration.ofSeconds(600));
      assertThat(c.verdict()).as(m.id()).isEqualTo("safe");
      assertThat(c.cutsAfter()).as(m.id()).isEmpty();
    }
    assertThat(findings(p, "disruption-autoscaler-scale-down")).isEmpty();
  }

  @Test
  void aNodeGroupUpdateNeverEvictsAnAgentSoItFailsAndTheCallsGoOn() {
    var p = dental();
    var c = clock(p, Mechanism.NODE_GROUP_UPDATE);

    // the PDB (maxUnavailable 0) refuses every eviction: nothing is drained, EKS gives up after 900s per node
    assertThat(DisruptionClocks.AGENT_PDB_MAX_UNAVAILABLE).isZero();
    assertThat(c.cutsCalls()).isFalse();
    assertThat(c.cutsAfter()).isEmpty();
    assertThat(c.layer()).isEqualTo(Layer.EKS);
    assertThat(c.verdict()).isEqualTo("safe: the agents' PDB (maxUnavailable 0) refuses every eviction: an update "
        + "fails on a node with agents after 900s and the node keeps its calls; replace node groups blue/green instead");
    assertThat(findings(p, "disruption-node-group-update")).isEmpty();
  }

  @Test
  void aSpotProfileCutsCallsAfterTwoMinutes() {
    var spot = dental().toBuilder().capacityType(CapacityType.SPOT).build();

    var c = clock(spot, Mechanism.SPOT_RECLAIM);

    assertThat(c.cutsAfter()).contains(Duration.ofSeconds(120));   // 570s drain > 120s notice
    assertThat(c.verdict()).isEqualTo("cuts calls after 120s: EC2 stops the instance when the notice ends");
    assertThat(findings(spot, "disruption-spot-reclaim")).singleElement().satisfies(f -> assertThat(f.message())
        .isEqualTo("spot-reclaim cuts calls after 120s: kubernetes.drain_timeout is 570s; use aws.capacity_type "
            + "ON_DEMAND, or keep calls under 2 minutes"));
  }

  @Test
  void onDemandIsNeverReclaimedAndManagedNodeGroupsNeverExpireNodes() {
    var p = dental();

    assertThat(clock(p, Mechanism.SPOT_RECLAIM).verdict())
        .isEqualTo("not applicable: aws.capacity_type ON_DEMAND is not reclaimed");
    assertThat(clock(p, Mechanism.NODE_EXPIRY).verdict())
        .isEqualTo("not applicable: managed node groups do not expire nodes");
    assertThat(findings(p, "disruption-spot-reclaim")).isEmpty();
  }

  @Test
  void aTwentyMinuteGraceWithoutOurAutoscalerGetsTheAutoscalerFinding() {
    var p = dental().toBuilder().gracePeriod(Duration.ofMinutes(20)).autoscaler(false).build();

    var c = clock(p, Mechanism.AUTOSCALER_SCALE_DOWN);

    // min(1200s, upstream's 600s) = 600s; the drain follows the grace period: 1200 − 30 = 1170s
    assertThat(c.cutsAfter()).contains(Duration.ofSeconds(600));
    assertThat(c.layer()).isEqualTo(Layer.CLUSTER_AUTOSCALER);
    assertThat(findings(p, "disruption-autoscaler-scale-down")).singleElement().satisfies(f -> assertThat(
        f.message()).isEqualTo("autoscaler-scale-down cuts calls after 600s: kubernetes.drain_timeout is 1170s, "
            + "the autoscaler you run waits upstream's default 600s; start your cluster autoscaler with "
            + "--max-graceful-termination-sec of at least kubernetes.grace_period, or set cluster.autoscaler: true"));
  }

  @Test
  void ourAutoscalerWaitsATwentyMinuteGrace() {
    var p = dental().toBuilder().gracePeriod(Duration.ofMinutes(20)).build();

    assertThat(clock(p, Mechanism.AUTOSCALER_SCALE_DOWN).verdict()).isEqualTo("safe");   // 1170s < 1200s
  }

  @Test
  void aDrainOutsideTheGracePeriodIsReportedOnceByDrainOutsideGrace() {
    var p = dental().toBuilder().drainTimeout(Duration.ofSeconds(600)).build();

    // the kubelet cuts at 600s on scale-in, rollout and our autoscaler's scale-down alike
    assertThat(clock(p, Mechanism.HPA_SCALE_IN).verdict())
        .isEqualTo("cuts calls after 600s: the kubelet kills the worker when kubernetes.grace_period ends");
    assertThat(clock(p, Mechanism.AUTOSCALER_SCALE_DOWN).layer()).isEqualTo(Layer.KUBELET);
    assertThat(PlanReport.of(p).findings()).extracting(Finding::rule)
        .contains("drain-outside-grace").doesNotContain("disruption-autoscaler-scale-down");
  }

  @Test
  void jsonListsEveryClock() {
    var json = PlanReport.of(dental()).toJson();

    assertThat(json.at("/disruption").size()).isEqualTo(6);
    assertThat(json.at("/disruption/0/mechanism").textValue()).isEqualTo("hpa-scale-in");
    assertThat(json.at("/disruption/0/stops_with").textValue())
        .isEqualTo("the HPA lowers replicas and the Deployment deletes a worker");
    assertThat(json.at("/disruption/0/seconds_given").longValue()).isEqualTo(600);
    assertThat(json.at("/disruption/0/verdict").textValue()).isEqualTo("safe");
    assertThat(json.at("/disruption/0/cuts_after_seconds").isNull()).isTrue();
    assertThat(json.at("/disruption/3/mechanism").textValue()).isEqualTo("node-group-update");
    assertThat(json.at("/disruption/3/seconds_given").longValue()).isEqualTo(900);
    assertThat(json.at("/disruption/3/cuts_after_seconds").isNull()).isTrue();
    assertThat(json.at("/disruption/5/mechanism").textValue()).isEqualTo("node-expiry");
    assertThat(json.at("/disruption/5/seconds_given").isNull()).isTrue();
    assertThat(json.at("/disruption/5/cuts_after_seconds").isNull()).isTrue();
  }

  @Test
  void tableShowsEachClockWithItsVerdict() {
    String table = PlanReport.of(dental()).table();

    assertThat(table).contains("Disruption clocks (kubernetes.drain_timeout 570s, grace_period 600s)\n"
        + "  hpa-scale-in           600s   safe\n");
    assertThat(table).contains("  node-group-update      900s   safe: the agents' PDB (maxUnavailable 0) refuses "
        + "every eviction: an update fails on a node with agents after 900s and the node keeps its calls; replace node "
        + "groups blue/green instead\n");
    assertThat(table).contains("  node-expiry            -      not applicable: managed node groups do not expire "
        + "nodes\n");
  }

  @Test
  void readmeTableForTheBundledProfiles() {
    var profiles = List.of("dental-receptionist", "pizza-orders", "crisis-hotline").stream()
        .map(n -> ProfileLoader.load(Path.of("stacks/" + n + ".yaml"))).toList();

    String table = DisruptionClocks.markdownTable(profiles);
    System.out.println(table);

    // all three: grace 600s, drain 570s, ON_DEMAND, our autoscaler; the agents' PDB refuses every eviction
    assertThat(table).isEqualTo("""
        | mechanism | what stops the pod | dental-receptionist | pizza-orders | crisis-hotline |
        |---|---|---|---|---|
        | hpa-scale-in | the HPA lowers replicas and the Deployment deletes a worker | 600s: safe | 600s: safe \
        | 600s: safe |
        | rollout | a Deployment rollout replaces each worker (maxSurge 25%, maxUnavailable 0) | 600s: safe \
        | 600s: safe | 600s: safe |
        | autoscaler-scale-down | cluster-autoscaler removes a node it no longer needs | 600s: safe | 600s: safe \
        | 600s: safe |
        | node-group-update | an EKS managed node group version or AMI update drains each node | update fails after 900s, \
        calls kept | update fails after 900s, calls kept | update fails after 900s, calls kept |
        | spot-reclaim | EC2 reclaims a spot instance | not applicable | not applicable | not applicable |
        | node-expiry | nothing: managed node groups do not expire nodes (Karpenter's expireAfter would) \
        | not applicable | not applicable | not applicable |
        """);
  }
}
