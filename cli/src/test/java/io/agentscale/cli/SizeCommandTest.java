package io.agentscale.cli;

import io.agentscale.profile.Examples;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentscale.cli.SimulateCommandTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expected figures come from the sizing reference's oracle tables (sizing.md §3–4), not from the code under test. */
class SizeCommandTest {

  static Run run(String... args) {
    return SimulateCommandTest.run(args);
  }

  static JsonNode json(Run r) throws Exception {
    assertThat(r.exit()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void sizesFifteenErlangsAtOnePercent() throws Exception {
    // 5 calls/min × 3 min = 15 E; u*(15) = 0.625 = 15 / 24 ⇒ 24 slots; ceil(24 / 5) = 5 workers;
    // 25 slots drop B(25, 15) = 0.00501087 (exact sum); β = (24 − 15) / √15 = 2.32379
    var f = json(run("size", "--calls-per-minute", "5", "--mean-call", "3m", "--drop", "1%",
        "--sessions-per-worker", "5", "--format", "json"));

    assertThat(f.fieldNames()).toIterable().containsExactly(
        "offered_erlangs", "slots", "workers", "drop_rate", "beta", "utilization_target");
    assertThat(f.get("offered_erlangs").doubleValue()).isCloseTo(15, within(1e-12));
    assertThat(f.get("slots").intValue()).isEqualTo(24);
    assertThat(f.get("workers").intValue()).isEqualTo(5);
    assertThat(f.get("drop_rate").doubleValue()).isCloseTo(0.00501087, within(5e-9));
    assertThat(f.get("beta").doubleValue()).isCloseTo(2.32379, within(5e-6));
    assertThat(f.get("utilization_target").doubleValue()).isCloseTo(0.625, within(1e-12));
  }

  @Test
  void readsTheMeanCallInAnyDurationForm() throws Exception {
    var f = json(run("size", "--calls-per-minute", "5", "--mean-call", "180s", "--drop", "0.01",
        "--sessions-per-worker", "5", "--format", "json"));

    assertThat(f.get("slots").intValue()).isEqualTo(24);
  }

  @Test
  void findsTheLoadThreeWorkersCarry() throws Exception {
    // 3 × 5 = 15 slots carry 8.10804 E at 1% ([PUB] erlang.com: 8.108); ÷ 3 min = 2.70268 calls/min
    var f = json(run("size", "--workers", "3", "--sessions-per-worker", "5", "--drop", "1%", "--mean-call", "3m",
        "--format", "json"));

    assertThat(f.fieldNames()).toIterable().containsExactly(
        "workers", "slots", "drop_rate", "offered_erlangs", "max_calls_per_minute");
    assertThat(f.get("workers").intValue()).isEqualTo(3);
    assertThat(f.get("slots").intValue()).isEqualTo(15);
    assertThat(f.get("drop_rate").doubleValue()).isEqualTo(0.01);
    assertThat(f.get("offered_erlangs").doubleValue()).isCloseTo(8.10804, within(5e-6));
    assertThat(f.get("max_calls_per_minute").doubleValue()).isCloseTo(2.70268, within(5e-6));
  }

  @Test
  void leavesCallsPerMinuteOutWithoutAMeanCall() throws Exception {
    var f = json(run("size", "--workers", "3", "--sessions-per-worker", "5", "--drop", "1%", "--format", "json"));

    assertThat(f.get("offered_erlangs").doubleValue()).isCloseTo(8.10804, within(5e-6));
    assertThat(f.get("max_calls_per_minute").isNull()).isTrue();
  }

  @Test
  void readsSessionsPerWorkerFromAProfileUnlessOverridden() throws Exception {
    // dental-receptionist: 5 sessions per worker; pizza-orders: 4, so 24 slots need 6 workers
    var dental = json(run("size", Examples.DENTAL, "--calls-per-minute", "5", "--mean-call", "3m",
        "--drop", "1%", "--format", "json"));
    var pizza = json(run("size", Examples.PIZZA, "--calls-per-minute", "5", "--mean-call", "3m",
        "--drop", "1%", "--format", "json"));
    var overridden = json(run("size", Examples.DENTAL, "--sessions-per-worker", "4",
        "--calls-per-minute", "5", "--mean-call", "3m", "--drop", "1%", "--format", "json"));

    assertThat(dental.get("workers").intValue()).isEqualTo(5);
    assertThat(pizza.get("workers").intValue()).isEqualTo(6);
    assertThat(overridden.get("workers").intValue()).isEqualTo(6);
  }

  @Test
  void printsAnInvalidProfilesProblemsAndExitsOne(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, Files.readString(Examples.file("dental-receptionist"))
        .replace("max_workers: 50", "max_workers: 1"));

    var r = run("size", bad.toString(), "--calls-per-minute", "5", "--mean-call", "3m", "--drop", "1%");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("agent.scaling.max_workers");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void explainsEachFigureInTheTable() {
    var r = run("size", "--calls-per-minute", "5", "--mean-call", "3m", "--drop", "1%", "--sessions-per-worker", "5");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines().toList()).contains(
        "  slots              24               smallest slot count whose Erlang-B loss ≤ 1%",
        "  workers            5                ceil(24 slots ÷ 5 sessions per worker)",
        "  beta               2.324            square-root staffing: slots = R + β√R (24 = 15 + 2.324 × √15)",
        "  utilization target 0.625            a fixed-threshold autoscaler would need this utilization target at "
            + "this load (15 ÷ 24)");

    var inverse = run("size", "--workers", "3", "--sessions-per-worker", "5", "--drop", "1%", "--mean-call", "3m");
    assertThat(inverse.out()).contains("8.10804 erlangs").contains("2.70268");
  }

  @Test
  void badInputNamesTheOptionAndExitsTwo() {
    record Case(List<String> args, String named) {}
    for (var c : List.of(
        new Case(List.of("--drop", "150%", "--calls-per-minute", "5", "--mean-call", "3m",
            "--sessions-per-worker", "5"), "--drop"),
        new Case(List.of("--drop", "1", "--calls-per-minute", "5", "--mean-call", "3m",
            "--sessions-per-worker", "5"), "--drop"),
        new Case(List.of("--drop", "often", "--workers", "3", "--sessions-per-worker", "5"), "--drop"),
        new Case(List.of("--drop", "1%", "--calls-per-minute", "5", "--mean-call", "3m"), "--sessions-per-worker"),
        new Case(List.of("--drop", "1%", "--calls-per-minute", "5", "--sessions-per-worker", "5"), "--mean-call"),
        new Case(List.of("--drop", "1%", "--calls-per-minute", "-5", "--mean-call", "3m",
            "--sessions-per-worker", "5"), "--calls-per-minute"),
        new Case(List.of("--drop", "1%", "--calls-per-minute", "5", "--mean-call", "soon",
            "--sessions-per-worker", "5"), "--mean-call"),
        new Case(List.of("--drop", "1%", "--workers", "0", "--sessions-per-worker", "5"), "--workers"),
        new Case(List.of("--drop", "1%", "--workers", "3", "--sessions-per-worker", "0"), "--sessions-per-worker"),
        new Case(List.of("--drop", "1%", "--workers", "3", "--calls-per-minute", "5", "--mean-call", "3m",
            "--sessions-per-worker", "5"), "mutually exclusive"))) {
      var args = new java.util.ArrayList<>(List.of("size"));
      args.addAll(c.args());

      var r = run(args.toArray(String[]::new));

      assertThat(r.exit()).as(String.join(" ", c.args())).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", c.args())).contains(c.named());
    }
  }

  @Test
  void answersHelp() {
    var r = run("size", "--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("Usage: agentscale size").contains("1% or 0.01");
    assertThat(r.err()).isEmpty();
  }
}
