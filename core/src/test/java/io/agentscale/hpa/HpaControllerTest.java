package io.agentscale.hpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentscale.hpa.HpaController.Phase;
import io.agentscale.hpa.HpaController.Pod;
import io.agentscale.hpa.HpaController.Recommendation;
import io.agentscale.hpa.HpaController.ScaleEvent;
import io.agentscale.plan.CapacityPlan;
import io.agentscale.profile.ScalingProfile;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The controller model called directly with the HPA the plan specifies (as the simulator calls it): the replica
 * count upstream's algorithm gives, its tolerance band, the scale-up rate limit and the scale-down window.
 */
class HpaControllerTest {
  /** 5 sessions per worker at 0.8: a target of 4 sessions per pod; scale-up 4 pods a minute; 1..10 workers. */
  static final ScalingProfile PROFILE = ScalingProfile.ofDefaults("front-desk");
  static final HpaSpec SPEC = HpaSpec.of(PROFILE, CapacityPlan.from(PROFILE));

  static List<Pod> ready(long... sessions) {
    return LongStream.of(sessions).mapToObj(s -> new Pod(Phase.Running, true, false, s * 1000)).toList();
  }

  static HpaController.Decision reconcile(int replicas, List<Pod> pods, List<Recommendation> history,
      List<ScaleEvent> ups) {
    return HpaController.reconcile(SPEC.input(replicas, pods, history, ups, List.of()));
  }

  @Test
  void theTargetIsThePlansSessionsPerWorkerTimesTheThreshold() {
    assertThat(SPEC.targetMilli()).isEqualTo(4000);
    assertThat(SPEC.minReplicas()).isEqualTo(1);
    assertThat(SPEC.maxReplicas()).isEqualTo(10);
  }

  @Test
  void sixteenSessionsOnThreePodsAtATargetOfFourAskForFour() {
    var d = reconcile(3, ready(6, 6, 4), List.of(), List.of());
    assertThat(d.proposal()).isEqualTo(4);              // ceil(16 / 4)
    assertThat(d.desiredReplicas()).isEqualTo(4);
  }

  @Test
  void anAverageInsideTheTenPercentBandKeepsTheReplicas() {
    // 13 sessions on 3 pods: 4.333 against 4, a ratio of 1.083, inside the default tolerance of 0.1
    assertThat(reconcile(3, ready(5, 4, 4), List.of(), List.of()).desiredReplicas()).isEqualTo(3);
    // 14 sessions: 4.667, a ratio of 1.167, outside it
    assertThat(reconcile(3, ready(5, 5, 4), List.of(), List.of()).desiredReplicas()).isEqualTo(4);
  }

  @Test
  void scaleUpIsLimitedToThePlansPodsPerPeriod() {
    // 40 sessions on 2 pods want 10 workers; the policy adds at most 4 a minute
    assertThat(reconcile(2, ready(20, 20), List.of(), List.of()).desiredReplicas()).isEqualTo(6);
    // with 4 already added 30 s ago, none more this minute
    assertThat(reconcile(6, ready(20, 20, 0, 0, 0, 0), List.of(), List.of(new ScaleEvent(4, 30))).desiredReplicas())
        .isEqualTo(6);
  }

  @Test
  void scaleDownWaitsForTheHighestRecommendationOfTheWindow() {
    // idle now, but 5 replicas were recommended 200 s ago, inside the 300 s window: stay at 5
    var idle = ready(0, 0, 0, 0, 0);
    assertThat(reconcile(5, idle, List.of(new Recommendation(5, 200)), List.of()).desiredReplicas()).isEqualTo(5);
    // once that recommendation is older than the window, the idle fleet shrinks (at most 2 pods per 2 minutes)
    assertThat(reconcile(5, idle, List.of(new Recommendation(5, 301)), List.of()).desiredReplicas()).isEqualTo(3);
  }
}
