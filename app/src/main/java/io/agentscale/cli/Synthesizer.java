package io.agentscale.cli;

import io.agentscale.k8s.KubernetesManifests;
import io.agentscale.livekit.LiveKitScalingYaml;
import java.io.PrintStream;
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

  Synthesizer(List<Output> outputs) {
    this.outputs = List.copyOf(outputs);
  }

  /** Returns true when every profile was valid and written. */
  boolean run(List<Path> files, Path out, PrintStream stdout, PrintStream stderr) {
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

  private void write(Profiles checked, Path folder) throws Exception {
    if (outputs.contains(Output.livekit)) {
      Files.writeString(folder.resolve(LiveKitScalingYaml.FILE_NAME), LiveKitScalingYaml.render(checked.profile()));
    }
    if (outputs.contains(Output.aws)) {
      AwsTemplates.write(checked.profile(), checked.report().plan(), folder.resolve("aws"));
    }
    if (outputs.contains(Output.kubernetes)) {
      KubernetesManifests.write(checked.profile(), checked.report().plan(), folder.resolve("kubernetes"));
    }
  }
}
