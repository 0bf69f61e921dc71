package io.agentscale.simulate;

import io.agentscale.profile.Examples;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agentscale.profile.ProfileLoader;
import io.agentscale.profile.ScalingProfile;
import io.agentscale.simulate.Simulation.Platform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import io.agentscale.traffic.Trace;
import io.agentscale.traffic.Scenario;
import io.agentscale.traffic.CallLengths;

class SimulationTest {

  static ScalingProfile dental() {
    return Examples.load("dental-receptionist");
  }

  /** Erlang's loss formula: the share of calls refused by {@code slots} servers offered {@code erlangs}. */
  static double erlangB(int slots, double erlangs) {
    double b = 1;
    for (int k = 1; k <= slots; k++) {
      b = erlangs * b / (k + erlangs * b);
    }
    return b;
  }

  static Trace steady(double callsPerMinute, Duration length) {
    return new Trace("steady", List.of(new Trace.Step(0, callsPerMinute)), length.toSeconds());
  }

  @ParameterizedTest(name = "{0} workers x 5 slots, {1} Erlangs")
  @CsvSource({"2, 7", "4, 15", "8, 34"})
  void withScalingImpossibleTheDropRateIsErlangB(int workers, double erlangs) {
    var profile = dental().toBuilder().minWorkers(workers).maxWorkers(workers).build();
    var settings = SimulationSettings.defaults().withSeed(7);
    var trace = steady(erlangs / 3.0, Duration.ofHours(150)); // 3-minute calls
    double expected = erlangB(workers * 5, erlangs);
    for (Platform platform : Platform.values()) {
      var o = Simulation.run(profile, trace, settings, platform);
      assertThat(o.peakWorkers()).as(platform.id()).isEqualTo(workers);
      // ~ 2 × 10^4 .. 10^5 calls: the standard error is below 0.2 points; allow 12% of B or 0.4 points.
      assertThat(o.dropRate()).as(platform.id() + " vs Erlang-B " + expected)
          .isCloseTo(expected, within(Math.max(0.12 * expected, 0.004)));
    }
  }

  @ParameterizedTest
  @EnumSource(Platform.class)
  void callsShorterThanTheDrainDeadlineAreNeverInterrupted(Platform platform) {
    var profile = dental(); // grace 600 s, drain_timeout 570 s
    var settings = SimulationSettings.defaults().withCallLengths(CallLengths.fixed)
        .withMeanCall(Duration.ofSeconds(240));
    var trace = Scenario.FRIDAY_EVENING.trace(profile, settings.meanCall(), 1);

    var o = Simulation.run(profile, trace, settings, platform);

    assertThat(o.peakWorkers()).as("it scaled up").isGreaterThan(profile.scaling().minWorkers() * 4);
    assertThat(o.timeline().stream().mapToInt(Outcome.Sample::draining).max().orElse(0))
        .as("it scaled down with calls in progress").isPositive();
    assertThat(o.interruptedSessions()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Platform.class)
  void callsLongerThanTheDrainDeadlineAreCountedWhenCut(Platform platform) {
    var profile = dental();
    var settings = SimulationSettings.defaults().withCallLengths(CallLengths.fixed)
        .withMeanCall(Duration.ofSeconds(900));
    var trace = Scenario.FRIDAY_EVENING.trace(profile, settings.meanCall(), 1);

    var o = Simulation.run(profile, trace, settings, platform);

    assertThat(o.interruptedSessions()).isPositive().isLessThanOrEqualTo(o.servedCalls());
  }

  @Test
  void theSameSeedGivesTheSameRunAndBothPlatformsTheSameCalls() {
    var profile = dental();
    var settings = SimulationSettings.defaults().withSeed(42);
    var trace = Scenario.MONDAY_MORNING.trace(profile, settings.meanCall(), 42);

    var first = Simulation.run(profile, trace, settings, Platform.KUBERNETES);
    var again = Simulation.run(profile, trace, settings, Platform.KUBERNETES);
    var cloud = Simulation.run(profile, trace, settings, Platform.LIVEKIT_CLOUD);
    var otherSeed = Simulation.run(profile, trace, settings.withSeed(43), Platform.KUBERNETES);

    assertThat(again).isEqualTo(first);
    assertThat(cloud.offeredCalls()).isEqualTo(first.offeredCalls());
    assertThat(otherSeed.offeredCalls()).isNotEqualTo(first.offeredCalls());
    for (Outcome o : List.of(first, cloud)) {
      assertThat(o.servedCalls() + o.droppedCalls() + o.stillHolding()).isEqualTo(o.offeredCalls());
    }
  }

  @Test
  void callersWithPatienceWaitInsteadOfDropping() {
    var profile = dental();
    var trace = Scenario.MONDAY_MORNING.trace(profile, io.agentscale.profile.Defaults.MEAN_CALL_LENGTH, 1);
    var hangUp = Simulation.run(profile, trace, SimulationSettings.defaults(), Platform.KUBERNETES);
    var hold = Simulation.run(profile, trace,
        SimulationSettings.defaults().withPatience(Duration.ofSeconds(120)), Platform.KUBERNETES);

    assertThat(hangUp.droppedCalls()).isPositive();
    assertThat(hangUp.waitSeconds().max()).isZero();
    assertThat(hold.droppedCalls()).isLessThan(hangUp.droppedCalls());
    assertThat(hold.waitSeconds().max()).isPositive().isLessThanOrEqualTo(120);
  }

  @Test
  void kubernetesStaysWithinTheHpaAndNodeGroupBounds() {
    var profile = dental();
    var plan = io.agentscale.plan.CapacityPlan.from(profile);
    var o = Simulation.run(profile, Scenario.MONDAY_MORNING.trace(profile, io.agentscale.profile.Defaults.MEAN_CALL_LENGTH, 3),
        SimulationSettings.defaults().withSeed(3), Platform.KUBERNETES);

    for (Outcome.Sample s : o.timeline()) {
      assertThat(s.nodes()).isBetween(plan.nodeGroup().minSize(), plan.nodeGroup().maxSize());
      assertThat(s.ready() + s.starting()).isBetween(profile.scaling().minWorkers(), profile.scaling().maxWorkers());
    }
    assertThat(o.timeline().stream().mapToInt(Outcome.Sample::nodes).max().orElse(0))
        .as("the flood needs more nodes than the minimum").isGreaterThan(plan.nodeGroup().minSize());
  }
}
