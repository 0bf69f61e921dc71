package io.agentscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int exit = Tool.run(args);
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void callsAreAsLongAsTheProfilesTrafficSaysUnlessMeanCallIsGiven(@TempDir Path dir)
      throws Exception {
    Path profile = dir.resolve("p.yaml");
    Files.writeString(profile, Files.readString(Path.of("stacks/dental-receptionist.yaml"))
        + "traffic:\n  mean_call_length: 90s\n  peak_concurrent_calls: 30\n");
    var fromProfile = run("simulate", profile.toString(), "--scenario", "monday-morning", "--format", "json",
        "--duration", "1h");
    assertThat(fromProfile.exit()).as(fromProfile.err()).isZero();
    var json = new ObjectMapper().readTree(fromProfile.out());
    assertThat(json.findValue("mean_call_seconds").asDouble()).isEqualTo(90.0);

    var given = run("simulate", profile.toString(), "--scenario", "monday-morning", "--format", "json",
        "--duration", "1h", "--mean-call", "2m");
    assertThat(new ObjectMapper().readTree(given.out()).findValue("mean_call_seconds").asDouble()).isEqualTo(120.0);
    // the flood is 60% of the stated peak of 30 concurrent calls, not of what 50 workers carry
    long offered = json.get("kubernetes").get("offered_calls").asLong();
    assertThat(offered).isLessThan(new ObjectMapper().readTree(run("simulate", "stacks/dental-receptionist.yaml",
        "--scenario", "monday-morning", "--format", "json", "--duration", "1h", "--mean-call", "90s").out())
        .get("kubernetes").get("offered_calls").asLong());
  }

  @Test
  void jsonHasOneObjectPerPlatformWithEveryFigure() throws Exception {
    var r = run("simulate", "stacks/dental-receptionist.yaml", "--scenario", "monday-morning", "--format", "json");

    assertThat(r.exit()).isZero();
    JsonNode root = new ObjectMapper().readTree(r.out());
    for (String platform : new String[] {"kubernetes", "livekit-cloud"}) {
      JsonNode p = root.get(platform);
      assertThat(p).as(platform).isNotNull();
      for (String key : new String[] {"offered_calls", "served_calls", "dropped_calls", "drop_rate",
          "interrupted_sessions", "peak_workers", "worker_hours", "node_hours", "idle_fraction"}) {
        assertThat(p.has(key)).as(platform + "." + key).isTrue();
      }
      assertThat(p.get("wait_seconds").has("p99")).isTrue();
      assertThat(p.get("served_calls").asLong() + p.get("dropped_calls").asLong())
          .isEqualTo(p.get("offered_calls").asLong());
    }
    assertThat(root.get("kubernetes").get("node_hours").asDouble()).isPositive();
    assertThat(root.get("livekit-cloud").get("node_hours").isNull()).isTrue();
    // every rule of each model says where it comes from and how it is known
    for (String platform : new String[] {"kubernetes", "livekit-cloud"}) {
      JsonNode rules = root.get(platform).get("assumptions");
      assertThat(rules.size()).as(platform).isGreaterThan(5);
      rules.forEach(rule -> {
        assertThat(rule.get("rule").asText()).isNotBlank();
        assertThat(rule.get("source").asText()).isNotBlank();
        assertThat(rule.get("basis").asText()).isIn("documented", "source", "tutorial", "assumed");
      });
    }
    assertThat(root.get("livekit-cloud").get("assumptions").toString()).contains("\"tutorial\"")
        .contains("no queue");
  }

  @Test
  void whatIfOptionsAreValidated() {
    var r = run("simulate", "stacks/dental-receptionist.yaml", "--scenario", "monday-morning", "--prepull", "maybe");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--prepull");
  }

  @Test
  void theReportEmbedsChartJsAndTheData(@TempDir Path dir) throws Exception {
    Path trace = dir.resolve("evening.csv");
    Files.writeString(trace, "time,arrivals_per_minute\n0s,5\n20m,60\n40m,5\n1h,0\n");

    var r = run("simulate", "stacks/pizza-orders.yaml", "--trace", trace.toString(), "--platform", "kubernetes",
        "--report", dir.resolve("out").toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("kubernetes").doesNotContain("livekit-cloud");
    String html = Files.readString(dir.resolve("out/pizza-orders-evening.html"));
    assertThat(html).contains("Chart.js v4.5.1").contains("\"platforms\"").contains("\"drops\"")
        .doesNotContain("/*DATA*/").doesNotContain("<script src=");
    try (var files = Files.list(dir.resolve("out"))) {
      assertThat(files.count()).as("no temporary file left").isEqualTo(1);
    }
  }

  @Test
  void everySubcommandAnswersHelp() {
    for (String command : new String[] {"simulate", "synth", "doctor", "demo-worker", "hpa-step", "plan"}) {
      var r = run(command, "--help");
      assertThat(r.exit()).as(command).isZero();
      assertThat(r.out()).as(command).startsWith("Usage: agentscale " + command);
    }
  }

  @Test
  void badInputNamesTheOptionAndExitsNonZero(@TempDir Path dir) {
    var unknown = run("simulate", "stacks/dental-receptionist.yaml", "--scenario", "tuesday");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("unknown scenario \"tuesday\"").contains("monday-morning");

    var both = run("simulate", "stacks/dental-receptionist.yaml", "--scenario", "monday-morning", "--trace", "x.csv");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");

    var duration = run("simulate", "stacks/dental-receptionist.yaml", "--scenario", "monday-morning",
        "--mean-call", "soon");
    assertThat(duration.exit()).isEqualTo(2);
    assertThat(duration.err()).contains("--mean-call").contains("write 90s, 3m");

    var platform = run("simulate", "stacks/dental-receptionist.yaml", "--scenario", "monday-morning",
        "--platform", "aws");
    assertThat(platform.exit()).isEqualTo(2);
    assertThat(platform.err()).contains("choose kubernetes, livekit-cloud or both");
  }
}
