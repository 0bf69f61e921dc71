package io.agentscale.synth;

import java.io.PrintWriter;
import io.agentscale.plan.Finding;
import io.agentscale.plan.PlanReport;
import io.agentscale.profile.ProfileLoader;
import io.agentscale.profile.Problem;
import io.agentscale.profile.ScalingProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A profile file, checked: the problems that keep it from being read (each under its YAML path), else its plan with
 * the rule pack's findings, of which errors keep it from being synthesized.
 */
public record CheckedProfile(Path file, ScalingProfile profile, PlanReport report, List<Problem> problems) {

  public static CheckedProfile check(Path file) {
    var result = ProfileLoader.read(file);
    if (!result.valid()) {
      return new CheckedProfile(file, null, null, result.problems());
    }
    return new CheckedProfile(file, result.profile(), PlanReport.of(result.profile()), List.of());
  }

  /** The findings of severity error: what the outputs would get wrong. */
  public List<Finding> errors() {
    return report == null ? List.of()
        : report.findings().stream().filter(f -> f.severity() == Finding.Severity.ERROR).toList();
  }

  /** The profiles of the current folder, {@code stacks/*.yaml}, in name order. */
  public static List<Path> bundled() {
    return in(Path.of("stacks"));
  }

  /** The profiles {@code *.yaml} of a folder, in name order. */
  public static List<Path> in(Path stacks) {
    if (!Files.isDirectory(stacks) && !stacks.equals(Path.of("stacks"))) {
      throw new UserError("no folder " + stacks.toAbsolutePath() + ": name the folder that holds your profiles");
    }
    if (!Files.isDirectory(stacks)) {
      throw new UserError("no stacks/ folder in " + Path.of("").toAbsolutePath() + ": run it in a folder that holds "
          + "stacks/*.yaml (agentscale init makes one), or name the profile files");
    }
    try (Stream<Path> files = Files.list(stacks)) {
      var found = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
      if (found.isEmpty()) {
        throw new UserError("no profiles in " + stacks.toAbsolutePath() + ": add one (stacks/NAME.yaml)");
      }
      return found;
    } catch (java.io.IOException e) {
      throw new UserError("cannot list " + stacks.toAbsolutePath() + ": " + AtomicFolder.reason(e));
    }
  }

  /** Every profile of a folder checked; null after printing the problems when any is invalid (the mains exit 1). */
  public static List<CheckedProfile> validOrNull(Path stacks, PrintWriter err) {
    List<CheckedProfile> all = in(stacks).stream().map(CheckedProfile::check).toList();
    all.stream().filter(p -> !p.valid()).forEach(p -> p.print(err));
    return all.stream().allMatch(CheckedProfile::valid) ? all : null;
  }

  public boolean valid() {
    return problems.isEmpty() && errors().isEmpty();
  }

  public boolean hasWarnings() {
    return report != null && report.findings().stream().anyMatch(f -> f.severity() == Finding.Severity.WARNING);
  }

  public void print(PrintWriter out) {
    if (valid()) {
      long warnings = report.findings().stream().filter(f -> f.severity() == Finding.Severity.WARNING).count();
      out.println(file + ": valid" + (warnings > 0 ? ", " + warnings + " warning" + (warnings > 1 ? "s" : "") : ""));
    } else {
      int n = problems.size() + errors().size();
      out.println(file + ": " + n + " problem" + (n > 1 ? "s" : ""));
      problems.forEach(p -> out.println("  " + printable(p.toString())));
      errors().forEach(f -> out.println("  error " + f.rule() + ": " + printable(f.message())));
    }
    if (report != null) {
      report.findings().stream().filter(f -> f.severity() == Finding.Severity.WARNING)
          .forEach(f -> out.println("  warning " + f.rule() + ": " + printable(f.message())));
    }
  }

  /**
   * A message as the terminal should show it: control and text-direction characters a file may hold (an escape
   * sequence, a right-to-left override) written as {@code \\uXXXX} instead of acting on the terminal.
   */
  public static String printable(String text) {
    var out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      boolean acts = Character.isISOControl(c) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
          || c == 0x200E || c == 0x200F;
      if (acts) {
        out.append(String.format("\\u%04X", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }
}
