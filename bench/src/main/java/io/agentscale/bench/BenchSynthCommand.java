package io.agentscale.bench;

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
import io.agentscale.synth.AtomicFolder;
import io.agentscale.synth.CheckedProfile;
import io.agentscale.synth.UserError;
import io.agentscale.plan.CapacityPlan;
import io.agentscale.profile.ProfileLoader;

/**
 * {@code agentscale bench-synth}: our synthesis against JavaScript apps that produce the same chart and stack
 * ({@code bench/js}), whole processes run in alternation, with medians, min–max and ratios; then, in separate runs
 * (sampling /proc costs CPU, so timed runs are never sampled), the summed peak RSS and PSS of every process of a run
 * (JVM and Node); then how long {@code synth --watch} takes from an edit to the new output on disk.
 */
@Command(name = "bench-synth", description = "Benchmark synthesis against equivalent JavaScript apps (bench/js).")
final class BenchSynthCommand implements Callable<Integer> {
  @Option(names = "--rounds", defaultValue = "5", description = "runs of each command (default: 5)")
  int rounds;

  @Option(names = "--memory-rounds", defaultValue = "3", description = "sampled runs of each command (default: 3)")
  int memoryRounds;

  @Option(names = "--edits", defaultValue = "10", description = "edits of each kind while watching (default: 10)")
  int edits;

  @Option(names = "--profile", defaultValue = "dental-receptionist", description = "the one-profile case")
  String one;

  /** One timed run. */
  record Run(double seconds, int exit) {}

  /** One sampled run: the peaks of the summed RSS and PSS (shared pages counted once) of its processes. */
  record Memory(long peakRssKiB, long peakPssKiB) {}

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
        new Case("synth all " + CheckedProfile.bundled().size() + " profiles, all outputs (one process)",
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
      var jsMemory = new ArrayList<Memory>();
      var oursMemory = new ArrayList<Memory>();
      for (int r = 0; r < memoryRounds; r++) {
        jsMemory.add(sample(c.js(), c.jsDir(), scratch.resolve("js-memory")));
        oursMemory.add(sample(c.ours(), Path.of("."), scratch.resolve("js-memory")));
      }
      if (js.stream().anyMatch(x -> x.exit() != 0) || ours.stream().anyMatch(x -> x.exit() != 0)) {
        System.out.println(c.title() + ": a run failed (exit codes js " + js.stream().map(Run::exit).toList()
            + ", java " + ours.stream().map(Run::exit).toList() + ")");
        continue;
      }
      double jsMedian = median(js.stream().mapToDouble(Run::seconds).toArray());
      double oursMedian = median(ours.stream().mapToDouble(Run::seconds).toArray());
      double jsRss = median(jsMemory.stream().mapToDouble(x -> x.peakRssKiB() / 1024.0).toArray());
      double oursRss = median(oursMemory.stream().mapToDouble(x -> x.peakRssKiB() / 1024.0).toArray());
      double jsPss = median(jsMemory.stream().mapToDouble(x -> x.peakPssKiB() / 1024.0).toArray());
      double oursPss = median(oursMemory.stream().mapToDouble(x -> x.peakPssKiB() / 1024.0).toArray());
      medians.put(c.title(), new double[] {jsMedian, oursMedian});
      System.out.printf(Locale.ROOT, "%-48s %-22s %-22s %5.2fx   %-11s %4.2fx   %-11s %4.2fx%n", c.title(),
          spread(js), spread(ours), oursMedian / jsMedian,
          String.format(Locale.ROOT, "%.0f / %.0f", jsRss, oursRss), oursRss / jsRss,
          String.format(Locale.ROOT, "%.0f / %.0f", jsPss, oursPss), oursPss / jsPss);
    }
    var titles = new ArrayList<>(medians.keySet());
    if (titles.size() >= 2) {
      int n = CheckedProfile.bundled().size();
      double[] a = medians.get(titles.get(0));
      double[] b = medians.get(titles.get(1));
      System.out.printf(Locale.ROOT, "%nmarginal cost per extra profile in one process: JavaScript %.2f s, Java %.2f s%n",
          (b[0] - a[0]) / (n - 1), (b[1] - a[1]) / (n - 1));
    }
    System.out.println("outputs of the one-profile run identical to synth-tests/" + one + ": "
        + identical(scratch.resolve("ours-1").resolve(one), Path.of("synth-tests", one)));
    if (edits > 0) {
      benchWatch(scratch);
    }
    AtomicFolder.deleteTree(scratch);
    return 0;
  }

  /**
   * Runs {@code ./agentscale synth COPY --watch} on a copy of the profile and edits the copy: a scaling threshold
   * (not an AWS input: the template is kept) and max_workers (sizes the node group: everything is synthesized),
   * each timed from the write to the new LiveKit YAML in the output folder, which is replaced whole.
   */
  private void benchWatch(Path scratch) throws Exception {
    Path profile = scratch.resolve("watched/" + one + ".yaml");
    Files.createDirectories(profile.getParent());
    Files.copy(Path.of("stacks", one + ".yaml"), profile);
    Path out = scratch.resolve("watched-out");
    Path log = scratch.resolve("watch.log");
    var pb = new ProcessBuilder("./agentscale", "synth", profile.toString(), "--watch", "--out", out.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("CDK_VALIDATION", "false");
    Process watch = pb.start();
    try {
      awaitText(log, "watching", TimeUnit.MINUTES.toMillis(3), 50);
      Path yaml = out.resolve(one).resolve(io.agentscale.livekit.LiveKitScalingYaml.FILE_NAME);
      var threshold = new ArrayList<Double>();
      var nodePool = new ArrayList<Double>();
      String up = value(Files.readString(profile), "scale_up_threshold");
      String max = value(Files.readString(profile), "max_workers");
      if (up == null || max == null) {
        System.out.println("synth --watch: " + one + " sets no scale_up_threshold or max_workers to edit");
        return;
      }
      for (int i = 0; i < edits; i++) {
        threshold.add(edit(profile, yaml, "scale_up_threshold", i % 2 == 0 ? "0.75" : up));
        nodePool.add(edit(profile, yaml, "max_workers", i % 2 == 0 ? String.valueOf(Integer.parseInt(max) - 10) : max));
      }
      System.out.printf(Locale.ROOT, "%nsynth --watch, from an edit of %s to its new output on disk (%d edits each):%n",
          one, edits);
      System.out.printf(Locale.ROOT, "  scaling threshold (AWS inputs unchanged, template kept)  %s ms%n",
          spreadMillis(threshold));
      System.out.printf(Locale.ROOT, "  max_workers (node group size: everything synthesized)   %s ms%n",
          spreadMillis(nodePool));
      System.out.printf(Locale.ROOT, "  JavaScript, chart and stack again in a warm process      %s%n",
          warmJavaScript() + " (bench/js/warm.js)");
    } finally {
      watch.destroy();
      watch.waitFor(10, TimeUnit.SECONDS);
      watch.destroyForcibly();
    }
  }

  /** The last half of 20 rounds of bench/js/warm.js: the JavaScript peers synthesizing again once warm. */
  private String warmJavaScript() throws Exception {
    Path log = Files.createTempFile("agentscale-bench-warm-", ".txt");
    try {
      Process p = command(List.of("node", "warm.js", one, "20"), JS, log).redirectOutput(log.toFile()).start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      List<String> rounds = List.of();
      while (rounds.size() < 20 && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
        rounds = Files.readAllLines(log).stream().filter(l -> l.matches("[0-9.]+")).toList();
      }
      p.destroyForcibly(); // Node may not exit on its own after many apps (see warm.js)
      if (rounds.size() < 20) {
        return "not measured (warm.js wrote " + rounds.size() + " of 20 rounds)";
      }
      var millis = rounds.stream().map(Double::valueOf).toList();
      return spreadMillis(millis.subList(millis.size() / 2, millis.size())) + " ms";
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** The number a profile gives {@code key}, or null. */
  private static String value(String yaml, String key) {
    var m = java.util.regex.Pattern.compile(key + ": ([0-9.]+)").matcher(yaml);
    return m.find() ? m.group(1) : null;
  }

  /**
   * Sets {@code key} to {@code value} in the profile and waits for the output to show it; milliseconds from the
   * write. The poll is light (every millisecond): the watcher needs both cores.
   */
  private static double edit(Path profile, Path yaml, String key, String value) throws Exception {
    Thread.sleep(400); // let the last edit settle
    String content = Files.readString(profile).replaceFirst(key + ": [0-9.]+", key + ": " + value);
    long start = System.nanoTime();
    Files.writeString(profile, content);
    awaitText(yaml, key + ": " + value, 30_000, 1);
    return (System.nanoTime() - start) / 1e6;
  }

  private static String readOrEmpty(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException | RuntimeException between) {
      return ""; // not there yet, or being replaced
    }
  }

  /** Polls {@code file} every {@code pollMillis} until it contains {@code text}. */
  private static void awaitText(Path file, String text, long timeoutMillis, long pollMillis) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (!readOrEmpty(file).contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("synth --watch wrote no \"" + text + "\" in " + file + " within "
            + timeoutMillis + " ms: " + readOrEmpty(file));
      }
      Thread.sleep(pollMillis);
    }
  }

  private static String spreadMillis(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return String.format(Locale.ROOT, "median %.0f (%.0f-%.0f)", median(v), v[0], v[v.length - 1]);
  }

  /** Installs the JavaScript peers once and writes their inputs: each profile's plan facts. */
  private static void prepare() throws Exception {
    if (!Files.isDirectory(JS) || !Files.isDirectory(Path.of("synth-tests"))) {
      throw new UserError("bench-synth compares with this project's JavaScript peers: run it in the agentscale "
          + "checkout (cd " + System.getProperty("agentscale.home", "the checkout") + ")");
    }
    if (!Files.isDirectory(JS.resolve("node_modules/aws-cdk-lib"))) {
      System.out.println("installing the JavaScript peers (npm ci in bench/js)...");
      if (new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(JS.toFile()).inheritIO().start()
          .waitFor() != 0) {
        throw new IllegalStateException("npm ci in bench/js failed");
      }
    }
    Files.createDirectories(JS.resolve("inputs"));
    var json = new ObjectMapper();
    for (Path file : CheckedProfile.bundled()) {
      var p = ProfileLoader.load(file);
      var plan = CapacityPlan.from(p);
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

  private static ProcessBuilder command(List<String> command, Path dir, Path out) {
    var pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("CDK_VALIDATION", "false");
    pb.environment().put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
    pb.environment().put("BENCH_OUT", out.toAbsolutePath().toString());
    return pb;
  }

  /** Runs one command to completion and times it. */
  private static Run run(List<String> command, Path dir, Path out) throws Exception {
    long start = System.nanoTime();
    Process p = command(command, dir, out).start();
    int exit = p.waitFor();
    return new Run((System.nanoTime() - start) / 1e9, exit);
  }

  /** Runs one command to completion, sampling the summed resident memory of it and all its descendants. */
  private static Memory sample(List<String> command, Path dir, Path out) throws Exception {
    Process p = command(command, dir, out).start();
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
    return new Memory(peakRss, peakPss);
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
