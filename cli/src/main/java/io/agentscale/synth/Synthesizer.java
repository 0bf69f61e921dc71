package io.agentscale.synth;

import java.io.PrintWriter;
import io.agentscale.aws.AwsApp;
import io.agentscale.aws.CloudFormationTemplates;
import io.agentscale.aws.ClusterInputs;
import io.agentscale.k8s.AgentChartProps;
import io.agentscale.k8s.ClusterChartProps;
import io.agentscale.k8s.KubernetesManifests;
import io.agentscale.livekit.LiveKitScalingYaml;
import io.agentscale.plan.ClusterPlan;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Synthesizes profiles into output folders, all in this JVM: {@code OUT/PROFILE/} for each profile and
 * {@code OUT/cluster-NAME/} for what its cluster holds once. Every file of a run is synthesized before any folder is
 * replaced, and each folder is replaced atomically. Invalid profiles are reported and skipped (their previous output is
 * left as it was); profiles that cannot share their cluster stop the run before anything is written. While watching,
 * an output whose inputs equal those of its last synthesis is written again from memory instead of synthesized.
 */
public final class Synthesizer {
  /** The outputs a profile becomes. */
  public enum Output { livekit, kubernetes, aws }

  /** Throw-away syntheses when a watch starts, after which Node's and the JVM's compilers have the code hot. */
  public static final int WARM_UP_ROUNDS = 8;

  private final List<Output> outputs;
  private JsiiWarmup warmup;
  /** True while watching: each output's files are remembered, to be written again while its inputs stay equal. */
  private boolean remember;
  /** The files an output last produced, by key, with the inputs they came from. */
  private final Map<String, Written> written = new HashMap<>();
  /** Outputs the last {@link #run} wrote again from memory. */
  private final List<String> kept = new ArrayList<>();
  /** Folders the last {@link #run} replaced. */
  private int replaced;

  private record Written(Object inputs, Map<String, byte[]> files) {}

  /** Synthesizes one output into a folder, whose files are then read back. */
  private interface OutputWriter {
    void write(Path folder) throws Exception;
  }

  public Synthesizer(List<Output> outputs) {
    this.outputs = List.copyOf(outputs);
  }

  /** The folder of a cluster's outputs, beside its profiles' folders. */
  public static String clusterFolder(String clusterName) {
    return ClusterPlan.outputName(clusterName);
  }

  /** Returns true when every profile was valid and written. */
  public boolean run(List<Path> files, Path out, PrintWriter stdout, PrintWriter stderr) {
    if (warmup == null) {
      warmup = JsiiWarmup.earlyOrStart(outputs.contains(Output.kubernetes), outputs.contains(Output.aws));
    }
    kept.clear();
    replaced = 0;
    boolean ok = true;
    var valid = new ArrayList<CheckedProfile>();
    for (Path file : files) {
      var checked = CheckedProfile.check(file);
      if (!checked.valid()) {
        checked.print(stderr);
        stderr.println("  nothing written for " + file);
        ok = false;
      } else {
        valid.add(checked);
        if (checked.hasWarnings()) {
          checked.print(stderr); // synthesized anyway: say what to look at
        }
      }
    }
    var clusters = Clusters.of(valid);
    if (!clusters.valid()) {
      clusters.print(stderr);
      stderr.println("  nothing written: fix the profiles above (or give them different aws.cluster_name)");
      return false;
    }
    // Everything is synthesized before anything is written: a failure here leaves every folder as it was.
    var folders = new java.util.LinkedHashMap<String, Map<String, byte[]>>();
    var labels = new java.util.LinkedHashMap<String, String>(); // folder -> what the "->" line names
    var clusterFolders = new java.util.ArrayList<String>();
    for (ClusterPlan cluster : clusters.plans()) {
      try {
        synthesize(cluster, remember).forEach(folders::put);
      } catch (Exception e) {
        if (!Interrupts.stopping()) {
          stderr.println("cluster " + cluster.name() + ": synthesis failed, nothing written: "
              + (e instanceof IOException io && io.getMessage() != null ? io.getMessage() : e.toString()));
        }
        return false;
      }
      for (var agent : cluster.agents()) {
        Path file = valid.stream().filter(p -> p.profile() == agent.profile()).findFirst().orElseThrow().file();
        labels.put(agent.profile().name(), file.toString());
      }
      labels.put(clusterFolder(cluster.name()), "cluster " + cluster.name());
      clusterFolders.add(clusterFolder(cluster.name()));
    }
    if (!ok) {
      // A profile that could not be read may belong to any cluster: its cluster's shared outputs would lose it.
      var skipped = clusterFolders.stream().filter(folders::containsKey).toList();
      skipped.forEach(folders::remove);
      if (!skipped.isEmpty()) {
        stderr.println("  " + String.join(", ", skipped) + " left as they were: a profile above could not be read, "
            + "and a cluster's outputs hold all of its profiles");
      }
    }
    for (String name : folders.keySet()) {
      Path target = out.resolve(name);
      if (Files.isSymbolicLink(target) || (Files.exists(target) && !Files.isDirectory(target))) {
        stderr.println(target + " is " + (Files.isSymbolicLink(target) ? "a symbolic link" : "a file")
            + ", not an output folder: move it away or choose another --out; nothing written");
        return false;
      }
    }
    for (var folder : folders.entrySet()) {
      Path target = out.resolve(folder.getKey());
      try {
        AtomicFolder.replace(target, staging -> {
          keepOtherOutputs(target, staging);
          writeFiles(staging, folder.getValue());
        });
      } catch (Exception e) {
        if (!Interrupts.stopping()) {
          stderr.println(target + ": not written, left as it was: "
              + (e instanceof IOException io && io.getMessage() != null ? io.getMessage() : e.toString())
              + (replaced > 0 ? " (the folders listed above were written)" : "; nothing written"));
        }
        return false;
      }
      replaced++;
      stdout.println(labels.get(folder.getKey()) + " -> " + target);
    }
    return ok;
  }

  /**
   * Synthesizes {@code files}, then keeps this JVM and its jsii engine warm and synthesizes them again whenever one
   * changes (or, when {@code files} are the bundled profiles, whenever any stacks/*.yaml appears or changes), with the
   * same atomic writes. All of them, because a cluster's outputs depend on every profile in it; outputs whose inputs
   * did not change are written from memory. Runs until the thread is interrupted.
   */
  public void watch(List<Path> files, boolean bundled, Path out, PrintWriter stdout, PrintWriter stderr)
      throws IOException {
    var watched = new java.util.LinkedHashMap<Path, Path>(); // absolute path -> the path as the user wrote it
    files.forEach(f -> watched.put(f.toAbsolutePath().normalize(), f));
    for (Path f : watched.keySet()) {
      if (!Files.isDirectory(f.getParent())) {
        throw new UserError("cannot watch " + watched.get(f) + ": its folder " + f.getParent()
            + " does not exist (create it, or name a profile in an existing folder)");
      }
    }
    remember = true;
    run(files, out, stdout, stderr);
    warmUp(files, stdout);
    try (var watcher = FileSystems.getDefault().newWatchService()) {
      var dirs = new java.util.HashSet<Path>();
      for (Path f : watched.keySet()) {
        if (dirs.add(f.getParent())) {
          f.getParent().register(watcher, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
        }
      }
      stdout.println("watching " + (bundled ? "stacks/*.yaml" : watched.size() + " profile(s)") + "; Ctrl-C stops");
      while (!Thread.currentThread().isInterrupted()) {
        WatchKey key;
        try {
          key = watcher.take();
        } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
          Thread.currentThread().interrupt();
          break;
        }
        long seen = System.nanoTime();
        boolean changed = false;
        for (var event : key.pollEvents()) {
          if (event.context() instanceof Path name) {
            Path file = ((Path) key.watchable()).resolve(name).toAbsolutePath().normalize();
            if (isNonEmptyFile(file) && (watched.containsKey(file) || (bundled && file.toString().endsWith(".yaml")))) {
              watched.putIfAbsent(file, Path.of("stacks", file.getFileName().toString()));
              changed = true;
            }
          }
        }
        if (!key.reset()) {
          stderr.println("the watched folder " + key.watchable() + " is gone; Ctrl-C stops");
        }
        if (changed) {
          resynthesize(List.copyOf(watched.values()), out, stdout, stderr, seen);
        }
      }
    }
  }

  /** One re-synthesis while watching: whatever goes wrong is reported and the watch goes on. */
  private void resynthesize(List<Path> files, Path out, PrintWriter stdout, PrintWriter stderr, long seen) {
    try {
      run(files, out, stdout, stderr);
    } catch (RuntimeException e) {
      stderr.println("nothing written: " + e.getMessage());
    }
    if (replaced > 0) {
      stdout.printf("  re-synthesized %d ms after the change was seen%s%n", (System.nanoTime() - seen) / 1_000_000,
          kept.isEmpty() ? "" : " (inputs unchanged, kept: " + String.join(", ", kept) + ")");
    } else {
      stdout.println("  nothing written; still watching");
    }
  }

  private static boolean isNonEmptyFile(Path file) {
    try {
      return Files.isRegularFile(file) && Files.size(file) > 0;
    } catch (IOException e) {
      return false; // gone again: an editor's temporary file
    }
  }

  /**
   * Every file of one cluster's outputs, by folder name and then path inside it; with {@code remember}, outputs whose
   * inputs did not change come from memory.
   */
  private Map<String, Map<String, byte[]>> synthesize(ClusterPlan cluster, boolean remember) throws Exception {
    var folders = new TreeMap<String, Map<String, byte[]>>();
    String clusterFolder = clusterFolder(cluster.name());
    for (var agent : cluster.agents()) {
      folders.put(agent.profile().name(), new TreeMap<>());
    }
    if (outputs.contains(Output.livekit)) {
      for (var agent : cluster.agents()) {
        folders.get(agent.profile().name()).put(LiveKitScalingYaml.FILE_NAME,
            LiveKitScalingYaml.render(agent.profile()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    if (outputs.contains(Output.aws)) {
      var inputs = ClusterInputs.of(cluster);
      var templates = synthesizeOrKeep(remember, "aws", "aws of cluster " + cluster.name(), inputs,
          dir -> writeTemplates(inputs, dir));
      for (var agent : cluster.agents()) {
        String file = AwsApp.stackName(agent.profile().name()) + ".template.json";
        folders.get(agent.profile().name()).put("aws/" + file, templates.get(file));
      }
      String clusterTemplate = AwsApp.clusterStackName(cluster.name()) + ".template.json";
      if (templates.containsKey(clusterTemplate)) {
        folders.computeIfAbsent(clusterFolder, k -> new TreeMap<>())
            .put("aws/" + clusterTemplate, templates.get(clusterTemplate));
      }
    }
    if (outputs.contains(Output.kubernetes)) {
      // Each chart is keyed on its props, all it reads: an edit that changes none of them keeps its output.
      var clusterProps = ClusterChartProps.from(cluster);
      var manifests = synthesizeOrKeep(remember, "cluster kubernetes", "kubernetes of cluster " + cluster.name(),
          clusterProps, dir -> KubernetesManifests.write(clusterProps, dir));
      manifests.forEach((file, bytes) -> folders.computeIfAbsent(clusterFolder, k -> new TreeMap<>())
          .put("kubernetes/" + file, bytes));
      for (var agent : cluster.agents()) {
        var name = agent.profile().name();
        var chartProps = AgentChartProps.from(agent.profile(), agent.plan());
        synthesizeOrKeep(remember, "kubernetes", "kubernetes of " + name, chartProps,
            dir -> KubernetesManifests.write(chartProps, dir))
            .forEach((file, bytes) -> folders.get(name).put("kubernetes/" + file, bytes));
      }
    }
    return folders;
  }

  /** A cluster's CloudFormation templates, synthesized in this JVM's one jsii engine. */
  private static void writeTemplates(ClusterInputs inputs, Path folder) throws Exception {
    Path assembly = Interrupts.unfinished(Files.createTempDirectory("agentscale-cdk-"));
    try {
      CloudFormationTemplates.write(inputs, assembly, folder);
    } finally {
      AtomicFolder.deleteTree(assembly);
      Interrupts.finished(assembly);
    }
  }


  /**
   * The files of one output: with {@code remember}, from memory when {@code inputs} equal the last synthesis's (the
   * output's {@code label} is then reported as kept); else synthesized into a scratch folder and read back.
   */
  private Map<String, byte[]> synthesizeOrKeep(boolean remember, String label, String key, Object inputs,
      OutputWriter writer) throws Exception {
    Written last = remember ? written.get(key) : null;
    if (last != null && last.inputs().equals(inputs)) {
      if (!kept.contains(label)) {
        kept.add(label);
      }
      return last.files();
    }
    warmup.await();
    Path scratch = Interrupts.unfinished(Files.createTempDirectory("agentscale-synth-"));
    try {
      writer.write(scratch);
      var files = new TreeMap<String, byte[]>();
      try (var listing = Files.list(scratch)) {
        for (Path f : listing.toList()) {
          files.put(f.getFileName().toString(), Files.readAllBytes(f));
        }
      }
      if (remember) {
        written.put(key, new Written(inputs, files));
      }
      return files;
    } finally {
      AtomicFolder.deleteTree(scratch);
      Interrupts.finished(scratch);
    }
  }

  /**
   * With {@code --only}, the outputs not asked for stay as they were: their files are carried into the new folder
   * before the asked-for outputs are written.
   */
  private void keepOtherOutputs(Path target, Path staging) throws IOException {
    if (outputs.size() == Output.values().length || !Files.isDirectory(target)) {
      return;
    }
    try (var walk = Files.walk(target)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        Path relative = target.relativize(f);
        if (!outputs.contains(outputOf(relative))) {
          Path copy = staging.resolve(relative.toString());
          Files.createDirectories(copy.getParent());
          Files.copy(f, copy);
        }
      }
    }
  }

  /** Which output a file of a folder belongs to: its top folder, or the LiveKit YAML. */
  private static Output outputOf(Path relative) {
    String top = relative.getName(0).toString();
    return top.equals(LiveKitScalingYaml.FILE_NAME) ? Output.livekit
        : top.equals("aws") ? Output.aws : top.equals("kubernetes") ? Output.kubernetes : null;
  }

  private static void writeFiles(Path folder, Map<String, byte[]> files) throws IOException {
    for (var file : files.entrySet()) {
      if (Interrupts.stopping()) {
        throw new java.io.InterruptedIOException("stopping");
      }
      Path target = folder.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.write(target, file.getValue());
    }
  }

  /**
   * Synthesizes the first valid profile's cluster {@link #WARM_UP_ROUNDS} times in memory, the way an edit is (less
   * the outputs kept from memory): the first edits are then as fast as later ones.
   */
  private void warmUp(List<Path> files, PrintWriter stdout) {
    var valid = files.stream().map(CheckedProfile::check).filter(CheckedProfile::valid).toList();
    var clusters = Clusters.of(valid);
    if (valid.isEmpty() || !clusters.valid()) {
      return;
    }
    long start = System.nanoTime();
    try {
      for (int round = 0; round < WARM_UP_ROUNDS; round++) {
        synthesize(clusters.plans().get(0), false);
      }
    } catch (Exception e) {
      return; // only a warm-up: the real syntheses report their own failures
    }
    stdout.printf("warmed up: %d throw-away syntheses of cluster %s in %d ms%n", WARM_UP_ROUNDS,
        clusters.plans().get(0).name(), (System.nanoTime() - start) / 1_000_000);
  }
}
