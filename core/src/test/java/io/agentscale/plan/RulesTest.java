package io.agentscale.plan;

import io.agentscale.profile.Examples;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentscale.profile.Architecture;
import io.agentscale.profile.CapacityType;
import io.agentscale.profile.ClusterMode;
import io.agentscale.profile.ScalingProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of the pack with a profile that triggers it and one that does not, the cdk-nag way. */
class RulesTest {
  static final ScalingProfile BASE = ScalingProfile.ofDefaults("front-desk").toBuilder()
      .image("registry.example.com/front-desk:1.0.0").build();

  record Case(UnaryOperator<ScalingProfile.Builder> fires, UnaryOperator<ScalingProfile.Builder> passes) {}

  static final Map<String, Case> CASES = new TreeMap<>(Map.ofEntries(
      Map.entry("instance-type-unknown", new Case(b -> b.instanceType("x9z.huge"), b -> b)),
      Map.entry("worker-does-not-fit", new Case(b -> b.memoryPerSessionMiB(16384), b -> b)),
      Map.entry("drain-outside-grace", new Case(
          b -> b.gracePeriod(Duration.ofSeconds(300)).drainTimeout(Duration.ofSeconds(300)),
          b -> b.gracePeriod(Duration.ofSeconds(300)).drainTimeout(Duration.ofSeconds(270)))),
      Map.entry("buffer-below-provisioning-burst", new Case(b -> b.maxWorkers(40).scaleUpPods(20),
          b -> b.maxWorkers(40).scaleUpPods(1).bufferFraction(0.5))),
      Map.entry("scale-down-window-below-metric-delay", new Case(b -> b.scaleDownStabilization(Duration.ofSeconds(10)),
          b -> b.scaleDownStabilization(Duration.ofSeconds(300)))),
      Map.entry("scale-down-threshold-not-honoured", new Case(b -> b.configurableTolerance(false),
          b -> b.configurableTolerance(true))),
      Map.entry("sessions-per-worker-outside-tutorial", new Case(b -> b.sessionsPerWorker(8),
          b -> b.sessionsPerWorker(4))),
      Map.entry("max-workers-below-peak", new Case(b -> b.maxWorkers(10).peakConcurrentCalls(48),
          b -> b.maxWorkers(14).peakCallsPerMinute(16.0))),
      Map.entry("threshold-drop-rate", new Case(b -> b.scaleUpThreshold(0.9),
          b -> b.scaleUpThreshold(0.2).scaleDownThreshold(0.1))),
      Map.entry("disruption-autoscaler-scale-down", new Case(
          b -> b.autoscaler(false).gracePeriod(Duration.ofSeconds(900)),
          b -> b.autoscaler(true).gracePeriod(Duration.ofSeconds(900)))),
      Map.entry("disruption-spot-reclaim", new Case(b -> b.capacityType(CapacityType.SPOT),
          b -> b.capacityType(CapacityType.ON_DEMAND))),
      Map.entry("spot-pools-few", new Case(b -> b.capacityType(CapacityType.SPOT).instanceType("m7g.4xlarge"),
          b -> b.capacityType(CapacityType.SPOT).instanceType("m6i.xlarge"))),
      Map.entry("fixed-fleet", new Case(b -> b.minWorkers(6).maxWorkers(6), b -> b)),
      Map.entry("placeholder-image", new Case(b -> b.image(io.agentscale.profile.Defaults.IMAGE), b -> b)),
      Map.entry("hpa-tolerance-mapping", new Case(b -> b.configurableTolerance(true),
          b -> b.configurableTolerance(false))),
      Map.entry("hpa-tolerance-band", new Case(b -> b, b -> b.minWorkers(6).maxWorkers(6))),
      Map.entry("image-architecture-mismatch", new Case(
          b -> b.instanceType("m7g.xlarge").imageArchitectures(List.of(Architecture.AMD64)),
          b -> b.instanceType("m7g.xlarge").imageArchitectures(List.of(Architecture.AMD64, Architecture.ARM64)))),
      Map.entry("agent-role-needs-pod-identity-agent", new Case(
          b -> b.clusterMode(ClusterMode.EXISTING).clusterName("prod").serviceAccountName("front-desk")
              .agentRolePolicyArns(List.of("arn:aws:iam::aws:policy/AmazonPollyReadOnlyAccess")),
          b -> b.clusterMode(ClusterMode.NEW).serviceAccountName("front-desk")
              .agentRolePolicyArns(List.of("arn:aws:iam::aws:policy/AmazonPollyReadOnlyAccess")))),
      Map.entry("ephemeral-limit-below-volumes", new Case(
          b -> b.ephemeralStorageRequest("512Mi").ephemeralStorageLimit("1Gi"),
          b -> b.ephemeralStorageRequest("2Gi").ephemeralStorageLimit("4Gi")))));

  static Stream<Arguments> rules() {
    return CASES.keySet().stream().map(Arguments::of);
  }

  static boolean fires(String rule, UnaryOperator<ScalingProfile.Builder> change) {
    var p = change.apply(BASE.toBuilder()).build();
    return PlanReport.of(p).findings().stream().anyMatch(f -> f.rule().equals(rule));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachRuleFiresOnItsFailingProfileAndNotOnItsPassingOne(String rule) {
    var c = CASES.get(rule);
    assertThat(fires(rule, c.fires())).as(rule + " on its failing profile").isTrue();
    assertThat(fires(rule, c.passes())).as(rule + " on its passing profile").isFalse();
  }

  @Test
  void everyRuleOfThePackHasItsPairOfProfiles() {
    assertThat(Rules.ALL.stream().map(Rules.Rule::id).toList()).containsExactlyInAnyOrderElementsOf(CASES.keySet());
  }

  @Test
  void aSuppressedWarningIsAnInfoThatQuotesItsReason() {
    var p = BASE.toBuilder().sessionsPerWorker(8).suppressions(List.of(new ScalingProfile.Suppression(
        "sessions-per-worker-outside-tutorial", "load test 2026-11: 8 calls at p95 620 ms"))).build();
    var finding = PlanReport.of(p).findings().stream()
        .filter(f -> f.rule().equals("sessions-per-worker-outside-tutorial")).findFirst().orElseThrow();
    assertThat(finding.severity()).isEqualTo(Finding.Severity.INFO);
    assertThat(finding.message()).startsWith("suppressed (load test 2026-11: 8 calls at p95 620 ms): ");
  }

  @Test
  void aSuppressionNamingNoRuleOrAnErrorIsAnError() {
    var misspelt = BASE.toBuilder().suppressions(List.of(new ScalingProfile.Suppression("threshold-drop-rat",
        "accepted"))).build();
    assertThat(PlanReport.of(misspelt).findings()).anySatisfy(f -> {
      assertThat(f.rule()).isEqualTo("suppression-unknown-rule");
      assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
      assertThat(f.message()).isEqualTo("suppressions[0].rule 'threshold-drop-rat' names no rule (did you mean "
          + "'threshold-drop-rate'?); the ids are those plan prints");
    });
    var error = BASE.toBuilder().instanceType("x9z.huge").suppressions(List.of(new ScalingProfile.Suppression(
        "instance-type-unknown", "we know better"))).build();
    var findings = PlanReport.of(error).findings();
    assertThat(findings).anyMatch(f -> f.rule().equals("instance-type-unknown")
        && f.severity() == Finding.Severity.ERROR);
    assertThat(findings).anyMatch(f -> f.rule().equals("suppression-of-error"));
  }

  @Test
  void everyRuleIdAFindingCanCarryIsOneASuppressionMayName() throws Exception {
    var ids = new java.util.TreeSet<String>();
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("core/src/main/java/io/agentscale/plan"))) {
      for (var file : files.toList()) {
        var m = java.util.regex.Pattern.compile("new Finding\\(\"([a-z0-9-]+)\"")
            .matcher(java.nio.file.Files.readString(file));
        while (m.find()) {
          ids.add(m.group(1));
        }
      }
    }
    ids.removeAll(List.of("suppression-unknown-rule", "suppression-of-error"));
    assertThat(ids).hasSizeGreaterThan(8);
    assertThat(Suppressions.KNOWN).containsAll(ids);
  }

  @Test
  void planListsTheSecretsAndConfigMapsThePodsReadAndNobodyWrites() throws Exception {
    var pizza = io.agentscale.profile.Examples.load("pizza-orders");
    assertThat(PlanReport.requiredObjects(pizza)).containsExactly(
        "Secret livekit-credentials (LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET)",
        "Secret provider-keys (openai, deepgram, cartesia)",
        "ConfigMap order-agent-settings (all keys)");
    assertThat(PlanReport.requiredObjects(BASE)).containsExactly(
        "Secret livekit-credentials (LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET)");
  }
}
