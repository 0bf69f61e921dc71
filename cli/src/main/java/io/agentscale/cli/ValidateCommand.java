package io.agentscale.cli;

import io.agentscale.profile.ProfileLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import io.agentscale.synth.Clusters;
import io.agentscale.synth.CheckedProfile;

/** {@code agentscale validate PROFILE...}: every problem of every profile and of the clusters they share; exit 0 or 1. */
@Command(name = "validate", description = "Check profiles; list every problem as 'path: message'.")
final class ValidateCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Where the command writes its result: picocli's writer, so a caller (or a test) chooses where it goes. */
  private java.io.PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private java.io.PrintWriter err() {
    return spec.commandLine().getErr();
  }

  @Parameters(arity = "1..*", paramLabel = "PROFILE", description = "profile files, such as stacks/*.yaml")
  List<Path> profiles;

  @Override
  public Integer call() {
    boolean allValid = true;
    var valid = new java.util.ArrayList<CheckedProfile>();
    for (Path file : profiles) {
      var checked = CheckedProfile.check(file);
      checked.print(out());
      allValid &= checked.valid();
      if (checked.valid()) {
        valid.add(checked);
      }
    }
    // CheckedProfile naming one cluster must be able to share it.
    var clusters = Clusters.of(valid);
    clusters.print(out());
    return allValid && clusters.valid() ? 0 : 1;
  }
}
