package io.agentscale.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import io.agentscale.synth.UserError;
import io.agentscale.synth.JsiiWarmup;
import io.agentscale.synth.Interrupts;
import io.agentscale.synth.AtomicFolder;

/** {@code agentscale}: the command-line entry point. Exit codes: 0 ok, 1 invalid profile or failure, 2 usage. */
@Command(
    name = "agentscale",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT, // every subcommand answers --help (and --version)
    versionProvider = Tool.Version.class,
    description = "Scale LiveKit voice-agent workers on active sessions: one profile in, LiveKit Cloud YAML, "
        + "Kubernetes manifests, an AWS node pool, a capacity plan and a scaling simulation out.",
    subcommands = {
        InitCommand.class,
        SynthCommand.class,
        ValidateCommand.class,
        PlanCommand.class,
        SizeCommand.class,
        SimulateCommand.class,
        HpaStepCommand.class,
        RsOrderCommand.class,
        TuneCommand.class,
        DemoWorkerCommand.class,
        DoctorCommand.class,
        FieldsCommand.class,
        CommandLine.HelpCommand.class
    })
public final class Tool implements Runnable {
  public static final String VERSION = "0.1.0";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    start(args);
    int code;
    try {
      code = run(args);
    } catch (Throwable t) {
      if (Interrupts.stopping()) {
        code = 1; // the run was cut by a signal: its handler prints the one line and sets the exit code
      } else {
        throw t;
      }
    }
    exit(code);
  }

  /** Exits with the command's code, unless a signal is stopping the run: its handler then sets the code. */
  public static void exit(int code) {
    Interrupts.awaitStopIfStopping();
    System.exit(code);
  }

  /** What every entry point does first: signal handling, and the jsii engine's early start for a synth. */
  public static void start(String[] args) {
    // a thread cut short by a signal (the jsii warm-up, say) stays silent: the handler prints the one line
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      if (!Interrupts.stopping()) {
        System.err.println("agentscale: unexpected " + e + " in thread " + thread.getName());
      }
    });
    JsiiWarmup.startEarly(args);
  }

  public static int run(String... args) {
    return execute(commandLine(), args);
  }

  /** Runs a command line and flushes its writers: a result printed without a final newline is not lost at exit. */
  public static int execute(CommandLine commandLine, String... args) {
    try {
      return commandLine.execute(args);
    } finally {
      commandLine.getOut().flush();
      commandLine.getErr().flush();
    }
  }

  /** The command line with every command; the benchmarks (a module of their own) add theirs to it. */
  public static CommandLine commandLine() {
    return new CommandLine(new Tool())
        .setParameterExceptionHandler(Tool::usageError)
        .setExecutionExceptionHandler(Tool::failed);
  }

  /** A usage error is one line: what was wrong, the suggestion if picocli has one, where help is. Exit 2. */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    String name = command.getCommandName();
    String message = e.getMessage();
    if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
      message += "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
    }
    command.getErr().println(name + ": " + message + " (see " + command.getCommandSpec().qualifiedName() + " --help)");
    return 2;
  }

  /**
   * A command that threw: a {@link UserError} is one line naming the fix; anything else is a defect of ours, also one
   * line (AGENTSCALE_DEBUG=1 prints the trace).
   */
  private static int failed(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    if (Interrupts.stopping()) {
      return 1; // cut by a signal, whose handler reports it
    }
    var err = command.getErr();
    String name = "agentscale " + command.getCommandName();
    if (e instanceof UserError) {
      err.println(name + ": " + e.getMessage());
    } else if (e instanceof java.io.UncheckedIOException || e instanceof java.io.IOException) {
      Throwable io = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
      err.println(name + ": " + (io instanceof java.io.IOException x ? AtomicFolder.reason(x) : io) + ": "
          + (io instanceof java.nio.file.FileSystemException f ? f.getFile() : io.getMessage()));
    } else {
      err.println(name + ": unexpected " + e + " (please report it; AGENTSCALE_DEBUG=1 prints the trace)");
    }
    if (System.getenv("AGENTSCALE_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return 1;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command, for example: synth");
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"agentscale " + VERSION};
    }
  }
}
