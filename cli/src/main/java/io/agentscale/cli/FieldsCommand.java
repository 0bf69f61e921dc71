package io.agentscale.cli;

import io.agentscale.profile.ProfileSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code agentscale fields}: the profile field reference that README embeds. */
@Command(name = "fields", description = "Print the profile field reference as a Markdown table.")
final class FieldsCommand implements Runnable {
  @Mixin Printing printing;

  @Override
  public void run() {
    printing.out().print(ProfileSchema.markdownTable());
  }
}
