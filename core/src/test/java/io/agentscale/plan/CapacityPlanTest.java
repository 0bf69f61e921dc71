package io.agentscale.plan;

import io.agentscale.profile.Examples;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentscale.profile.ProfileLoader;
import io.agentscale.profile.ScalingProfile;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Expected values are worked out by hand in the comments, never by calling the code under test. */
class CapacityPlanTest {

  record Expected(int workerCpu, int workerMemory, int allocCpu, int allocMemory, int maxPods, int perNode,
      int balloons, int minSize, int maxSize, double idleAtMax, int podsDuringProvisioning, boolean covers) {}

  static ScalingProfile seed() {
    return Examples.load("dental-receptionist");
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // dental-receptionist on m6i.xlarge (4 vCPU, 16 GiB, 4 ENIs × 15 IPs):
        // worker 250 + 5×50 = 500m, 500 + 5×100 = 1000Mi; max pods 4×14+2 = 58;
        // memory floor(16384×0.925) = 15155 − (11×58+255 = 893) − 100 = 14162; cpu 4000 − (60+10+5+5) = 3920;
        // per node min((14162−400)/1000 = 13, (3920−200)/500 = 7, 58−4 = 54) = 7;
        // balloons ceil(50/0.8) − 50 = 13; min max(2 zones, ceil(15/7) = 3) = 3; max ceil(63/7) = 9;
        // idle at max (63−50)/63 = 0.2063; HPA adds 4 per 60s × 4 periods in 240s = 16 > 13.
        Arguments.of("dental-receptionist", seed(),
            new Expected(500, 1000, 3920, 14162, 58, 7, 13, 3, 9, 0.2063, 16, false)),
        // pizza-orders: 4 sessions, 80Mi each: 250+200 = 450m, 500+320 = 820Mi; per node min(13762/820 = 16,
        // 3720/450 = 8, 54) = 8; balloons ceil(40/0.7) = 58 − 40 = 18; min max(2, ceil(20/8) = 3) = 3;
        // max ceil(58/8) = 8 (7.25); idle at max (64−40)/64 = 0.375; HPA 4 × 4 = 16 <= 18.
        Arguments.of("pizza-orders", Examples.load("pizza-orders"),
            new Expected(450, 820, 3920, 14162, 58, 8, 18, 3, 8, 0.375, 16, true)),
        // crisis-hotline on m6i.2xlarge (8 vCPU, 32 GiB, 4 × 15 ⇒ 58 pods): worker 250+150 = 400m,
        // 700 + 3×150 = 1150Mi; memory floor(32768×0.925) = 30310 − 893 − 100 = 29317; cpu 8000 − 90 = 7910;
        // per node min((29317−400)/1150 = 25, 7710/400 = 19, 54) = 19; balloons ceil(60/0.65) = 93 − 60 = 33;
        // min max(3 zones, ceil(39/19) = 3) = 3; max ceil(93/19) = 5 (4.89); idle at max (95−60)/95 = 0.3684;
        // HPA 4 per 30s × 8 periods in 240s = 32 <= 33.
        Arguments.of("crisis-hotline", Examples.load("crisis-hotline"),
            new Expected(400, 1150, 7910, 29317, 58, 19, 33, 3, 5, 0.3684, 32, true)),
        // one worker per node on m6i.large (2 vCPU, 8 GiB, 3 × 10 ⇒ 29 pods): worker 500m, 4000+500 = 4500Mi;
        // memory floor(8192×0.925) = 7577 − (11×29+255 = 574) − 100 = 6903; cpu 2000 − 70 = 1930;
        // per node min(6503/4500 = 1, 1730/500 = 3, 25) = 1; min 2, max 4: balloons ceil(4/0.8) − 4 = 1;
        // min max(2, 3) = 3; max 5; idle at max 1/5 = 0.2; HPA min(4−2 = 2, 16) = 2 > 1.
        Arguments.of("one worker per node", seed().toBuilder().instanceType("m6i.large").baseMemoryMiB(4000)
                .minWorkers(2).maxWorkers(4).build(),
            new Expected(500, 4500, 1930, 6903, 29, 1, 1, 3, 5, 0.2, 2, false)),
        // max_workers 1: balloons ceil(1/0.8) − 1 = 1; min max(2 zones, ceil(2/7) = 1) = 2; max 2;
        // idle at max (14−1)/14 = 0.9286; the HPA cannot add any pod (1 − 1 = 0).
        Arguments.of("max_workers 1", seed().toBuilder().minWorkers(1).maxWorkers(1).build(),
            new Expected(500, 1000, 3920, 14162, 58, 7, 1, 2, 2, 0.9286, 0, true)),
        // tiny buffer 0.01: ceil(50/0.99 = 50.5) = 51 ⇒ 1 balloon; min max(2, ceil(3/7) = 1) = 2;
        // max ceil(51/7) = 8; idle at max (56−50)/56 = 0.1071.
        Arguments.of("tiny buffer", seed().toBuilder().bufferFraction(0.01).build(),
            new Expected(500, 1000, 3920, 14162, 58, 7, 1, 2, 8, 0.1071, 16, false)),
        // huge buffer 0.9: ceil(50/0.1) = 500 ⇒ 450 balloons; min ceil(452/7) = 65; max ceil(500/7) = 72;
        // idle at max (504−50)/504 = 0.9008.
        Arguments.of("huge buffer", seed().toBuilder().bufferFraction(0.9).build(),
            new Expected(500, 1000, 3920, 14162, 58, 7, 450, 65, 72, 0.9008, 16, true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesTheHandComputedPlan(String title, ScalingProfile profile, Expected e) {
    var plan = CapacityPlan.from(profile);

    assertThat(plan.worker().cpuMillis()).isEqualTo(e.workerCpu());
    assertThat(plan.worker().memoryMiB()).isEqualTo(e.workerMemory());
    assertThat(plan.node().allocatableCpuMillis()).isEqualTo(e.allocCpu());
    assertThat(plan.node().allocatableMemoryMiB()).isEqualTo(e.allocMemory());
    assertThat(plan.node().maxPods()).isEqualTo(e.maxPods());
    assertThat(plan.node().workersPerNode()).isEqualTo(e.perNode());
    assertThat(plan.buffer().balloonPods()).isEqualTo(e.balloons());
    assertThat(plan.nodeGroup().minSize()).isEqualTo(e.minSize());
    assertThat(plan.nodeGroup().maxSize()).isEqualTo(e.maxSize());
    assertThat(plan.buffer().idleFractionAtMax()).isEqualTo(e.idleAtMax());
    assertThat(plan.headroom().podsAddedDuringProvisioning()).isEqualTo(e.podsDuringProvisioning());
    assertThat(plan.headroom().bufferCovers()).isEqualTo(e.covers());
  }

  @Test
  void keepsAtLeastTheBufferIdleAtEveryNodeGroupSize() {
    var p = seed();
    var plan = CapacityPlan.from(p);
    int perNode = plan.node().workersPerNode();
    // any worker count the HPA can reach fits beside every balloon inside max_size nodes
    for (int workers = p.scaling().minWorkers(); workers <= p.scaling().maxWorkers(); workers++) {
      int slotsNeeded = workers + plan.buffer().balloonPods();
      int nodes = Math.max(plan.nodeGroup().minSize(), (slotsNeeded + perNode - 1) / perNode);
      assertThat(nodes).isLessThanOrEqualTo(plan.nodeGroup().maxSize());
      double idle = (nodes * perNode - workers) / (double) (nodes * perNode);
      assertThat(idle).as("idle at %d workers", workers).isGreaterThanOrEqualTo(0.2);
    }
  }

  @Test
  void writesTheTargetAsAKubernetesQuantity() {
    // 5 sessions × 0.7 = 3.5 sessions ⇒ "3500m"; 5 × 0.8 = 4 ⇒ "4"
    var p = seed().toBuilder().scaleUpThreshold(0.7).build();

    assertThat(CapacityPlan.from(p).hpa().targetQuantity()).isEqualTo("3500m");
    assertThat(CapacityPlan.from(seed()).hpa().targetQuantity()).isEqualTo("4");
  }

  @Test
  void reportsAWorkerThatDoesNotFitAsAnError() {
    // 500 + 5 × 4000 = 20500Mi > 6903 − 400 on an m6i.large
    var p = seed().toBuilder().instanceType("m6i.large").memoryPerSessionMiB(4000).build();

    var report = PlanReport.of(p);

    assertThat(report.hasErrors()).isTrue();
    assertThat(report.findings()).extracting(Finding::rule).contains("worker-does-not-fit");
  }

  @Test
  void needsVcpusAndMemoryForAnUnknownInstanceType() {
    var unknown = seed().toBuilder().instanceType("x9.mega").build();
    var described = unknown.toBuilder().instanceVcpus(8).instanceMemoryGiB(32).build();

    assertThat(PlanReport.of(unknown).findings()).extracting(Finding::rule).contains("instance-type-unknown");
    // 8 vCPU, 32 GiB, assumed 3 × 10 ENIs ⇒ 29 pods: memory 30310 − (11×29+255 = 574) − 100 = 29636
    assertThat(CapacityPlan.from(described).node().allocatableMemoryMiB()).isEqualTo(29636);
    assertThat(PlanReport.of(described).hasErrors()).isFalse();
  }

  @Test
  void flagsEachRuleWhenItsConditionHolds() {
    var risky = seed().toBuilder()
        .gracePeriod(java.time.Duration.ofSeconds(900))
        .drainTimeout(java.time.Duration.ofSeconds(900))
        .scaleDownStabilization(java.time.Duration.ofSeconds(60))
        .sessionsPerWorker(8)
        .capacityType(io.agentscale.profile.CapacityType.SPOT)
        .autoscaler(false)
        .build();

    assertThat(PlanReport.of(risky).findings()).extracting(Finding::rule).contains(
        "drain-outside-grace", "disruption-autoscaler-scale-down", "no-node-autoscaler",
        "scale-down-window-below-metric-delay", "disruption-spot-reclaim",
        "sessions-per-worker-outside-tutorial", "scale-down-threshold-not-honoured");
  }

  @Test
  void aSpotGroupWithFewerThanThreePoolsIsFlagged() {
    var graviton = seed().toBuilder().instanceType("m7g.xlarge") // only m7g and m6g have that shape
        .capacityType(io.agentscale.profile.CapacityType.SPOT).build();
    assertThat(CapacityPlan.from(graviton).node().instanceTypes()).containsExactly("m7g.xlarge", "m6g.xlarge");
    assertThat(PlanReport.of(graviton).findings()).extracting(Finding::rule).contains("spot-pools-few");
    var intel = seed().toBuilder().capacityType(io.agentscale.profile.CapacityType.SPOT).build();
    assertThat(PlanReport.of(intel).findings()).extracting(Finding::rule).doesNotContain("spot-pools-few");
  }

  @Test
  void mapsScaleDownThresholdToTheHpaToleranceWhenOptedIn() {
    // 1 − 0.3 / 0.8 = 0.625
    var p = seed().toBuilder().configurableTolerance(true).build();

    assertThat(CapacityPlan.scaleDownTolerance(p).toPlainString()).isEqualTo("0.625");
    assertThat(PlanReport.of(p).findings()).extracting(Finding::rule)
        .doesNotContain("scale-down-threshold-not-honoured").contains("hpa-tolerance-mapping");
  }

  @Test
  void warnsOfTheThresholdsDropRateWhereTheFleetIsSmallest() {
    // 2 workers × 4 = 8 concurrent calls on 2 × 5 = 10 slots: B(10, 8) = 0.12166; 1% needs 15 slots, 8 / 15 = 0.533
    assertThat(message(seed(), "threshold-drop-rate")).isEqualTo("5 × 0.8 = 4 sessions per worker drops 12.2% of "
        + "calls at 8 erlangs (2 workers at the target); 1% needs a scale_up_threshold of 0.533 there");
    // 20 workers × 4 = 80 calls on 100 slots: B(100, 80) = 0.0040 (sizing.md) meets 1%
    assertThat(PlanReport.of(seed().toBuilder().minWorkers(20).build()).findings()).extracting(Finding::rule)
        .doesNotContain("threshold-drop-rate");
  }

  @Test
  void notesTheToleranceBandAboveTheTarget() {
    // 4 × 1.1 = 4.4 sessions, 0.8 × 1.1 = 88%; pizza-orders: 4 × 0.75 = 3, 3.3 and 82.5%
    assertThat(message(seed(), "hpa-tolerance-band"))
        .isEqualTo("a target of 4 sessions adds workers only above 4.4 (88%), not 80%");
    assertThat(message(Examples.load("pizza-orders"), "hpa-tolerance-band"))
        .isEqualTo("a target of 3 sessions adds workers only above 3.3 (82.5%), not 75%");
  }

  private static String message(ScalingProfile p, String rule) {
    return PlanReport.of(p).findings().stream().filter(f -> f.rule().equals(rule)).findFirst().orElseThrow()
        .message();
  }

  @Test
  void jsonHoldsTheContractKeys() throws Exception {
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(PlanReport.of(seed()).json());

    assertThat(json.at("/worker/sessions").intValue()).isEqualTo(5);
    assertThat(json.at("/node/instance_type").textValue()).isEqualTo("m6i.xlarge");
    assertThat(json.at("/node/workers_per_node").intValue()).isEqualTo(7);
    assertThat(json.at("/nodes/at_min_workers").intValue()).isEqualTo(1);
    assertThat(json.at("/nodes/at_max_workers").intValue()).isEqualTo(8);
    assertThat(json.at("/node_group/min_size").intValue()).isEqualTo(3);
    assertThat(json.at("/node_group/max_size").intValue()).isEqualTo(9);
    assertThat(json.at("/buffer/fraction").doubleValue()).isEqualTo(0.2);
    assertThat(json.at("/buffer/balloon_pods").intValue()).isEqualTo(13);
    assertThat(json.at("/buffer/idle_fraction_at_max").doubleValue()).isEqualTo(0.2063);
    assertThat(json.at("/hpa/target_average_value").doubleValue()).isEqualTo(4.0);
    assertThat(json.at("/hpa/min_replicas").intValue()).isEqualTo(2);
    assertThat(json.at("/hpa/max_replicas").intValue()).isEqualTo(50);
    assertThat(json.at("/findings/0/rule").textValue()).isEqualTo("buffer-below-provisioning-burst");
    assertThat(json.at("/findings/0/severity").textValue()).isEqualTo("warning");
  }
}
