package io.agentscale.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code agentscale}: the command-line entry point. Exit codes: 0 ok, 1 invalid profile or failure, 2 usage. */
@Command(
    name = "agentscale",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT, // every subcommand answers --help (and --version)
    versionProvider = Tool.Version.class,
    description = "Scale LiveKit voice-agent workers on active sessions: one profile in, LiveKit Cloud YAML, "
        + "Kubernetes manifests, an AWS node pool, a capacity plan and a scaling simulation out.",
    subcommands = {
        SynthCommand.class,
        ValidateCommand.class,
        PlanCommand.class,
        SizeCommand.class,
        SimulateCommand.class,
        HpaStepCommand.class,
        RsOrderCommand.class,
        TuneCommand.class,
        BenchCommand.class,
        BenchSynthCommand.class,
        BenchTuneCommand.class,
        DemoWorkerCommand.class,
        DoctorCommand.class,
        FieldsCommand.class,
        CommandLine.HelpCommand.class
    })
public final class Tool implements Runnable {
  public static final String VERSION = "0.1.0";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    JsiiWarmup.startEarly(args);
    System.exit(run(args));
  }

  public static int run(String... args) {
    return new CommandLine(new Tool())
        .setParameterExceptionHandler(Tool::usageError)
        .setExecutionExceptionHandler(Tool::failure)
        .execute(args);
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

  /** Whatever a command did not foresee still ends in one line and exit 1, never a stack trace. */
  private static int failure(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    command.getErr().println(command.getCommandName() + ": failed: " + what);
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
