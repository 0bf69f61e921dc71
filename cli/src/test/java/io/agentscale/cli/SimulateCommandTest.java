package io.agentscale.cli;

import io.agentscale.profile.Examples;
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

  /** The command line run with its output and errors captured through picocli's writers. */
  static Run run(String... args) {
    var out = new java.io.StringWriter();
    var err = new java.io.StringWriter();
    int exit = Tool.commandLine().setOut(new java.io.PrintWriter(out, true)).setErr(new java.io.PrintWriter(err, true))
        .execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void callsAreAsLongAsTheProfilesTrafficSaysUnlessMeanCallIsGiven(@TempDir Path dir)
      throws Exception {
    Path profile = dir.resolve("p.yaml");
    Files.writeString(profile, Files.readString(Examples.file("dental-receptionist"))
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
    assertThat(offered).isLessThan(new ObjectMapper().readTree(run("simulate", Examples.DENTAL,
        "--scenario", "monday-morning", "--format", "json", "--duration", "1h", "--mean-call", "90s").out())
        .get("kubernetes").get("offered_calls").asLong());
  }

  @Test
  void jsonHasOneObjectPerPlatformWithEveryFigure() throws Exception {
    var r = run("simulate", Examples.DENTAL, "--scenario", "monday-morning", "--format", "json");

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
    var r = run("simulate", Examples.DENTAL, "--scenario", "monday-morning", "--prepull", "maybe");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--prepull");
  }

  @Test
  void theReportEmbedsChartJsAndTheData(@TempDir Path dir) throws Exception {
    Path trace = dir.resolve("evening.csv");
    Files.writeString(trace, "time,arrivals_per_minute\n0s,5\n20m,60\n40m,5\n1h,0\n");

    var r = run("simulate", Examples.PIZZA, "--trace", trace.toString(), "--platform", "kubernetes",
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
    var unknown = run("simulate", Examples.DENTAL, "--scenario", "tuesday");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo("simulate: --scenario: unknown scenario \"tuesday\"; choose one of "
        + "monday-morning, friday-evening, hotline-surge\n");

    var both = run("simulate", Examples.DENTAL, "--scenario", "monday-morning", "--trace", "x.csv");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");

    var duration = run("simulate", Examples.DENTAL, "--scenario", "monday-morning",
        "--mean-call", "soon");
    assertThat(duration.exit()).isEqualTo(2);
    assertThat(duration.err()).contains("--mean-call").contains("write 90s, 3m");

    var platform = run("simulate", Examples.DENTAL, "--scenario", "monday-morning",
        "--platform", "aws");
    assertThat(platform.exit()).isEqualTo(2);
    assertThat(platform.err()).contains("choose kubernetes, livekit-cloud or both");
  }

  @Test
  void anUnwritableReportFolderFailsBeforeTheRunInOneLine(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("taken"), "x");

    var r = run("simulate", Examples.DENTAL, "--scenario", "hotline-surge",
        "--report", file.resolve("out").toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("simulate: --report \"" + file.resolve("out") + "\": " + file
        + " is a file, not a folder; choose a folder\n");
    assertThat(r.out()).as("nothing was simulated").isEmpty();
  }

  @Test
  void anEndlessTraceIsRefusedAtTheSizeLimitNotReadIntoMemory() {
    var r = run("simulate", Examples.DENTAL, "--trace", "/dev/zero");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("simulate: /dev/zero: the trace is more than the 64 MiB limit").hasLineCount(1);
  }

  @Test
  void aTraceThatWouldHangIsRefusedUpFront(@TempDir Path dir) throws Exception {
    Path trace = Files.writeString(dir.resolve("flood.csv"), "time,arrivals_per_minute\n0s,1e12\n1h,0\n");

    var r = run("simulate", Examples.DENTAL, "--trace", trace.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("simulate: " + trace + ": the traffic offers about 6.00e+13 calls")
        .contains("the limit is 20,000,000").hasLineCount(1);
    var longRun = run("simulate", Examples.DENTAL, "--scenario", "monday-morning",
        "--duration", "10000h");
    assertThat(longRun.exit()).isEqualTo(2);
    assertThat(longRun.err()).contains("\"10000h\" is longer than a year (8760h)").hasLineCount(1);
  }

  @Test
  void usageErrorsAreOneLineWithoutAStackTrace(@TempDir Path dir) throws Exception {
    Path bom = dir.resolve("bom.csv");
    Files.write(bom, "\uFEFFtime,arrivals_per_minute\n0s,5\n10m,0\n".getBytes(StandardCharsets.UTF_8));
    assertThat(run("simulate", Examples.DENTAL, "--trace", bom.toString(), "--platform",
        "livekit-cloud").exit()).isZero();

    for (String[] args : new String[][] {
        {"--scenario", "monday-morning", "--duration", "99999999999999999999"},
        {"--scenario", "monday-morning", "--repot", "out"},
        {"--trace", dir.resolve("missing.csv").toString(), "--seed", "many"}}) {
      var r = run(concat(new String[] {"simulate", Examples.DENTAL}, args));
      assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", args)).startsWith("simulate: ").hasLineCount(1)
          .doesNotContain("Exception").contains("agentscale simulate --help");
    }
    var missing = run("simulate", Examples.DENTAL, "--trace", dir.resolve("missing.csv").toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("simulate: " + dir.resolve("missing.csv") + ": no such file\n");
  }

  static String[] concat(String[] a, String[] b) {
    var all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
