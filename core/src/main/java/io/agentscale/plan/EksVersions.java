package io.agentscale.plan;

import io.agentscale.profile.ClusterMode;
import io.agentscale.profile.ScalingProfile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * EKS's Kubernetes version calendar, as published on 2026-12-01 (docs.aws.amazon.com/eks/latest/userguide/
 * kubernetes-versions.html, "Amazon EKS Kubernetes release calendar"): a minor gets 14 months of standard support,
 * then 12 months of extended support at $0.60 instead of $0.10 per cluster hour, then EKS upgrades it. New clusters
 * can be created on any version in standard or extended support. Re-check the dates before relying on them.
 */
public final class EksVersions {
  /** When this table was last checked against the calendar. */
  public static final LocalDate CHECKED = LocalDate.of(2026, 12, 1);

  /** End of standard support and end of extended support. */
  public record Support(LocalDate standardEnds, LocalDate extendedEnds) {}

  static final Map<String, Support> CALENDAR = Map.of(
      "1.28", new Support(LocalDate.of(2024, 11, 26), LocalDate.of(2025, 11, 26)),
      "1.29", new Support(LocalDate.of(2025, 3, 23), LocalDate.of(2026, 3, 23)),
      "1.30", new Support(LocalDate.of(2025, 7, 23), LocalDate.of(2026, 7, 23)),
      "1.31", new Support(LocalDate.of(2025, 11, 26), LocalDate.of(2026, 11, 26)),
      "1.32", new Support(LocalDate.of(2026, 3, 23), LocalDate.of(2027, 3, 23)),
      "1.33", new Support(LocalDate.of(2026, 7, 29), LocalDate.of(2027, 7, 29)),
      "1.34", new Support(LocalDate.of(2026, 12, 2), LocalDate.of(2027, 12, 2)),
      "1.35", new Support(LocalDate.of(2027, 3, 27), LocalDate.of(2028, 3, 27)));

  /** The first minor where the HPA's per-direction tolerance (HPAConfigurableTolerance) is beta and on. */
  public static final String CONFIGURABLE_TOLERANCE_SINCE = "1.35";

  private EksVersions() {}

  /** Findings about the profile's Kubernetes version on {@code today}. */
  public static List<Finding> findings(ScalingProfile p, LocalDate today) {
    var found = new ArrayList<Finding>();
    String version = p.aws().kubernetesVersion();
    var support = CALENDAR.get(version);
    boolean isNew = p.aws().clusterMode() == ClusterMode.NEW;
    if (support == null) {
      found.add(new Finding("eks-version-unknown", Finding.Severity.WARNING, "aws.kubernetes_version " + version
          + " is not in agentscale's EKS calendar (checked " + CHECKED + "): check that EKS offers it",
          "EKS creates clusters only on versions it supports"));
    } else if (today.isAfter(support.extendedEnds())) {
      found.add(new Finding("eks-version-unsupported", isNew ? Finding.Severity.ERROR : Finding.Severity.WARNING,
          "aws.kubernetes_version " + version + " left EKS extended support on " + support.extendedEnds()
              + (isNew ? ": EKS can no longer create it; " : ": EKS upgrades such clusters itself; ")
              + "choose " + newestInStandardSupport(today), "EKS creates and runs only supported versions"));
    } else if (today.isAfter(support.standardEnds())) {
      found.add(new Finding("eks-version-extended-support", Finding.Severity.WARNING,
          "aws.kubernetes_version " + version + " left standard support on " + support.standardEnds()
              + ": extended support costs $0.60 instead of $0.10 per cluster hour until " + support.extendedEnds()
              + "; choose " + newestInStandardSupport(today),
          "a version past standard support costs six times as much per cluster hour"));
    }
    if (p.kubernetes().hpa().configurableTolerance() && minor(version) < minor(CONFIGURABLE_TOLERANCE_SINCE)) {
      found.add(new Finding("tolerance-needs-1.35", Finding.Severity.ERROR,
          "kubernetes.hpa.configurable_tolerance needs Kubernetes >= " + CONFIGURABLE_TOLERANCE_SINCE
              + " (HPAConfigurableTolerance is alpha and off before, and EKS enables no alpha gates), got "
              + version + ": raise aws.kubernetes_version or turn it off",
          "an API server without the gate drops the field, and the HPA silently scales down at 90% of target"));
    }
    return List.copyOf(found);
  }

  /** The newest version still in standard support on {@code today}. */
  static String newestInStandardSupport(LocalDate today) {
    return CALENDAR.entrySet().stream()
        .filter(e -> !today.isAfter(e.getValue().standardEnds()))
        .map(Map.Entry::getKey)
        .max(java.util.Comparator.comparingInt(EksVersions::minor))
        .orElse("the newest version EKS offers");
  }

  static int minor(String version) {
    return Integer.parseInt(version.substring(version.indexOf('.') + 1));
  }
}
