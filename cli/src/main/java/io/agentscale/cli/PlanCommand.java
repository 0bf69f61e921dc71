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
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Where the command writes its result: picocli's writer, so a caller (or a test) chooses where it goes. */
  private java.io.PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private java.io.PrintWriter err() {
    return spec.commandLine().getErr();
  }

  @Mixin ProfileArgument profile;

  @Option(names = "--format", defaultValue = "table", description = "table (for a person) or json (for tools)")
  Format format;

  @Override
  public Integer call() {
    var checked = profile.check();
    if (checked.report() == null) {
      checked.print(err());
      return 1;
    }
    out().print(format == Format.json ? checked.report().json() : checked.report().table());
    return checked.report().hasErrors() ? 1 : 0;
  }
}
