package io.agentscale.cli;

import io.agentscale.profile.ProfileLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import io.agentscale.synth.Clusters;
import io.agentscale.synth.CheckedProfile;

/** {@code agentscale validate PROFILE...}: every problem of every profile and of the clusters they share; exit 0 or 1. */
@Command(name = "validate", description = "Check profiles; list every problem as 'path: message'.")
final class ValidateCommand implements Callable<Integer> {
  @Mixin Printing printing;

  @Parameters(arity = "1..*", paramLabel = "PROFILE", description = "profile files, such as stacks/*.yaml")
  List<Path> profiles;

  @Override
  public Integer call() {
    boolean allValid = true;
    var valid = new java.util.ArrayList<CheckedProfile>();
    for (Path file : profiles) {
      var checked = CheckedProfile.check(file);
      checked.print(printing.out());
      allValid &= checked.valid();
      if (checked.valid()) {
        valid.add(checked);
      }
    }
    // CheckedProfile naming one cluster must be able to share it.
    var clusters = Clusters.of(valid);
    clusters.print(printing.out());
    return allValid && clusters.valid() ? 0 : 1;
  }
}
