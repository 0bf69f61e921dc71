package io.agentscale.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.agentscale.profile.Durations;
import io.agentscale.profile.ProfileLoader;
import io.agentscale.profile.ProfileSchema;
import io.agentscale.profile.ScalingProfile;
import io.agentscale.traffic.Scenario;
import io.agentscale.simulate.Simulation.Platform;
import io.agentscale.simulate.SimulationSettings;
import io.agentscale.traffic.Trace;
import io.agentscale.tune.MonotoneSearch;
import io.agentscale.tune.Slo;
import io.agentscale.tune.TuneReport;
import io.agentscale.tune.Tuner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import io.agentscale.synth.CheckedProfile;

/**
 * {@code agentscale tune PROFILE (--scenario NAME… | --trace CSV…) --slo drop=1%}: the cheapest scaling settings that
 * meet the SLO on every scenario, judged by the simulator (see {@link Tuner}).
 */
@Command(name = "tune", description = "Find the cheapest scaling settings that meet a drop-rate SLO on every scenario, "
    + "judged by simulation.")
final class TuneCommand implements Callable<Integer> {
  @Mixin Printing printing;

  enum Target { kubernetes, livekit_cloud }

  static final class Traffic {
    @Option(names = "--scenario", paramLabel = "NAME", required = true, arity = "1..*",
        description = "monday-morning, friday-evening or hotline-surge (several: all must meet the SLO)")
    List<String> scenarios;

    @Option(names = "--trace", paramLabel = "FILE.csv", required = true, arity = "1..*",
        description = "CSV traces with header time,arrivals_per_minute (several: all must meet the SLO)")
    List<Path> traces;
  }

  @Mixin ProfileArgument profile;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Traffic traffic;

  @Option(names = "--slo", required = true, paramLabel = "drop=P[,interrupted=N]",
      description = "drop: the 95%% upper bound of the drop rate on every scenario; interrupted: calls cut per run "
          + "(default: no more than the current profile cuts)")
  String slo;

  @Option(names = "--platform", defaultValue = "kubernetes", paramLabel = "kubernetes|livekit-cloud",
      converter = TargetConverter.class, description = "which platform to tune for (default: kubernetes)")
  Target platform;

  @Option(names = "--budget", defaultValue = "2000", paramLabel = "N",
      description = "at most N simulations, one configuration on one seed each (default: 2000)")
  int budget;

  @Option(names = "--time", defaultValue = "120s", converter = DurationConverter.class, paramLabel = "D",
      description = "at most this much wall time for the search (default: 120s)")
  Duration time;

  @Option(names = "--seed", defaultValue = "1", description = "the first seed of the search (default: 1)")
  long seed;

  @Option(names = "--seeds", defaultValue = "4", paramLabel = "N",
      description = "seeds per scenario in the search (default: 4)")
  int seeds;

  @Option(names = "--confirm-seeds", defaultValue = "5", paramLabel = "N",
      description = "fresh seeds per scenario that confirm the winner (default: 5)")
  int confirmSeeds;

  @Option(names = "--threads", paramLabel = "N", description = "simulation threads (default: every core)")
  Integer threads;

  @CommandLine.Mixin
  CallerOptions callers;

  @Option(names = "--write", paramLabel = "FILE", description = "write the tuned profile here")
  Path write;

  @Option(names = "--format", defaultValue = "table", description = "table (for a person) or json (for tools)")
  Format format;

  @Option(names = "--report", paramLabel = "DIR", description = "also write an HTML page of every configuration")
  Path report;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  static final class TargetConverter implements CommandLine.ITypeConverter<Target> {
    @Override
    public Target convert(String value) {
      return switch (value) {
        case "kubernetes" -> Target.kubernetes;
        case "livekit-cloud" -> Target.livekit_cloud;
        default -> throw new CommandLine.TypeConversionException(
            "\"" + value + "\" is not a platform; choose kubernetes or livekit-cloud");
      };
    }
  }

  @Override
  public Integer call() throws IOException {
    Slo target;
    try {
      target = Slo.parse(slo);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (budget < 1 || seeds < 2 || confirmSeeds < 2 || (threads != null && threads < 1) || callers.zeroMeanCall()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--budget must be at least 1, --seeds and "
          + "--confirm-seeds at least 2 (a bound needs a spread), --threads at least 1, --mean-call above 0s");
    }
    if (report != null && report.toString().isBlank()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--report needs a folder, got ''");
    }
    if (report != null && Files.exists(report) && !Files.isDirectory(report)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--report " + report + " is a file, not a folder");
    }
    var checked = profile.check();
    if (!checked.valid()) {
      checked.print(printing.err());
      return 1;
    }
    ScalingProfile current = checked.profile();
    var settings = callers.settings(current);
    var scenarios = new ArrayList<Tuner.Traffic>();
    if (traffic.scenarios != null) {
      for (String name : traffic.scenarios) {
        Scenario s;
        try {
          s = Scenario.byId(name);
        } catch (IllegalArgumentException e) {
          throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        // the traffic is the current profile's and stays fixed while the settings change
        scenarios.add(new Tuner.Traffic(name, seed -> s.trace(current, settings.meanCall(), seed)));
      }
    } else {
      for (Path file : traffic.traces) {
        Trace t = Trace.readCsv(file, null);
        scenarios.add(new Tuner.Traffic(file.getFileName().toString(), seed -> t));
      }
    }
    var options = new Tuner.Options(platform == Target.kubernetes ? Platform.KUBERNETES : Platform.LIVEKIT_CLOUD,
        target, settings, budget, time, seed, seeds, confirmSeeds,
        threads != null ? threads : Runtime.getRuntime().availableProcessors(), new MonotoneSearch());
    Tuner.Result result;
    try {
      result = Tuner.tune(current, scenarios, options);
    } catch (IllegalStateException e) {
      printing.err().println("tune: " + e.getMessage());
      return 1;
    }
    var out = new TuneReport(result);
    printing.out().print(format == Format.json ? out.json() : out.table());
    if (report != null) {
      Path page = writeAtomically(report.resolve(current.name() + "-tune.html"), out.html());
      printing.err().println("report: " + page);
    }
    if (write != null && result.met()) {
      writeAtomically(write, tunedYaml(profile.file, current, result.chosen().profile()));
      printing.err().println("tuned profile: " + write);
    }
    return result.met() ? 0 : 1;
  }

  /**
   * The input file with every value the tuning changed set to its new value (the knobs, and fields derived from them
   * that the file states); other keys are kept. Comments are not carried over.
   */
  static String tunedYaml(Path input, ScalingProfile current, ScalingProfile tuned) throws IOException {
    var yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    var root = (ObjectNode) yaml.readTree(Files.readString(input));
    for (ProfileSchema.Field f : ProfileSchema.FIELDS) {
      Object was = f.get().apply(current);
      Object now = f.get().apply(tuned);
      if (!Objects.equals(was, now)) {
        set(root, f.path(), now);
      }
    }
    String text = yaml.writeValueAsString(root);
    var reread = ProfileLoader.parse(text);
    if (!reread.valid() || !reread.profile().scaling().equals(tuned.scaling())) {
      throw new IllegalStateException("the tuned profile does not read back as tuned: " + reread.problems());
    }
    return text;
  }

  private static void set(ObjectNode root, String path, Object value) {
    String[] keys = path.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < keys.length - 1; i++) {
      node = node.has(keys[i]) && node.get(keys[i]).isObject() ? (ObjectNode) node.get(keys[i])
          : node.putObject(keys[i]);
    }
    String key = keys[keys.length - 1];
    if (value instanceof Duration d) {
      node.put(key, Durations.seconds(d));
    } else if (value instanceof Integer i) {
      node.put(key, i);
    } else if (value instanceof Double d) {
      node.put(key, d);
    } else if (value instanceof Boolean b) {
      node.put(key, b);
    } else {
      node.put(key, String.valueOf(value));
    }
  }

  private static Path writeAtomically(Path file, String text) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // a plain new file, so it gets the user's umask (a temporary file would be private to them)
    Path temp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    return file;
  }
}
