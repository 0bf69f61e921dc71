package io.agentscale.plan;

import io.agentscale.profile.ScalingProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The profile's {@code suppressions} applied to its findings, the cdk-nag way: a suppressed warning or info stays
 * visible as an info that quotes the reason; an error cannot be suppressed, and a suppression that names no rule is
 * an error that says which rule was meant.
 */
final class Suppressions {
  /** Every rule id a finding can carry: the rule pack's and those the cluster and version checks emit. */
  static final List<String> KNOWN = Stream.concat(Rules.ALL.stream().map(Rules.Rule::id), Stream.of(
      "adapter-on-existing-cluster", "adapter-settings-conflict", "autoscaler-needs-aws-role",
      "eks-version-extended-support", "eks-version-unknown", "eks-version-unsupported", "no-admin-principal",
      "no-node-autoscaler", "pod-unschedulable", "private-api-endpoint", "system-instance-type-unknown")).toList();

  private Suppressions() {}

  static List<Finding> apply(ScalingProfile profile, List<Finding> findings) {
    var out = new ArrayList<Finding>();
    for (Finding f : findings) {
      var suppression = profile.suppressions().stream().filter(s -> s.rule().equals(f.rule())).findFirst();
      if (suppression.isPresent() && f.severity() != Finding.Severity.ERROR) {
        out.add(new Finding(f.rule(), Finding.Severity.INFO,
            "suppressed (" + suppression.get().reason() + "): " + f.message(), f.why()));
      } else {
        out.add(f);
      }
    }
    for (int i = 0; i < profile.suppressions().size(); i++) {
      String rule = profile.suppressions().get(i).rule();
      String at = "suppressions[" + i + "].rule";
      if (!KNOWN.contains(rule)) {
        out.add(new Finding("suppression-unknown-rule", Finding.Severity.ERROR, at + " '" + rule
            + "' names no rule" + closest(rule) + "; the ids are those plan prints", "a suppression must name the "
            + "finding it accepts, or a misspelt id would silence nothing and look as if it did"));
      } else if (findings.stream().anyMatch(f -> f.rule().equals(rule) && f.severity() == Finding.Severity.ERROR)) {
        out.add(new Finding("suppression-of-error", Finding.Severity.ERROR, at + " '" + rule + "' is an error, "
            + "which cannot be suppressed: fix what it names", "an error finding means the outputs would not work"));
      }
    }
    return List.copyOf(out);
  }

  private static String closest(String rule) {
    return KNOWN.stream().filter(k -> io.agentscale.profile.Spelling.distance(k, rule) <= Math.max(2, rule.length() / 4))
        .min(java.util.Comparator.comparingInt(k -> io.agentscale.profile.Spelling.distance(k, rule)))
        .map(k -> " (did you mean '" + k + "'?)").orElse("");
  }
}
