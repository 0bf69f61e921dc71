package io.agentscale.cli;

import io.agentscale.plan.ClusterPlan;
import io.agentscale.plan.Finding;
import io.agentscale.profile.Problem;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Valid profiles grouped into the clusters they name, with what keeps them from working together: fields they
 * disagree on, shared names, and the cluster's error findings (a pod no node group admits).
 */
record Clusters(List<ClusterPlan> plans, List<Problem> problems) {

  static Clusters of(List<Profiles> valid) {
    var grouped = ClusterPlan.group(valid.stream()
        .map(p -> new ClusterPlan.Agent(p.profile(), p.report().plan())).toList());
    var problems = new ArrayList<>(grouped.problems());
    for (ClusterPlan cluster : grouped.clusters()) {
      cluster.findings().stream().filter(f -> f.severity() == Finding.Severity.ERROR)
          .forEach(f -> problems.add(new Problem(f.rule(), "cluster " + cluster.name() + ": " + f.message())));
    }
    return new Clusters(grouped.clusters(), List.copyOf(problems));
  }

  boolean valid() {
    return problems.isEmpty();
  }

  /** The problems; each profile's own warnings, its cluster's included, are printed with the profile. */
  void print(PrintStream out) {
    if (!valid()) {
      out.println("clusters: " + problems.size() + " problem" + (problems.size() > 1 ? "s" : ""));
      problems.forEach(p -> out.println("  " + p));
    }
  }
}
