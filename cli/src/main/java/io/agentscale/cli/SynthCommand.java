package io.agentscale.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import io.agentscale.synth.Synthesizer;
import io.agentscale.synth.CheckedProfile;

/**
 * {@code agentscale synth [PROFILE...] [--out DIR]}: writes {@code DIR/NAME/livekit-cloud.yaml},
 * {@code DIR/NAME/kubernetes/} and {@code DIR/NAME/aws/} for each profile, each profile's folder atomically.
 */
@Command(name = "synth", description = "Synthesize every output for the given profiles (default: stacks/*.yaml).")
final class SynthCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Where the command writes its result: picocli's writer, so a caller (or a test) chooses where it goes. */
  private java.io.PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private java.io.PrintWriter err() {
    return spec.commandLine().getErr();
  }

  @Parameters(arity = "0..*", paramLabel = "PROFILE", description = "profile files (default: every stacks/*.yaml)")
  List<Path> profiles;

  @Option(names = "--out", defaultValue = "dist", paramLabel = "DIR", description = "output folder (default: dist)")
  Path out;

  @Option(names = "--only", split = ",", paramLabel = "OUTPUT",
      description = "only these outputs: ${COMPLETION-CANDIDATES} (default: all)")
  List<Synthesizer.Output> only;

  @Option(names = "--watch", description = "stay running and synthesize a profile again when its file changes")
  boolean watch;

  @Override
  public Integer call() throws java.io.IOException {
    boolean bundled = profiles == null || profiles.isEmpty();
    List<Path> files = bundled ? CheckedProfile.bundled() : profiles;
    var synthesizer = new Synthesizer(only == null ? List.of(Synthesizer.Output.values()) : only);
    if (watch) {
      synthesizer.watch(files, bundled, out, out(), err());
      return 0;
    }
    return synthesizer.run(files, out, out(), err()) ? 0 : 1;
  }
}
