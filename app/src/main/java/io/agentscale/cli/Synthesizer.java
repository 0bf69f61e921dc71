package io.agentscale.cli;

import io.agentscale.aws.AwsInputs;
import io.agentscale.k8s.KubernetesManifests;
import io.agentscale.livekit.LiveKitScalingYaml;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Synthesizes profiles into output folders, all in this JVM. Invalid profiles are reported and skipped; their previous
 * output is left as it was. While watching, an output whose inputs equal those of its last synthesis is written again
 * from memory instead of synthesized: an edit of a scaling threshold re-synthesizes the Kubernetes manifests but keeps
 * the AWS template, which only {@link AwsInputs} decide.
 */
final class Synthesizer {
  /** The outputs a profile becomes. */
  enum Output { livekit, kubernetes, aws }

  /** Throw-away syntheses when a watch starts, after which Node's and the JVM's compilers have the code hot. */
  static final int WARM_UP_ROUNDS = 8;

  private final List<Output> outputs;
  private JsiiWarmup warmup;
  /** True while watching: each output's files are remembered, to be written again while its inputs stay equal. */
  private boolean remember;
  /** The files an output last wrote, by "NAME/output", with the inputs they came from. */
  private final Map<String, Written> written = new HashMap<>();
  /** Outputs the last {@link #run} wrote again from memory. */
  private final List<String> kept = new ArrayList<>();

  private record Written(Object inputs, Map<Path, byte[]> files) {}

  /** Synthesizes one output of one profile into a folder. */
  private interface OutputWriter {
    void write(Path folder) throws Exception;
  }

  Synthesizer(List<Output> outputs) {
    this.outputs = List.copyOf(outputs);
  }

  /** Returns true when every profile was valid and written. */
  boolean run(List<Path> files, Path out, PrintStream stdout, PrintStream stderr) {
    if (warmup == null) {
      warmup = JsiiWarmup.earlyOrStart(outputs.contains(Output.kubernetes), outputs.contains(Output.aws));
    }
    kept.clear();
    boolean ok = true;
    for (Path file : files) {
      var checked = Profiles.check(file);
      if (!checked.valid()) {
        checked.print(stderr);
        stderr.println("  nothing written for " + file);
        ok = false;
        continue;
      }
      Path target = out.resolve(checked.profile().name());
      try {
        AtomicFolder.replace(target, staging -> write(checked, staging, remember));
        stdout.println(file + " -> " + target);
      } catch (Exception e) {
        stderr.println(file + ": synthesis failed, " + target + " left as it was: " + e);
        ok = false;
      }
    }
    return ok;
  }

  /**
   * Synthesizes {@code files}, then keeps this JVM and its jsii engine warm and synthesizes a profile again whenever
   * its file changes (or, when {@code files} are the bundled profiles, whenever any stacks/*.yaml appears or changes),
   * with the same atomic write. Runs until the thread is interrupted.
   */
  void watch(List<Path> files, boolean bundled, Path out, PrintStream stdout, PrintStream stderr)
      throws IOException {
    remember = true;
    run(files, out, stdout, stderr);
    warmUp(files, stdout);
    var watched = new java.util.HashMap<Path, Path>(); // absolute path -> the path as the user wrote it
    files.forEach(f -> watched.put(f.toAbsolutePath().normalize(), f));
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
        var changed = new java.util.TreeSet<Path>();
        for (var event : key.pollEvents()) {
          if (event.context() instanceof Path name) {
            Path file = ((Path) key.watchable()).resolve(name).toAbsolutePath().normalize();
            if (watched.containsKey(file) || (bundled && file.toString().endsWith(".yaml"))) {
              changed.add(file);
            }
          }
        }
        key.reset();
        for (Path file : changed) {
          if (Files.isRegularFile(file) && Files.size(file) > 0) {
            watched.putIfAbsent(file, Path.of("stacks", file.getFileName().toString()));
            run(List.of(watched.get(file)), out, stdout, stderr);
            stdout.printf("  re-synthesized %d ms after the change was seen%s%n",
                (System.nanoTime() - seen) / 1_000_000,
                kept.isEmpty() ? "" : " (inputs unchanged, kept: " + String.join(", ", kept) + ")");
          }
        }
      }
    }
  }

  /** Writes every output of one profile into {@code folder}; with {@code remember}, unchanged ones from memory. */
  private void write(Profiles checked, Path folder, boolean remember) throws Exception {
    var profile = checked.profile();
    var plan = checked.report().plan();
    if (outputs.contains(Output.livekit)) {
      Files.writeString(folder.resolve(LiveKitScalingYaml.FILE_NAME), LiveKitScalingYaml.render(profile));
    }
    if (outputs.contains(Output.aws)) {
      var inputs = AwsInputs.of(profile, plan);
      synthesizeOrKeep(remember, profile.name(), "aws", inputs, folder, dir -> AwsTemplates.write(inputs, dir));
    }
    if (outputs.contains(Output.kubernetes)) {
      synthesizeOrKeep(remember, profile.name(), "kubernetes", List.of(profile, plan), folder,
          dir -> KubernetesManifests.write(profile, plan, dir));
    }
  }

  /**
   * Writes {@code folder/output}: with {@code remember}, from memory when {@code inputs} equal the last synthesis's
   * (else synthesized, and its files remembered); without, synthesized.
   */
  private void synthesizeOrKeep(boolean remember, String name, String output, Object inputs, Path folder,
      OutputWriter writer) throws Exception {
    Path dir = folder.resolve(output);
    String key = name + "/" + output;
    Written last = remember ? written.get(key) : null;
    if (last != null && last.inputs().equals(inputs)) {
      Files.createDirectories(dir);
      for (var file : last.files().entrySet()) {
        Files.write(dir.resolve(file.getKey()), file.getValue());
      }
      kept.add(output);
      return;
    }
    warmup.await();
    writer.write(dir);
    if (remember) {
      var files = new TreeMap<Path, byte[]>();
      try (var listing = Files.list(dir)) {
        for (Path f : listing.toList()) {
          files.put(f.getFileName(), Files.readAllBytes(f));
        }
      }
      written.put(key, new Written(inputs, files));
    }
  }

  /**
   * Synthesizes the first valid profile {@link #WARM_UP_ROUNDS} times into a scratch folder, the way an edit is
   * (less the outputs kept from memory): the first edits are then as fast as later ones.
   */
  private void warmUp(List<Path> files, PrintStream stdout) throws IOException {
    var checked = files.stream().map(Profiles::check).filter(Profiles::valid).findFirst();
    if (checked.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    Path scratch = Files.createTempDirectory("agentscale-warm-up-");
    try {
      for (int round = 0; round < WARM_UP_ROUNDS; round++) {
        AtomicFolder.replace(scratch.resolve("out"), staging -> write(checked.get(), staging, false));
      }
    } catch (Exception e) {
      return; // only a warm-up: the real syntheses report their own failures
    } finally {
      AtomicFolder.deleteTree(scratch);
    }
    stdout.printf("warmed up: %d throw-away syntheses of %s in %d ms%n", WARM_UP_ROUNDS,
        checked.get().profile().name(), (System.nanoTime() - start) / 1_000_000);
  }
}
