package io.agentscale.bench;

import io.agentscale.cli.Tool;

/** {@code ./agentscale bench-…}: the agentscale command with the benchmark commands added. */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) {
    Tool.start(args);
    Tool.exit(Tool.execute(Tool.commandLine()
        .addSubcommand(new BenchSynthCommand())
        .addSubcommand(new BenchSimulateCommand())
        .addSubcommand(new BenchTuneCommand()), args));
  }
}
