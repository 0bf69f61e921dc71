package io.agentscale.cli;

import io.agentscale.k8s.KubernetesManifests;
import io.agentscale.livekit.LiveKitScalingYaml;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Synthesizes profiles into output folders, all in this JVM. Invalid profiles are reported and skipped; their previous
 * output is left as it was.
 */
final class Synthesizer {
  /** The outputs a profile becomes. */
  enum Output { livekit, kubernetes, aws }

  private final List<Output> outputs;
  private JsiiWarmup warmup;

  Synthesizer(List<Output> outputs) {
    this.outputs = List.copyOf(outputs);
  }

  /** Returns true when every profile was valid and written. */
  boolean run(List<Path> files, Path out, PrintStream stdout, PrintStream stderr) {
    if (warmup == null) {
      warmup = JsiiWarmup.earlyOrStart(outputs.contains(Output.kubernetes), outputs.contains(Output.aws));
    }
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
        AtomicFolder.replace(target, staging -> write(checked, staging));
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
    run(files, out, stdout, stderr);
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
            stdout.printf("  re-synthesized %d ms after the change was seen%n", (System.nanoTime() - seen) / 1_000_000);
          }
        }
      }
    }
  }

  private void write(Profiles checked, Path folder) throws Exception {
    if (outputs.contains(Output.livekit)) {
      Files.writeString(folder.resolve(LiveKitScalingYaml.FILE_NAME), LiveKitScalingYaml.render(checked.profile()));
    }
    warmup.await();
    if (outputs.contains(Output.aws)) {
      AwsTemplates.write(checked.profile(), checked.report().plan(), folder.resolve("aws"));
    }
    if (outputs.contains(Output.kubernetes)) {
      KubernetesManifests.write(checked.profile(), checked.report().plan(), folder.resolve("kubernetes"));
    }
  }
}
