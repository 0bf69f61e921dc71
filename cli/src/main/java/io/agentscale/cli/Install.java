package io.agentscale.cli;

import java.nio.file.Path;

/** Where this agentscale is installed: the checkout {@code ./agentscale} runs from (its {@code agentscale.home}). */
final class Install {
  private Install() {}

  /** The checkout; the working folder when started otherwise (the tests run in the checkout). */
  static Path home() {
    return Path.of(System.getProperty("agentscale.home", "")).toAbsolutePath().normalize();
  }
}
