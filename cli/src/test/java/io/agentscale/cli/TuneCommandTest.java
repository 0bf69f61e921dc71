package io.agentscale.cli;

import io.agentscale.profile.Examples;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentscale.profile.ProfileLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentscale tune} as a user runs it: JSON, the tuned profile written, the report, bad input. */
class TuneCommandTest {
  @Test
  void tunesPizzaOrdersAndWritesTheProfileAndThePage(@TempDir Path dir) throws Exception {
    Path tuned = dir.resolve("pizza-tuned.yaml");
    var r = SimulateCommandTest.run("tune", Examples.PIZZA, "--scenario", "friday-evening",
        "--slo", "drop=1%", "--budget", "1000", "--seeds", "3", "--confirm-seeds", "3", "--format", "json",
        "--write", tuned.toString(), "--report", dir.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(r.out());
    for (String key : new String[] {"chosen", "current", "pareto", "binding", "evaluations", "wall_seconds"}) {
      assertThat(root.has(key)).as(key).isTrue();
    }
    for (String key : new String[] {"settings", "cost", "drop_rate", "drop_upper", "interrupted"}) {
      assertThat(root.get("chosen").has(key)).as("chosen." + key).isTrue();
    }
    assertThat(root.get("chosen").get("drop_upper").asDouble()).isLessThanOrEqualTo(0.01);
    assertThat(root.get("chosen").get("cost").asDouble()).isLessThanOrEqualTo(root.get("current").get("cost")
        .asDouble());
    assertThat(root.get("evaluations").asInt()).isLessThanOrEqualTo(1000);
    assertThat(root.get("pareto").size()).isBetween(1, 10);

    // the written profile loads and carries the chosen settings
    var written = ProfileLoader.load(tuned);
    var settings = root.get("chosen").get("settings");
    assertThat(written.scaling().minWorkers()).isEqualTo(settings.get("agent.scaling.min_workers").asInt());
    assertThat(written.scaling().scaleUpThreshold())
        .isEqualTo(settings.get("agent.scaling.scale_up_threshold").asDouble());
    assertThat(written.capacity().bufferFraction()).isEqualTo(settings.get("capacity.buffer_fraction").asDouble());
    assertThat(Files.readString(dir.resolve("pizza-orders-tune.html"))).contains("Pareto front").contains("SLO");
    assertThat(Files.readString(Examples.file("pizza-orders"))).as("the input is never rewritten")
        .contains("max_workers: 40");
  }

  @Test
  void badSloAndUnknownScenarioAreUsageErrors() {
    var slo = SimulateCommandTest.run("tune", Examples.PIZZA, "--scenario", "friday-evening",
        "--slo", "drop=2");
    assertThat(slo.exit()).isEqualTo(2);
    assertThat(slo.err()).contains("--slo: drop must be between 0 and 100%, got '2'");
    var scenario = SimulateCommandTest.run("tune", Examples.PIZZA, "--scenario", "tuesday",
        "--slo", "drop=1%");
    assertThat(scenario.exit()).isEqualTo(2);
    assertThat(scenario.err()).contains("tuesday");
  }
}
