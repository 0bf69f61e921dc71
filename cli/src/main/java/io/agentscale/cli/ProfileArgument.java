package io.agentscale.cli;

import io.agentscale.synth.CheckedProfile;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The profile a command works on, its first positional argument (a picocli mixin shared by the commands). */
final class ProfileArgument {
  @Parameters(index = "0", paramLabel = "PROFILE", description = "a profile file, such as stacks/dental-receptionist.yaml")
  Path file;

  /** The profile read and checked. */
  CheckedProfile check() {
    return CheckedProfile.check(file);
  }
}
