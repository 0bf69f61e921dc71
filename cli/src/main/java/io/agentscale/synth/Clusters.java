package io.agentscale.synth;

import java.io.PrintWriter;
import io.agentscale.plan.ClusterPlan;
import io.agentscale.plan.Finding;
import io.agentscale.profile.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Valid profiles grouped into the clusters they name, with what keeps them from working together: fields they
 * disagree on, shared names, and the cluster's error findings (a pod no node group admits).
 */
public record Clusters(List<ClusterPlan> plans, List<Problem> problems, List<Finding> errors) {

  /**
   * The clusters the profiles of a folder name, for the CDK and cdk8s apps; null after printing why when a profile is
   * invalid, the folder has none, or the profiles cannot share their clusters (the apps then exit 1).
   */
  public static List<ClusterPlan> ofFolderOrNull(java.nio.file.Path stacks, PrintWriter err) {
    List<CheckedProfile> profiles;
    try {
      profiles = CheckedProfile.validOrNull(stacks, err);
    } catch (UserError e) {
      err.println("agentscale: " + e.getMessage());
      return null;
    }
    if (profiles == null) {
      return null;
    }
    var clusters = of(profiles);
    if (!clusters.valid()) {
      clusters.print(err);
      return null;
    }
    return clusters.plans();
  }

  public static Clusters of(List<CheckedProfile> valid) {
    // one agent.name twice: name both files (the name decides the stack, the node group and the output folder)
    var byName = new java.util.LinkedHashMap<String, CheckedProfile>();
    var duplicates = new ArrayList<Problem>();
    for (var p : valid) {
      var other = byName.putIfAbsent(p.profile().name(), p);
      if (other != null) {
        duplicates.add(new Problem("agent.name", "'" + p.profile().name() + "' names both " + other.file() + " and "
            + p.file() + ": each profile needs its own agent.name"));
      }
    }
    if (!duplicates.isEmpty()) {
      return new Clusters(List.of(), List.copyOf(duplicates), List.of());
    }
    var grouped = ClusterPlan.group(valid.stream()
        .map(p -> new ClusterPlan.Agent(p.profile(), p.report().plan())).toList());
    var errors = new ArrayList<Finding>();
    for (ClusterPlan cluster : grouped.clusters()) {
      cluster.findings().stream().filter(f -> f.severity() == Finding.Severity.ERROR)
          .forEach(f -> errors.add(new Finding(f.rule(), f.severity(), "cluster " + cluster.name() + ": "
              + f.message(), f.why())));
    }
    return new Clusters(grouped.clusters(), grouped.problems(), List.copyOf(errors));
  }

  public boolean valid() {
    return problems.isEmpty() && errors.isEmpty();
  }

  /** The problems; each profile's own warnings, its cluster's included, are printed with the profile. */
  public void print(PrintWriter out) {
    if (!valid()) {
      int n = problems.size() + errors.size();
      out.println("clusters: " + n + " problem" + (n > 1 ? "s" : ""));
      problems.forEach(p -> out.println("  " + p));
      errors.forEach(f -> out.println("  error " + f.rule() + ": " + f.message()));
    }
  }
}
