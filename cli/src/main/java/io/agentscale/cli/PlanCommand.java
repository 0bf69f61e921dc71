package io.agentscale.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import io.agentscale.synth.CheckedProfile;

/** {@code agentscale plan PROFILE [--format table|json]}. */
@Command(name = "plan", description = "Print the capacity plan and findings for a profile.")
final class PlanCommand implements Callable<Integer> {
  enum Format { table, json }

  @Parameters(paramLabel = "PROFILE", description = "a profile file, such as stacks/dental-receptionist.yaml")
  Path profile;

  @Option(names = "--format", defaultValue = "table", description = "table (for a person) or json (for tools)")
  Format format;

  @Override
  public Integer call() {
    var checked = CheckedProfile.check(profile);
    if (checked.report() == null) {
      checked.print(System.err);
      return 1;
    }
    System.out.print(format == Format.json ? checked.report().json() : checked.report().table());
    return checked.report().hasErrors() ? 1 : 0;
  }
}
