package io.agentscale.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentscale.plan.Erlang;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import io.agentscale.synth.CheckedProfile;

/**
 * {@code agentscale size}: Erlang-B peak sizing in steady state. Calls per minute × mean call length and a drop target
 * give slots and workers; {@code --workers} instead gives the largest load those workers carry at the drop target.
 */
@Command(name = "size", description = "Size workers for a steady peak with Erlang-B: calls per minute, mean call "
    + "length and a drop target in; slots, workers and the utilization target out. With --workers, the inverse: the "
    + "largest load those workers carry.")
final class SizeCommand implements Callable<Integer> {
  @Mixin Printing printing;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static final class Load {
    @Option(names = "--calls-per-minute", paramLabel = "R", required = true,
        description = "calls arriving per minute at the peak")
    Double callsPerMinute;

    @Option(names = "--workers", paramLabel = "W", required = true,
        description = "inverse: the largest load W workers carry at the drop target")
    Integer workers;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Load load;

  @Option(names = "--mean-call", paramLabel = "D", converter = DurationConverter.class,
      description = "mean call length, such as 3m or 180s (required with --calls-per-minute; with --workers it turns "
          + "erlangs into calls per minute)")
  Duration meanCall;

  @Option(names = "--drop", paramLabel = "P", required = true, converter = DropConverter.class,
      description = "the share of calls you accept to drop: 1%% or 0.01")
  double drop;

  @Option(names = "--sessions-per-worker", paramLabel = "N",
      description = "sessions one worker serves (default: the profile's agent.scaling.sessions_per_worker)")
  Integer sessionsPerWorker;

  @Parameters(paramLabel = "PROFILE", arity = "0..1",
      description = "a profile file to read sessions_per_worker from, such as stacks/dental-receptionist.yaml")
  Path profile;

  @Option(names = "--format", defaultValue = "table", description = "table (for a person) or json (for tools)")
  Format format;

  @Spec CommandSpec spec;

  /** {@code 1%} or {@code 0.01}; a bare 1 is refused rather than read as 100%. */
  static final class DropConverter implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      String t = value.trim();
      boolean percent = t.endsWith("%");
      double v;
      try {
        v = Double.parseDouble(percent ? t.substring(0, t.length() - 1) : t) / (percent ? 100 : 1);
      } catch (NumberFormatException e) {
        throw new TypeConversionException("\"" + value + "\" is not a drop rate; write 1% or 0.01");
      }
      if (!(v > 0 && v < 1)) {
        throw new TypeConversionException("\"" + value + "\" is not between 0 and 100% (exclusive); write 1% or 0.01");
      }
      return v;
    }
  }

  @Override
  public Integer call() {
    checkUsage();
    Integer perWorker = sessionsPerWorker;
    if (profile != null) {
      var checked = CheckedProfile.check(profile);
      if (!checked.valid()) {
        checked.print(printing.err());
        return 1;
      }
      if (perWorker == null) {
        perWorker = checked.profile().scaling().sessionsPerWorker();
      }
    }
    ObjectNode figures = load.workers == null ? forward(perWorker) : inverse(perWorker);
    printing.out().print(format == Format.json ? json(figures) : table(figures, perWorker));
    return 0;
  }

  private void checkUsage() {
    if (sessionsPerWorker == null && profile == null) {
      throw usage("name --sessions-per-worker N or a PROFILE to read it from");
    }
    if (sessionsPerWorker != null && sessionsPerWorker < 1) {
      throw usage("--sessions-per-worker must be at least 1, got " + sessionsPerWorker);
    }
    if (load.callsPerMinute != null && !(load.callsPerMinute > 0 && Double.isFinite(load.callsPerMinute))) {
      throw usage("--calls-per-minute must be a number above 0, got " + load.callsPerMinute);
    }
    if (load.callsPerMinute != null && meanCall == null) {
      throw usage("--calls-per-minute needs --mean-call, such as 3m");
    }
    if (load.workers != null && load.workers < 1) {
      throw usage("--workers must be at least 1, got " + load.workers);
    }
    if (meanCall != null && meanCall.isZero()) {
      throw usage("--mean-call must be longer than 0s");
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private double minutes() {
    return meanCall.toMillis() / 60_000.0;
  }

  private ObjectNode forward(int perWorker) {
    double erlangs = load.callsPerMinute * minutes();
    int slots = Erlang.slotsFor(erlangs, drop);
    int workers = (slots + perWorker - 1) / perWorker;
    ObjectNode o = JSON.createObjectNode();
    o.put("offered_erlangs", erlangs);
    o.put("slots", slots);
    o.put("workers", workers);
    o.put("drop_rate", Erlang.loss(workers * perWorker, erlangs)); // whole workers: at most the target
    o.put("beta", Erlang.beta(slots, erlangs));
    o.put("utilization_target", erlangs / slots);
    return o;
  }

  private ObjectNode inverse(int perWorker) {
    int slots = load.workers * perWorker;
    double erlangs = Erlang.maxLoad(slots, drop);
    ObjectNode o = JSON.createObjectNode();
    o.put("workers", load.workers);
    o.put("slots", slots);
    o.put("drop_rate", drop);
    o.put("offered_erlangs", erlangs);
    if (meanCall == null) {
      o.putNull("max_calls_per_minute");
    } else {
      o.put("max_calls_per_minute", erlangs / minutes());
    }
    return o;
  }

  private static String json(ObjectNode figures) {
    try {
      return JSON.writeValueAsString(figures) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** One line per figure: the value and why it is what it is. */
  private String table(ObjectNode f, int perWorker) {
    var out = new StringBuilder();
    String target = percent(drop);
    String erlangs = sig(f.get("offered_erlangs").doubleValue());
    int slots = f.get("slots").intValue();
    int workers = f.get("workers").intValue();
    if (load.workers == null) {
      out.append("Peak sizing: ").append(sig(load.callsPerMinute)).append(" calls/min × ")
          .append(sig(minutes())).append(" min mean call, at most ").append(target).append(" dropped, ")
          .append(perWorker).append(" sessions per worker\n");
      String beta = round3(f.get("beta").doubleValue());
      row(out, "offered load", erlangs + " erlangs", "calls per minute × mean call in minutes: busy slots if none "
          + "were dropped");
      row(out, "slots", String.valueOf(slots), "smallest slot count whose Erlang-B loss ≤ " + target);
      row(out, "workers", String.valueOf(workers), "ceil(" + slots + " slots ÷ " + perWorker + " sessions per worker)");
      row(out, "drop rate", percent(f.get("drop_rate").doubleValue()), "Erlang-B loss of " + workers + " × "
          + perWorker + " = " + workers * perWorker + " slots at " + erlangs + " erlangs");
      row(out, "beta", beta, "square-root staffing: slots = R + β√R (" + slots + " = " + erlangs + " + " + beta
          + " × √" + erlangs + ")");
      row(out, "utilization target", round3(f.get("utilization_target").doubleValue()), "a fixed-threshold "
          + "autoscaler would need this utilization target at this load (" + erlangs + " ÷ " + slots + ")");
    } else {
      out.append("Peak capacity: ").append(workers).append(" workers × ").append(perWorker)
          .append(" sessions, at most ").append(target).append(" dropped\n");
      row(out, "workers", String.valueOf(workers), "--workers");
      row(out, "slots", String.valueOf(slots), workers + " workers × " + perWorker + " sessions per worker");
      row(out, "drop rate target", target, "--drop");
      row(out, "offered load", erlangs + " erlangs", "largest load whose Erlang-B loss on " + slots + " slots ≤ "
          + target);
      row(out, "calls per minute", meanCall == null ? "-" : sig(f.get("max_calls_per_minute").doubleValue()),
          meanCall == null ? "give --mean-call to turn erlangs into calls per minute"
              : erlangs + " erlangs ÷ " + sig(minutes()) + " min mean call");
    }
    out.append("Steady state: ramps and autoscaling lag need headroom on top (agentscale simulate measures it).\n");
    return out.toString();
  }

  private static void row(StringBuilder out, String what, String value, String why) {
    out.append(String.format(Locale.ROOT, "  %-18s %-16s %s%n", what, value, why));
  }

  /** Six significant digits, no trailing zeros: 15, 8.10804, 2.70268. */
  private static String sig(double v) {
    return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }

  private static String round3(double v) {
    return BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_UP).toPlainString();
  }

  /** Three significant digits as a percentage: 1%, 0.442%. */
  private static String percent(double fraction) {
    return new BigDecimal(fraction * 100).round(new MathContext(3)).stripTrailingZeros().toPlainString() + "%";
  }
}
