package io.agentscale.cli;

import io.agentscale.profile.ProfileSchema;
import picocli.CommandLine.Command;

/** {@code agentscale fields}: the profile field reference that README embeds. */
@Command(name = "fields", description = "Print the profile field reference as a Markdown table.")
final class FieldsCommand implements Runnable {
  @Override
  public void run() {
    System.out.print(ProfileSchema.markdownTable());
  }
}
