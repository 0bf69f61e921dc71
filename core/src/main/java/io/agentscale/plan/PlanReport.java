package io.agentscale.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentscale.profile.Durations;
import io.agentscale.profile.ScalingProfile;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A profile's plan, findings and monthly cost, as a table for a person or as the stable JSON contract for tools.
 *
 * @param cost the profile's cluster as if it ran alone: a new cluster's control plane, NAT and system nodes included
 */
public record PlanReport(ScalingProfile profile, CapacityPlan plan, List<Finding> findings, CostEstimate cost) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The plan and findings as of today (the CLI's entry point). */
  public static PlanReport of(ScalingProfile profile) {
    return of(profile, java.time.LocalDate.now(java.time.ZoneOffset.UTC));
  }

  /** The plan and findings on {@code today}, which only the EKS version findings read. */
  public static PlanReport of(ScalingProfile profile, java.time.LocalDate today) {
    var plan = CapacityPlan.from(profile);
    var findings = new java.util.ArrayList<>(Rules.evaluate(profile, plan));
    findings.addAll(EksVersions.findings(profile, today));
    // The profile's cluster as if it ran alone: its pods must fit its node groups. Shared clusters are checked whole
    // where several profiles are read together (validate, synth, the CDK and cdk8s apps).
    var cluster = ClusterPlan.group(List.of(new ClusterPlan.Agent(profile, plan))).clusters().get(0);
    findings.addAll(cluster.findings());
    return new PlanReport(profile, plan, Suppressions.apply(profile, findings),
        CostEstimate.of(cluster, cluster.natGateways()));
  }

  public boolean hasErrors() {
    return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.ERROR);
  }

  public ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("profile", profile.name());
    var w = root.putObject("worker");
    w.put("sessions", plan.worker().sessions());
    w.put("cpu_millis", plan.worker().cpuMillis());
    w.put("memory_mib", plan.worker().memoryMiB());
    var n = root.putObject("node");
    n.put("instance_type", plan.node().instanceType());
    n.put("allocatable_cpu_millis", plan.node().allocatableCpuMillis());
    n.put("allocatable_memory_mib", plan.node().allocatableMemoryMiB());
    n.put("max_pods", plan.node().maxPods());
    n.put("workers_per_node", plan.node().workersPerNode());
    var nodes = root.putObject("nodes");
    nodes.put("at_min_workers", plan.nodesAtMinWorkers());
    nodes.put("at_max_workers", plan.nodesAtMaxWorkers());
    var group = root.putObject("node_group");
    group.put("min_size", plan.nodeGroup().minSize());
    group.put("max_size", plan.nodeGroup().maxSize());
    var zones = group.putArray("zones");
    plan.nodeGroup().zones().forEach(z -> zones.addObject().put("min_size", z.minSize()).put("max_size", z.maxSize()));
    var types = group.putArray("instance_types");
    plan.node().instanceTypes().forEach(types::add);
    group.put("root_volume_gib", plan.node().rootVolumeGiB());
    var b = root.putObject("buffer");
    b.put("fraction", plan.buffer().fraction());
    b.put("balloon_pods", plan.buffer().balloonPods());
    b.put("balloon_cpu_millis", plan.buffer().balloonCpuMillis());
    b.put("balloon_memory_mib", plan.buffer().balloonMemoryMiB());
    b.put("idle_fraction_at_min", plan.buffer().idleFractionAtMin());
    b.put("idle_fraction_at_max", plan.buffer().idleFractionAtMax());
    var objects = root.putArray("required_objects");
    requiredObjects(profile).forEach(objects::add);
    var h = root.putObject("hpa");
    h.put("target_average_value", plan.hpa().targetAverageValue());
    h.put("target_quantity", plan.hpa().targetQuantity());
    h.put("min_replicas", plan.hpa().minReplicas());
    h.put("max_replicas", plan.hpa().maxReplicas());
    var r = root.putObject("headroom");
    r.put("provisioning_seconds", plan.headroom().provisioning().toSeconds());
    r.put("at_workers", plan.headroom().atWorkers());
    r.put("pods_added_during_provisioning", plan.headroom().podsAddedDuringProvisioning());
    r.put("slots_before_new_node", plan.headroom().slotsBeforeNewNode());
    r.put("sessions_before_new_nodes", plan.headroom().sessionsBeforeNewNodes());
    r.put("buffer_covers", plan.headroom().bufferCovers());
    costJson(root.putObject("cost"));
    ArrayNode clocks = root.putArray("disruption");
    for (var c : DisruptionClocks.of(profile, plan)) {
      var o = clocks.addObject();
      o.put("mechanism", c.mechanism().id());
      o.put("stops_with", c.mechanism().stopsWith());
      o.put("seconds_given", c.applies() ? c.given().toSeconds() : null);
      o.put("verdict", c.verdict());
      o.put("cuts_after_seconds", c.cutsAfter().map(Duration::toSeconds).orElse(null));
    }
    ArrayNode list = root.putArray("findings");
    for (Finding f : findings) {
      var o = list.addObject();
      o.put("rule", f.rule());
      o.put("severity", f.severity().label());
      o.put("message", f.message());
    }
    return root;
  }

  /** Totals and per-item amounts are null where something is not priced; {@code not_priced} says what. */
  private void costJson(ObjectNode out) {
    var monthly = out.putObject("monthly_usd");
    monthly.put("at_min", cost.monthlyUsdAtMin());
    monthly.put("at_max", cost.monthlyUsdAtMax());
    var items = out.putArray("items");
    for (var i : cost.items()) {
      var o = items.addObject();
      o.put("item", i.item());
      o.put("count_at_min", i.countAtMin());
      o.put("count_at_max", i.countAtMax());
      o.put("usd_per_hour", i.usdPerHour());
      o.put("monthly_usd_at_min", i.monthlyUsdAtMin());
      o.put("monthly_usd_at_max", i.monthlyUsdAtMax());
    }
    var unpriced = out.putArray("not_priced");
    cost.unpriced().forEach(unpriced::add);
    var prices = out.putObject("prices");
    prices.put("region", cost.region());
    prices.put("date", cost.pricesDate().toString());
    prices.put("hours_per_month", CostEstimate.HOURS_PER_MONTH);
  }

  public String json() {
    try {
      return JSON.writeValueAsString(toJson()) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The table: each number, what it is, and where it comes from. */
  public String table() {
    var p = profile;
    var w = plan.worker();
    var n = plan.node();
    var s = p.scaling();
    var c = p.capacity();
    var out = new StringBuilder();
    out.append("Capacity plan for ").append(p.name()).append('\n');
    row(out, "worker requests", w.cpuMillis() + "m CPU, " + w.memoryMiB() + "Mi (limit = request)",
        c.baseCpuMillis() + "m + " + s.sessionsPerWorker() + " × " + c.cpuPerSessionMillis() + "m; "
            + c.baseMemoryMiB() + "Mi + " + s.sessionsPerWorker() + " × " + c.memoryPerSessionMiB() + "Mi");
    row(out, "node type", n.instanceType() + (n.known() ? " (" + n.vcpus() + " vCPU, " + n.memoryGiB() + " GiB"
        + (n.arm64() ? ", arm64" : "") + ")" : " (unknown)"), "aws.instance_type");
    row(out, "node allocatable", n.allocatableCpuMillis() + "m CPU, " + n.allocatableMemoryMiB() + "Mi, "
        + n.maxPods() + " pods", "capacity − EKS kube-reserved − eviction threshold; max pods by ENI formula");
    row(out, "workers per node", String.valueOf(n.workersPerNode()),
        "min of memory, CPU and pod slots after " + CapacityPlan.SYSTEM_PODS + " system pods ("
            + CapacityPlan.SYSTEM_CPU_MILLIS + "m, " + CapacityPlan.SYSTEM_MEMORY_MIB + "Mi)");
    row(out, "nodes for workers", plan.nodesAtMinWorkers() + " at " + s.minWorkers() + " workers, "
        + plan.nodesAtMaxWorkers() + " at " + s.maxWorkers(), "workers ÷ workers per node, no buffer");
    row(out, "balloon pods", plan.buffer().balloonPods() + " × (" + w.cpuMillis() + "m, " + w.memoryMiB() + "Mi)",
        "ceil(max_workers ÷ (1 − " + fmt(c.bufferFraction()) + ")) − max_workers; priority −10, preempted at once");
    row(out, "node group", "min " + plan.nodeGroup().minSize() + ", max " + plan.nodeGroup().maxSize(),
        "(workers + balloons) ÷ workers per node, at least one node per zone (" + p.aws().availabilityZones() + ")");
    row(out, "per zone", plan.nodeGroup().zones().stream().map(z -> z.minSize() + ".." + z.maxSize())
        .collect(java.util.stream.Collectors.joining(", ")), "one node group per zone, the totals split across them");
    row(out, "root volume", plan.node().rootVolumeGiB() + " GiB gp3, encrypted",
        CapacityPlan.ROOT_VOLUME_BASE_GIB + " + 2 × capacity.image_size_gib + workers per node × "
            + CapacityPlan.workerDiskGiB(p) + (CapacityPlan.workerDiskGiB(p) == CapacityPlan.WORKER_TMP_GIB
                ? " GiB /tmp" : " GiB (/tmp, empty_dir volumes, ephemeral_storage.request)"));
    row(out, "idle slots", pct(plan.buffer().idleFractionAtMin()) + " at min size, "
        + pct(plan.buffer().idleFractionAtMax()) + " at max size", "target at least " + pct(c.bufferFraction()));
    row(out, "HPA", "target " + plan.hpa().targetQuantity() + " sessions/worker, " + plan.hpa().minReplicas()
        + ".." + plan.hpa().maxReplicas() + " replicas", "sessions_per_worker × scale_up_threshold");
    var h = plan.headroom();
    row(out, "headroom", "from " + h.atWorkers() + " workers " + h.podsAddedDuringProvisioning() + " may start in "
        + Durations.seconds(h.provisioning()) + "; " + h.slotsBeforeNewNode() + " slots (" + h.sessionsBeforeNewNodes()
        + " calls) before a new node", h.bufferCovers() ? "covered" : "NOT covered");
    row(out, "you create", String.join("; ", requiredObjects(p)), "in namespace " + p.kubernetes().namespace()
        + ", before the manifests");
    out.append('\n').append("Disruption clocks (kubernetes.drain_timeout ")
        .append(Durations.seconds(p.kubernetes().drainTimeout())).append(", grace_period ")
        .append(Durations.seconds(p.kubernetes().gracePeriod())).append(")\n");
    for (var clock : DisruptionClocks.of(p, plan)) {
      out.append(String.format(Locale.ROOT, "  %-22s %-6s %s%n", clock.mechanism().id(),
          clock.applies() ? Durations.seconds(clock.given()) : "-", clock.verdict()));
    }
    out.append('\n');
    costTable(out);
    out.append('\n');
    if (findings.isEmpty()) {
      out.append("No findings.\n");
    }
    for (Finding f : findings) {
      out.append(String.format(Locale.ROOT, "%-7s %s: %s%n        why: %s%n", f.severity().label(), f.rule(),
          f.message(), f.why()));
    }
    return out.toString();
  }

  private void costTable(StringBuilder out) {
    out.append("Monthly cost, USD (" + CostEstimate.HOURS_PER_MONTH + " hours)\n");
    costRow(out, "", "per hour", "", "at min", "", "at max");
    for (var i : cost.items()) {
      costRow(out, i.item(), i.usdPerHour() == null ? "not priced" : i.usdPerHour().toPlainString(),
          i.countAtMin() + " ×", usd(i.monthlyUsdAtMin()), i.countAtMax() + " ×", usd(i.monthlyUsdAtMax()));
    }
    if (cost.unpriced().isEmpty()) {
      costRow(out, "total", "", "", usd(cost.monthlyUsdAtMin()), "", usd(cost.monthlyUsdAtMax()));
    } else {
      out.append("  total: not priced: ").append(String.join(", ", cost.unpriced())).append('\n');
    }
    out.append("  ").append(cost.region()).append(" on-demand prices of ").append(cost.pricesDate())
        .append("; other regions not priced; NAT data processing and EBS not included\n");
  }

  private static void costRow(StringBuilder out, String item, String perHour, String countAtMin, String atMin,
      String countAtMax, String atMax) {
    out.append(String.format(Locale.ROOT, "  %-46s %10s  %5s %10s  %5s %10s%n", item, perHour, countAtMin, atMin,
        countAtMax, atMax));
  }

  private static String usd(java.math.BigDecimal v) {
    return v == null ? "?" : v.toPlainString();
  }

  /**
   * The Secrets and ConfigMaps the pods read and agentscale never writes, with the keys read from each: without them
   * every agent pod stays in CreateContainerConfigError.
   */
  public static List<String> requiredObjects(ScalingProfile p) {
    var keys = new java.util.LinkedHashMap<String, java.util.Set<String>>();
    keys.put("Secret " + p.kubernetes().credentialsSecret(),
        new java.util.LinkedHashSet<>(io.agentscale.profile.ContainerContract.LIVEKIT_ENV));
    var w = p.kubernetes().workload();
    for (var e : w.envFrom()) {
      String object = e.secret() != null ? "Secret " + e.secret() : "ConfigMap " + e.configMap();
      var read = keys.computeIfAbsent(object, k -> new java.util.LinkedHashSet<>());
      if (e.name() != null) {
        read.add(e.keyOrName());
      }
    }
    for (var v : w.volumes()) {
      if (v.secret() != null || v.configMap() != null) {
        keys.computeIfAbsent(v.secret() != null ? "Secret " + v.secret() : "ConfigMap " + v.configMap(),
            k -> new java.util.LinkedHashSet<>());
      }
    }
    return keys.entrySet().stream().map(e -> e.getKey() + (e.getValue().isEmpty() ? " (all keys)"
        : " (" + String.join(", ", e.getValue()) + ")")).toList();
  }

  private static void row(StringBuilder out, String what, String value, String source) {
    out.append(String.format(Locale.ROOT, "  %-18s %-44s %s%n", what, value, source));
  }

  private static String pct(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }

  private static String fmt(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
