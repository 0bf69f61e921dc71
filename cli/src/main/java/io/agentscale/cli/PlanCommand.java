package io.agentscale.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import io.agentscale.synth.CheckedProfile;

/** {@code agentscale plan PROFILE [--format table|json]}. */
@Command(name = "plan", description = "Print the capacity plan and findings for a profile.")
final class PlanCommand implements Callable<Integer> {
  @Mixin Printing printing;

  @Mixin ProfileArgument profile;

  @Option(names = "--format", defaultValue = "table", description = "table (for a person) or json (for tools)")
  Format format;

  @Override
  public Integer call() {
    var checked = profile.check();
    if (checked.report() == null) {
      checked.print(printing.err());
      return 1;
    }
    printing.out().print(format == Format.json ? checked.report().json() : checked.report().table());
    return checked.report().hasErrors() ? 1 : 0;
  }
}
