package io.agentscale.cli;

import io.agentscale.profile.ProfileSchema;
import picocli.CommandLine.Command;

/** {@code agentscale fields}: the profile field reference that README embeds. */
@Command(name = "fields", description = "Print the profile field reference as a Markdown table.")
final class FieldsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Where the command writes its result: picocli's writer, so a caller (or a test) chooses where it goes. */
  private java.io.PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private java.io.PrintWriter err() {
    return spec.commandLine().getErr();
  }

  @Override
  public void run() {
    out().print(ProfileSchema.markdownTable());
  }
}
