package io.agentscale.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import io.agentscale.synth.Synthesizer;
import io.agentscale.synth.CheckedProfile;
import io.agentscale.synth.Interrupts;

/**
 * {@code agentscale synth [PROFILE...] [--out DIR]}: writes {@code DIR/NAME/livekit-cloud.yaml},
 * {@code DIR/NAME/kubernetes/} and {@code DIR/NAME/aws/} for each profile, each profile's folder atomically.
 */
@Command(name = "synth", description = "Synthesize every output for the given profiles (default: stacks/*.yaml).")
final class SynthCommand implements Callable<Integer> {
  @Mixin Printing printing;

  @Parameters(arity = "0..*", paramLabel = "PROFILE", description = "profile files (default: every stacks/*.yaml)")
  List<Path> profiles;

  @Option(names = "--out", defaultValue = "dist", paramLabel = "DIR", description = "output folder (default: dist)")
  Path out;

  @Option(names = "--only", split = ",", paramLabel = "OUTPUT",
      description = "only these outputs: ${COMPLETION-CANDIDATES} (default: all)")
  List<Synthesizer.Output> only;

  @Option(names = "--watch", description = "stay running and synthesize a profile again when its file changes")
  boolean watch;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws java.io.IOException {
    if (out.toString().isBlank()) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--out needs a folder, got ''");
    }
    if (only != null && only.isEmpty()) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--only needs at least one of livekit, kubernetes, aws");
    }
    Interrupts.install(System.err); // a signal now removes what this run has not finished
    boolean bundled = profiles == null || profiles.isEmpty();
    List<Path> files = bundled ? CheckedProfile.bundled() : profiles;
    var synthesizer = new Synthesizer(only == null ? List.of(Synthesizer.Output.values()) : only);
    if (watch) {
      synthesizer.watch(files, bundled, out, printing.out(), printing.err());
      return 0;
    }
    return synthesizer.run(files, out, printing.out(), printing.err()) ? 0 : 1;
  }
}
