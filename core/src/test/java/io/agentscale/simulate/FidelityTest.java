package io.agentscale.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentscale.plan.CapacityPlan;
import io.agentscale.plan.ClusterPlan;
import io.agentscale.simulate.Simulation.Platform;
import io.agentscale.simulate.Worker.Call;
import io.agentscale.simulate.Worker.State;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import io.agentscale.traffic.Scenario;
import io.agentscale.traffic.Trace;

/** One test per mechanism the Kubernetes and dispatch models took from the real controllers. */
class FidelityTest {
  static Outcome run(io.agentscale.profile.ScalingProfile p, String scenario, SimulationSettings settings) {
    var trace = Scenario.byId(scenario).trace(p, settings.meanCall(), settings.seed());
    return Simulation.run(p, trace, settings, Platform.KUBERNETES);
  }

  @Test
  void withoutAPullTimePrepullingChangesNothing() {
    var p = SimulationTest.dental().toBuilder().imagePullTime(Duration.ZERO).build();
    var settings = SimulationSettings.defaults().withSeed(3);
    assertThat(run(p, "monday-morning", settings.withPrepull(true)))
        .isEqualTo(run(p, "monday-morning", settings.withPrepull(false)));
  }

  @Test
  void coldNodesDelayAgentsAndPrepullingBalloonsSaveTheDrops() {
    var p = SimulationTest.dental().toBuilder().imagePullTime(Duration.ofSeconds(120)).build();
    long cold = 0;
    long warm = 0;
    long free = 0;
    for (long seed = 1; seed <= 3; seed++) {
      var settings = SimulationSettings.defaults().withSeed(seed);
      cold += run(p, "monday-morning", settings.withPrepull(false)).droppedCalls();
      warm += run(p, "monday-morning", settings.withPrepull(true)).droppedCalls();
      free += run(p.toBuilder().imagePullTime(Duration.ZERO).build(), "monday-morning", settings).droppedCalls();
    }
    assertThat(cold).as("a 120 s pull on balloon-only nodes drops calls").isGreaterThan(warm);
    // pre-pulling saves at least half of what the pull costs (nodes that just joined may still be pulling)
    assertThat(cold - warm).as("cold %d, pre-pulled %d, no pull %d", cold, warm, free)
        .isGreaterThanOrEqualTo((cold - free) / 2);
  }

  @Test
  void sessionAwareDeletionCostInterruptsFewerCalls() {
    var p = SimulationTest.dental();
    long none = 0;
    long sessions = 0;
    for (long seed = 1; seed <= 4; seed++) {
      var settings = SimulationSettings.defaults().withSeed(seed);
      none += run(p, "hotline-surge", settings).interruptedSessions();
      sessions += run(p, "hotline-surge", settings.withDeletionCost(SimulationSettings.DeletionCost.sessions))
          .interruptedSessions();
    }
    assertThat(sessions).isLessThan(none);
  }

  @Test
  void aNodeOfFourWorkerSizedPodsIsAboveTheScaleDownThreshold() {
    var plan = CapacityPlan.from(SimulationTest.dental()); // 500m/1000Mi pods on 3920m/14162Mi, 200m/400Mi DaemonSets
    assertThat(KubernetesModel.utilization(3, plan)).isCloseTo((3 * 500 + 200) / 3920.0, org.assertj.core.data.Offset
        .offset(1e-9)).isLessThanOrEqualTo(ClusterPlan.Autoscaler.SCALE_DOWN_UTILIZATION_THRESHOLD);
    assertThat(KubernetesModel.utilization(4, plan))
        .isGreaterThan(ClusterPlan.Autoscaler.SCALE_DOWN_UTILIZATION_THRESHOLD);
  }

  @Test
  void theServerSeesTheLoadOfTheLastReport() {
    var w = new Worker(0, "uid", 0, State.READY);
    w.readyAt = 0;
    w.record(1.0, 2.5); // 0 -> 1 session at t = 1
    w.calls.add(new Call(60));
    assertThat(w.reportedSessions(2.0, 2.5)).as("last report at 0").isZero();
    assertThat(w.reportedSessions(2.6, 2.5)).as("last report at 2.5").isEqualTo(1);
  }

  @Test
  void aFullWorkerRefusesAndAnotherTakesTheCall() {
    var loop = new EventLoop();
    var idle = new Trace("idle", List.of(new Trace.Step(0, 0)), 600);
    var fleet = new Fleet(loop, idle, SimulationSettings.defaults(), 1);
    for (int i = 0; i < 2; i++) {
      fleet.add(State.READY).readyAt = 0;
    }
    // both report 0 sessions until the next status update, so the second call may be offered to the busy one first
    assertThat(fleet.dispatch(new Call(300))).isTrue();
    assertThat(fleet.dispatch(new Call(300))).isTrue();
    assertThat(fleet.sessions()).isEqualTo(2);
    assertThat(fleet.workers()).allMatch(w -> w.sessions() == 1);
    assertThat(fleet.dispatch(new Call(300))).as("no queue: a call no worker takes is dropped").isFalse();
  }

  @Test
  void dispatchFavoursTheLessLoadedWorkerByOneMinusLoad() {
    var loop = new EventLoop();
    var idle = new Trace("idle", List.of(new Trace.Step(0, 0)), 600);
    int[] picks = new int[2];
    for (long seed = 0; seed < 2000; seed++) {
      var fleet = new Fleet(loop, idle, SimulationSettings.defaults().withSeed(seed), 5);
      var busy = fleet.add(State.READY);
      var quiet = fleet.add(State.READY);
      busy.readyAt = 0;
      quiet.readyAt = 0;
      for (int i = 0; i < 4; i++) {
        busy.calls.add(new Call(60)); // 4 of 5: load 0.8 when the server last heard
      }
      fleet.dispatch(new Call(60));
      picks[busy.sessions() == 5 ? 0 : 1]++;
    }
    // weights 0.2 : 1
    assertThat(picks[0] / 2000.0).isCloseTo(0.2 / 1.2, org.assertj.core.data.Offset.offset(0.03));
  }
}
