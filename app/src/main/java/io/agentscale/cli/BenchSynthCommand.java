package io.agentscale.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentscale.plan.AgentNodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code agentscale bench-synth}: our synthesis against JavaScript apps that produce the same chart and stack
 * ({@code bench/js}), whole processes run in alternation, with medians, min–max, ratios and the summed peak RSS of
 * every process of a run (JVM and Node).
 */
@Command(name = "bench-synth", description = "Benchmark synthesis against equivalent JavaScript apps (bench/js).")
final class BenchSynthCommand implements Callable<Integer> {
  @Option(names = "--rounds", defaultValue = "5", description = "runs of each command (default: 5)")
  int rounds;

  @Option(names = "--profile", defaultValue = "dental-receptionist", description = "the one-profile case")
  String one;

  /** One run: wall time, and the peaks of the summed RSS and PSS (shared pages counted once) of its processes. */
  record Run(double seconds, long peakRssKiB, long peakPssKiB, int exit) {}

  record Case(String title, List<String> js, Path jsDir, List<String> ours) {}

  private static final Path JS = Path.of("bench/js");

  @Override
  public Integer call() throws Exception {
    prepare();
    Path scratch = Files.createTempDirectory("agentscale-bench-");
    var cases = List.of(
        new Case("synth one profile, all outputs (one process)",
            List.of("node", "synth-all.js", one), JS,
            List.of("./agentscale", "synth", "stacks/" + one + ".yaml", "--out", scratch.resolve("ours-1").toString())),
        new Case("synth all " + Profiles.bundled().size() + " profiles, all outputs (one process)",
            List.of("node", "synth-all.js"), JS,
            List.of("./agentscale", "synth", "--out", scratch.resolve("ours-all").toString())),
        new Case("npx cdk synth (every stack)",
            List.of("npx", "cdk", "synth", "-q", "-o", scratch.resolve("js-cdk").toString()), JS,
            List.of("npx", "cdk", "synth", "-q", "-o", scratch.resolve("ours-cdk").toString())),
        new Case("npx cdk8s synth (every chart)",
            List.of("npx", "cdk8s", "synth", "-o", scratch.resolve("js-cdk8s").toString()), JS,
            List.of("npx", "cdk8s", "synth", "-o", scratch.resolve("ours-cdk8s").toString())));
    System.out.printf(Locale.ROOT, "%d rounds, JavaScript and Java alternating; CDK_VALIDATION=false for both; "
        + "caches warm (jsii package cache, class-data-sharing archive)%n%n", rounds);
    System.out.printf(Locale.ROOT, "%-48s %-22s %-22s %6s   %-17s %-17s%n", "case", "JavaScript s (min-max)",
        "Java s (min-max)", "ratio", "RSS MiB js/java", "PSS MiB js/java");
    var medians = new LinkedHashMap<String, double[]>();
    for (Case c : cases) {
      var js = new ArrayList<Run>();
      var ours = new ArrayList<Run>();
      for (int r = 0; r < rounds; r++) {
        Path jsOut = scratch.resolve("js-" + r);
        if (r % 2 == 0) {
          js.add(run(c.js(), c.jsDir(), jsOut));
          ours.add(run(c.ours(), Path.of("."), jsOut));
        } else {
          ours.add(run(c.ours(), Path.of("."), jsOut));
          js.add(run(c.js(), c.jsDir(), jsOut));
        }
      }
      if (js.stream().anyMatch(x -> x.exit() != 0) || ours.stream().anyMatch(x -> x.exit() != 0)) {
        System.out.println(c.title() + ": a run failed (exit codes js " + js.stream().map(Run::exit).toList()
            + ", java " + ours.stream().map(Run::exit).toList() + ")");
        continue;
      }
      double jsMedian = median(js.stream().mapToDouble(Run::seconds).toArray());
      double oursMedian = median(ours.stream().mapToDouble(Run::seconds).toArray());
      double jsRss = median(js.stream().mapToDouble(x -> x.peakRssKiB() / 1024.0).toArray());
      double oursRss = median(ours.stream().mapToDouble(x -> x.peakRssKiB() / 1024.0).toArray());
      double jsPss = median(js.stream().mapToDouble(x -> x.peakPssKiB() / 1024.0).toArray());
      double oursPss = median(ours.stream().mapToDouble(x -> x.peakPssKiB() / 1024.0).toArray());
      medians.put(c.title(), new double[] {jsMedian, oursMedian});
      System.out.printf(Locale.ROOT, "%-48s %-22s %-22s %5.2fx   %-11s %4.2fx   %-11s %4.2fx%n", c.title(),
          spread(js), spread(ours), oursMedian / jsMedian,
          String.format(Locale.ROOT, "%.0f / %.0f", jsRss, oursRss), oursRss / jsRss,
          String.format(Locale.ROOT, "%.0f / %.0f", jsPss, oursPss), oursPss / jsPss);
    }
    var titles = new ArrayList<>(medians.keySet());
    if (titles.size() >= 2) {
      int n = Profiles.bundled().size();
      double[] a = medians.get(titles.get(0));
      double[] b = medians.get(titles.get(1));
      System.out.printf(Locale.ROOT, "%nmarginal cost per extra profile in one process: JavaScript %.2f s, Java %.2f s%n",
          (b[0] - a[0]) / (n - 1), (b[1] - a[1]) / (n - 1));
    }
    System.out.println("outputs of the one-profile run identical to synth-tests/" + one + ": "
        + identical(scratch.resolve("ours-1").resolve(one), Path.of("synth-tests", one)));
    AtomicFolder.deleteTree(scratch);
    return 0;
  }

  /** Installs the JavaScript peers once and writes their inputs: each profile's plan facts. */
  private static void prepare() throws Exception {
    if (!Files.isDirectory(JS.resolve("node_modules/aws-cdk-lib"))) {
      System.out.println("installing the JavaScript peers (npm ci in bench/js)...");
      if (new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(JS.toFile()).inheritIO().start()
          .waitFor() != 0) {
        throw new IllegalStateException("npm ci in bench/js failed");
      }
    }
    Files.createDirectories(JS.resolve("inputs"));
    var json = new ObjectMapper();
    for (Path file : Profiles.bundled()) {
      var checked = Profiles.check(file);
      var p = checked.profile();
      var plan = checked.report().plan();
      var nodes = AgentNodes.of(p);
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("name", p.name());
      facts.put("zones", p.aws().availabilityZones());
      facts.put("kubernetesVersion", p.aws().kubernetesVersion());
      facts.put("instanceType", plan.node().instanceType());
      facts.put("arm64", plan.node().arm64());
      facts.put("spot", p.aws().capacityType() == io.agentscale.profile.CapacityType.SPOT);
      facts.put("minSize", plan.nodeGroup().minSize());
      facts.put("maxSize", plan.nodeGroup().maxSize());
      facts.put("labelKey", nodes.labelKey());
      facts.put("labelValue", nodes.labelValue());
      facts.put("taintKey", nodes.taintKey());
      facts.put("taintValue", nodes.taintValue());
      json.writeValue(JS.resolve("inputs").resolve(p.name() + ".json").toFile(), facts);
    }
  }

  /** Runs one command to completion, sampling the summed resident memory of it and all its descendants. */
  private static Run run(List<String> command, Path dir, Path out) throws Exception {
    var pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("CDK_VALIDATION", "false");
    pb.environment().put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
    pb.environment().put("BENCH_OUT", out.toAbsolutePath().toString());
    long start = System.nanoTime();
    Process p = pb.start();
    long peakRss = 0;
    long peakPss = 0;
    while (!p.waitFor(10, TimeUnit.MILLISECONDS)) {
      var all = new ArrayList<ProcessHandle>(List.of(p.toHandle()));
      all.addAll(p.descendants().toList());
      long rss = 0;
      long pss = 0;
      for (var h : all) {
        rss += kib(h, "status", "VmRSS:");
        pss += kib(h, "smaps_rollup", "Pss:");
      }
      peakRss = Math.max(peakRss, rss);
      peakPss = Math.max(peakPss, pss);
    }
    return new Run((System.nanoTime() - start) / 1e9, peakRss, peakPss, p.exitValue());
  }

  /** A "Key: N kB" line of /proc/PID/FILE, 0 when the process has gone. */
  static long kib(ProcessHandle h, String file, String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(h.pid()), file))) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | RuntimeException gone) {
      // the process ended between listing and reading
    }
    return 0;
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static String spread(List<Run> runs) {
    double[] v = runs.stream().mapToDouble(Run::seconds).sorted().toArray();
    return String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", median(v), v[0], v[v.length - 1]);
  }

  private static boolean identical(Path a, Path b) throws IOException {
    try (var files = Files.walk(b)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path other = a.resolve(b.relativize(f).toString());
        if (!Files.exists(other) || Files.mismatch(f, other) != -1) {
          return false;
        }
      }
    }
    return true;
  }
}
