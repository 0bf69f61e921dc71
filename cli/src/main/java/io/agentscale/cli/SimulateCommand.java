package io.agentscale.cli;

import io.agentscale.traffic.CallLengths;
import io.agentscale.simulate.Outcome;
import io.agentscale.traffic.Scenario;
import io.agentscale.simulate.Simulation;
import io.agentscale.simulate.Simulation.Platform;
import io.agentscale.simulate.SimulationReport;
import io.agentscale.simulate.SimulationSettings;
import io.agentscale.traffic.Trace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.DoubleConsumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import io.agentscale.synth.CheckedProfile;

/**
 * {@code agentscale simulate PROFILE (--scenario NAME | --trace FILE.csv)}: replays call traffic against the
 * Kubernetes chain and LiveKit Cloud's rules, side by side.
 */
@Command(name = "simulate", description = "Replay call traffic against the profile's scaling rules on Kubernetes "
    + "and LiveKit Cloud: drops, waits, interrupted calls and cost.")
final class SimulateCommand implements Callable<Integer> {
  @Mixin Printing printing;

  enum Platforms { kubernetes, livekit_cloud, both }

  static final class Traffic {
    @Option(names = "--scenario", paramLabel = "NAME", required = true,
        description = "monday-morning, friday-evening or hotline-surge")
    String scenario;

    @Option(names = "--trace", paramLabel = "FILE.csv", required = true,
        description = "a CSV with header time,arrivals_per_minute; each rate holds until the next row")
    Path trace;
  }

  @Mixin ProfileArgument profile;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Traffic traffic;

  @Option(names = "--platform", defaultValue = "both", paramLabel = "kubernetes|livekit-cloud|both",
      converter = PlatformsConverter.class, description = "which platform to simulate (default: both)")
  Platforms platform;

  @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
      description = "simulated time (default: the scenario's length, or the trace's last row)")
  Duration duration;

  @picocli.CommandLine.Mixin
  CallerOptions callers;

  @Option(names = "--deletion-cost", defaultValue = "none", paramLabel = "none|sessions",
      description = "what-if: each agent pod's pod-deletion-cost is its live session count, so scale-in takes idle "
          + "pods first (default: none, as the manifests ship)")
  SimulationSettings.DeletionCost deletionCost;

  enum Switch { on, off }

  @Option(names = "--prepull", paramLabel = "on|off",
      description = "what-if: balloons pre-pull the agent image or not (default: the profile's kubernetes.prepull_image)")
  Switch prepull;

  @Option(names = "--seed", defaultValue = "1", description = "seed of every random choice (default: 1)")
  long seed;

  @Option(names = "--format", defaultValue = "table", description = "table (for a person) or json (for tools)")
  Format format;

  @Option(names = "--report", paramLabel = "DIR", description = "also write a self-contained HTML report here")
  Path report;

  static final class PlatformsConverter implements picocli.CommandLine.ITypeConverter<Platforms> {
    @Override
    public Platforms convert(String value) {
      return switch (value) {
        case "kubernetes" -> Platforms.kubernetes;
        case "livekit-cloud" -> Platforms.livekit_cloud;
        case "both" -> Platforms.both;
        default -> throw new picocli.CommandLine.TypeConversionException(
            "\"" + value + "\" is not a platform; choose kubernetes, livekit-cloud or both");
      };
    }
  }

  @Override
  public Integer call() {
    String usage = settingsProblem(); // usage errors first: they need no file read
    if (usage != null) {
      printing.err().println("simulate: " + usage);
      return 2;
    }
    var checked = profile.check();
    if (!checked.valid()) {
      checked.print(printing.err());
      return 1;
    }
    String problem = report == null ? null : reportProblem(report);
    if (problem != null) {
      printing.err().println("simulate: " + problem);
      return 1;
    }
    var settings = callers.settings(checked.profile()).withSeed(seed).withDeletionCost(deletionCost)
        .withPrepull(prepull == null ? null : prepull == Switch.on);
    Trace trace;
    try {
      trace = trace(checked, settings);
    } catch (Trace.InvalidTraceException e) {
      printing.err().println("simulate: " + e.getMessage());
      return 1;
    }
    String tooLarge = Simulation.sizeProblem(trace);
    if (tooLarge != null) {
      printing.err().println("simulate: " + (traffic.trace != null ? traffic.trace + ": " : "") + tooLarge);
      return 1;
    }
    var outcomes = new ArrayList<Outcome>();
    for (Platform p : platforms()) {
      outcomes.add(Simulation.run(checked.profile(), trace, settings, p, progress(p, printing.err())));
    }
    var result = new SimulationReport(checked.profile().name(), trace.name(), trace.endSeconds(), settings,
        List.copyOf(outcomes));
    printing.out().print(format == Format.json ? result.json() : result.table());
    if (report != null) {
      try {
        printing.err().println("report: " + writeReport(result));
      } catch (IOException e) {
        printing.err().println("simulate: --report \"" + report + "\": cannot write the report (" + e.getMessage() + ")");
        return 1;
      }
    }
    return 0;
  }

  private String settingsProblem() {
    if (report != null && report.toString().isBlank()) {
      return "--report needs a folder, got ''";
    }
    if (callers.zeroMeanCall()) {
      return "--mean-call must be longer than 0s";
    }
    if (duration != null && duration.isZero()) {
      return "--duration must be longer than 0s";
    }
    if (traffic.scenario != null && Arrays.stream(Scenario.values()).noneMatch(s -> s.id().equals(traffic.scenario))) {
      return "--scenario: unknown scenario \"" + traffic.scenario + "\"; choose one of " + Scenario.ids();
    }
    return null;
  }

  /**
   * Creates the report folder and writes a probe file in it, so a place that cannot take the report fails in a second,
   * not after a long run.
   */
  static String reportProblem(Path folder) {
    String where = "--report \"" + folder + "\": ";
    for (Path p = folder.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        if (!Files.isDirectory(p)) {
          return where + p + " is a file, not a folder; choose a folder";
        }
        break;
      }
    }
    try {
      Files.createDirectories(folder);
      Files.delete(Files.createTempFile(folder, ".agentscale-probe-", ".tmp"));
      return null;
    } catch (AccessDeniedException e) {
      return where + "no permission to write in " + e.getFile() + "; choose a folder you can write to";
    } catch (FileSystemException e) {
      return where + "cannot write in " + e.getFile()
          + (e.getReason() == null ? "" : " (" + e.getReason().toLowerCase(Locale.ROOT) + ")")
          + "; choose another folder";
    } catch (IOException e) {
      return where + "cannot write there (" + e.getMessage() + "); choose another folder";
    }
  }

  private Trace trace(CheckedProfile checked, SimulationSettings settings) {
    Trace t = traffic.scenario != null
        ? Scenario.byId(traffic.scenario).trace(checked.profile(), settings.meanCall(), settings.seed())
        : Trace.readCsv(traffic.trace, duration);
    return duration == null ? t : t.endingAt(duration);
  }

  private List<Platform> platforms() {
    return switch (platform) {
      case kubernetes -> List.of(Platform.KUBERNETES);
      case livekit_cloud -> List.of(Platform.LIVEKIT_CLOUD);
      case both -> List.of(Platform.KUBERNETES, Platform.LIVEKIT_CLOUD);
    };
  }

  /** Prints progress in steps of 10% once a run has taken more than a second. */
  private static DoubleConsumer progress(Platform platform, java.io.PrintWriter err) {
    long start = System.nanoTime();
    int[] shown = {0};
    return fraction -> {
      int percent = (int) (fraction * 10) * 10;
      if (percent > shown[0] && System.nanoTime() - start > 1_000_000_000L) {
        shown[0] = percent;
        err.println("simulating " + platform.id() + ": " + percent + "%");
      }
    };
  }

  /** Writes DIR/PROFILE-TRAFFIC.html through a temporary file, so a failure never leaves half a report. */
  private Path writeReport(SimulationReport result) throws IOException {
    Files.createDirectories(report);
    String name = result.profile() + "-" + result.traffic().replaceAll("\\.csv$", "").replaceAll("[^A-Za-z0-9._-]", "_");
    Path file = report.resolve(name + ".html");
    Path temp = report.resolve("." + name + ".html." + ProcessHandle.current().pid() + ".tmp");
    try {
      Files.writeString(temp, result.html(), StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    return file;
  }
}
