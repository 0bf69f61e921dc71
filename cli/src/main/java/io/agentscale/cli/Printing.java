package io.agentscale.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Where a command writes: picocli's writers, so a caller (or a test) chooses where output and errors go. A picocli
 * mixin: {@code @Mixin Printing printing}.
 */
@Command // a mixin picocli accepts needs one picocli annotation of its own
final class Printing {
  @Spec(Spec.Target.MIXEE) CommandSpec command;

  PrintWriter out() {
    return command.commandLine().getOut();
  }

  PrintWriter err() {
    return command.commandLine().getErr();
  }
}
