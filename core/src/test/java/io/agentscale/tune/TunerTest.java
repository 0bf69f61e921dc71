package io.agentscale.tune;

import io.agentscale.profile.Examples;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentscale.profile.ProfileLoader;
import io.agentscale.profile.ScalingProfile;
import io.agentscale.traffic.Scenario;
import io.agentscale.simulate.Simulation;
import io.agentscale.simulate.Simulation.Platform;
import io.agentscale.simulate.SimulationSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tuner against brute force on a small space, and its winner against fresh seeds. */
class TunerTest {
  static final ScalingProfile DENTAL = Examples.load("dental-receptionist");
  static final SimulationSettings SETTINGS = SimulationSettings.defaults();

  /** The first two hours of monday-morning: the flood and its plateau. */
  static List<Tuner.Traffic> mondayMorning(ScalingProfile p) {
    var s = Scenario.byId("monday-morning");
    return List.of(new Tuner.Traffic("monday-morning",
        seed -> s.trace(p, SETTINGS.meanCall(), seed).endingAt(Duration.ofHours(2))));
  }

  static Tuner.Options options(double drop, int budget) {
    return new Tuner.Options(Platform.KUBERNETES, new Slo(drop, null), SETTINGS, budget, Duration.ofMinutes(5), 1, 4,
        5, 2, new MonotoneSearch());
  }

  @Test
  void findsTheConfigurationBruteForceFindsOnASmallSpace() {
    var knobs = List.of(
        Knob.knob("agent.scaling.min_workers", List.of(1, 2, 3, 4, 5, 6)),
        Knob.knob("agent.scaling.scale_up_threshold", List.of(0.9, 0.8, 0.7, 0.6, 0.5)));
    var traffic = mondayMorning(DENTAL);
    var o = options(0.05, 1000);
    var result = Tuner.tune(DENTAL, traffic, o, knobs, 1);

    // brute force: every combination on the same search seeds, the cheapest that meets the SLO
    var search = Tuner.cases(traffic, o.seed(), o.searchSeeds());
    Evaluation best = null;
    try (var evaluator = new Evaluator(o.platform(), SETTINGS, o.slo(), 2, 10_000, Duration.ofMinutes(5))) {
      var here = evaluator.evaluate(DENTAL, MonotoneSearch.settings(DENTAL, knobs), search);
      evaluator.capInterrupted(search, here);
      for (Object min : knobs.get(0).cheapestFirst()) {
        for (Object u : knobs.get(1).cheapestFirst()) {
          var p = knobs.get(1).with(knobs.get(0).with(DENTAL, min), u);
          if (p == null) {
            continue;
          }
          var e = evaluator.evaluate(p, MonotoneSearch.settings(p, knobs), search);
          if (e.feasible() && (best == null || e.cost() < best.cost())) {
            best = e;
          }
        }
      }
    }
    assertThat(best).isNotNull();
    var searched = result.all().stream().filter(Evaluation::feasible).min(Comparator.comparingDouble(
        Evaluation::cost)).orElseThrow();
    assertThat(searched.settings()).isEqualTo(best.settings());
    assertThat(result.evaluations()).as("fewer simulations than brute force's 30 configurations × 4 seeds")
        .isLessThan(30 * 4 + 10 * 5);
  }

  @Test
  void theChosenConfigurationMeetsTheSloOnSeedsItNeverSaw() {
    var traffic = mondayMorning(DENTAL);
    var result = Tuner.tune(DENTAL, traffic, options(0.05, 1500));
    assertThat(result.met()).isTrue();
    assertThat(result.chosen().cost()).isLessThanOrEqualTo(result.current().cost());

    // 8 seeds never used by the search (1..4) or the confirmation (1001..1005): the mean drop rate is within the SLO
    var fresh = new ArrayList<Double>();
    for (long seed = 5000; seed < 5008; seed++) {
      var trace = traffic.get(0).trace().apply(seed);
      fresh.add(Simulation.run(result.chosen().profile(), trace, SETTINGS.withSeed(seed), Platform.KUBERNETES)
          .dropRate());
    }
    double mean = fresh.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    assertThat(mean).as("mean drop rate on fresh seeds %s", fresh).isLessThanOrEqualTo(0.05);
  }

  @Test
  void anUnreachableSloIsReportedWithTheClosestConfiguration() {
    var result = Tuner.tune(DENTAL, mondayMorning(DENTAL), options(0.0001, 400));
    assertThat(result.met()).isFalse();
    assertThat(result.closest()).isNotNull();
  }

  @Test
  void erlangBRulesOutTooFewMaxWorkersWithoutSimulating() {
    var o = options(0.01, 10);
    int min = Tuner.minMaxWorkers(DENTAL, mondayMorning(DENTAL), o);
    assertThat(min).isGreaterThan(1);
    var knobs = Knob.of(DENTAL, Platform.KUBERNETES, min);
    var maxWorkers = knobs.stream().filter(k -> k.path().equals("agent.scaling.max_workers")).findFirst()
        .orElseThrow();
    assertThat(maxWorkers.cheapestFirst().get(0)).isEqualTo(min);
  }

  @Test
  void sloTextIsParsedAndBadTextNamed() {
    assertThat(Slo.parse("drop=1%")).isEqualTo(new Slo(0.01, null));
    assertThat(Slo.parse("drop=0.02,interrupted=0")).isEqualTo(new Slo(0.02, 0.0));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Slo.parse("drops=1%"))
        .hasMessage("--slo: unknown key 'drops'; known: drop, interrupted");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Slo.parse("drop=150%"))
        .hasMessage("--slo: drop must be between 0 and 100%, got '150%'");
  }
}
