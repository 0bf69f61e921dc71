package io.agentscale.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The schema as the one source of each field: its range, its derivation and the builder's copy of it. */
class ProfileSchemaTest {
  static final ScalingProfile DEFAULTS = ScalingProfile.ofDefaults("front-desk");

  /** Every field set away from its default (the peak as concurrent calls; see {@link #FULL_BY_RATE}). */
  static final ScalingProfile FULL = ScalingProfile.builder()
      .name("pizza-line").minWorkers(3).maxWorkers(40).sessionsPerWorker(4).scaleUpThreshold(0.7)
      .scaleDownThreshold(0.2).scaleDownDelay(Duration.ofSeconds(600)).warmupTime(Duration.ofSeconds(45))
      .namespace("voice").deployment("desk").image("123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:2.0.0")
      .credentialsSecret("lk-creds").gracePeriod(Duration.ofSeconds(900)).drainTimeout(Duration.ofSeconds(800))
      .healthPort(8082).podMonitor(true).prepullImage(false).prepullCommand("python -c pass")
      .imageArchitectures(List.of(Architecture.ARM64))
      .env(Map.of("LOG_LEVEL", "debug"))
      .envFrom(List.of(new ScalingProfile.EnvSource("OPENAI_API_KEY", "provider-keys", null, null, null)))
      .command(List.of("python", "agent.py")).args(List.of("start"))
      .volumes(List.of(new ScalingProfile.Volume("model-cache", "/models", "2Gi", null, null)))
      .serviceAccountName("agent").createServiceAccount(false)
      .ephemeralStorageRequest("2Gi").ephemeralStorageLimit("4Gi")
      .scaleUpStabilization(Duration.ofSeconds(15)).scaleUpPods(6).scaleUpPeriod(Duration.ofSeconds(30))
      .scaleDownStabilization(Duration.ofSeconds(900)).scaleDownPods(1).scaleDownPeriod(Duration.ofSeconds(300))
      .configurableTolerance(true)
      .metricName("lk_agents_active_job_count").metricsPort(9100).scrapeInterval(Duration.ofSeconds(15))
      .prometheusUrl("http://prom.example.svc:9090").installAdapter(false)
      .adapterRelistInterval(Duration.ofSeconds(30))
      .baseMemoryMiB(700).baseCpuMillis(300).memoryPerSessionMiB(150).cpuPerSessionMillis(80).bufferFraction(0.3)
      .nodeProvisioningMin(Duration.ofSeconds(90)).nodeProvisioningMax(Duration.ofSeconds(300)).imageSizeGiB(8)
      .imagePullTime(Duration.ofSeconds(120))
      .instanceType("m7g.xlarge").instanceVcpus(4).instanceMemoryGiB(16).availabilityZones(3)
      .capacityType(CapacityType.SPOT).clusterMode(ClusterMode.EXISTING).clusterName("prod-eks")
      .kubernetesVersion("1.33").singleNatGateway(true).publicEndpointCidrs("203.0.113.7/32").logRetentionDays(30)
      .agentRolePolicyArns(List.of("arn:aws:iam::aws:policy/AmazonBedrockLimitedAccess"))
      .systemInstanceType("m6i.xlarge").systemNodes(3).adminPrincipalArn("arn:aws:iam::123456789012:role/Admin")
      .autoscaler(false).autoscalerScanInterval(Duration.ofSeconds(20)).scaleDownUnneededTime(Duration.ofMinutes(5))
      .scaleDownDelayAfterAdd(Duration.ofMinutes(5)).prometheus(true)
      .vpcCniVersion("v1.19.2-eksbuild.1").corednsVersion("v1.11.4-eksbuild.2").kubeProxyVersion("v1.33.0-eksbuild.2")
      .podIdentityAgentVersion("v1.3.4-eksbuild.1")
      .meanCallLength(Duration.ofSeconds(240)).peakConcurrentCalls(120)
      .suppressions(List.of(new ScalingProfile.Suppression("buffer-below-provisioning-burst", "load test 2026-03")))
      .build();

  /**
   * {@link #FULL} with the peak stated the other way (a profile states it once) and no Prometheus of ours: the
   * values of {@code FULL} that equal a default.
   */
  static final ScalingProfile FULL_BY_RATE = FULL.toBuilder().peakConcurrentCalls(null).peakCallsPerMinute(40.0)
      .prometheus(false).build();

  static Stream<Path> bundled() throws Exception {
    return Files.list(Path.of("stacks")).filter(p -> p.toString().endsWith(".yaml")).sorted();
  }

  @ParameterizedTest
  @MethodSource("bundled")
  void aBundledProfileSurvivesToBuilderAndBuild(Path file) {
    var p = ProfileLoader.read(file).orThrow();

    assertThat(p.toBuilder().build()).isEqualTo(p);
  }

  @Test
  void aProfileWithEveryFieldSetSurvivesToBuilderAndBuild() {
    assertThat(FULL.toBuilder().build()).isEqualTo(FULL);
    assertThat(FULL_BY_RATE.toBuilder().build()).isEqualTo(FULL_BY_RATE);
  }

  @Test
  void theFullProfilesSetEveryFieldAwayFromItsDefault() {
    // else the round trip above would not notice a field the copy constructor drops
    for (var f : ProfileSchema.FIELDS) {
      Object byDefault = f.get().apply(DEFAULTS);
      assertThat(java.util.Arrays.asList(f.get().apply(FULL), f.get().apply(FULL_BY_RATE))).as(f.path())
          .anySatisfy(v -> assertThat(v).isNotEqualTo(byDefault));
    }
  }

  @Test
  void aDerivedFieldHoldsWhatItsDeclarationGivesForItsSource() {
    var existing = DEFAULTS.toBuilder().clusterMode(ClusterMode.EXISTING).fill(); // no cluster name: not validated
    var shortGrace = DEFAULTS.toBuilder().gracePeriod(Duration.ofSeconds(10)).build(); // drain 0s, not -20s
    int checked = 0;
    for (var f : ProfileSchema.FIELDS) {
      if (f.derivation() == null) {
        continue;
      }
      var source = ProfileSchema.field(f.derivation().source());
      for (var p : List.of(DEFAULTS, existing, shortGrace)) {
        assertThat(f.get().apply(p)).as(f.path() + " from " + source.path() + " = " + source.get().apply(p))
            .isEqualTo(f.derivation().value().apply(source.get().apply(p)));
        assertThat(f.followsSource(p)).as(f.path()).isTrue();
      }
      checked++;
    }
    assertThat(checked).isEqualTo(7);
  }

  @Test
  void aDerivedFieldFollowsAChangedSourceThroughToBuilder() {
    Map<String, Object> changed = Map.of(
        "agent.name", "after-hours",
        "kubernetes.grace_period", Duration.ofSeconds(900),
        "agent.scaling.scale_down_delay", Duration.ofSeconds(1200),
        "cluster.prometheus", false,
        "aws.cluster_mode", ClusterMode.EXISTING);
    for (var f : ProfileSchema.FIELDS) {
      if (f.derivation() == null) {
        continue;
      }
      Object source = changed.get(f.derivation().source());
      var b = DEFAULTS.toBuilder();
      ProfileSchema.field(f.derivation().source()).set().accept(b, source);

      assertThat(f.get().apply(b.fill())).as(f.path()).isEqualTo(f.derivation().value().apply(source))
          .isNotEqualTo(f.get().apply(DEFAULTS));
    }
  }

  @Test
  void aDerivedDefaultIsDocumentedByItsDeclaration() {
    assertThat(ProfileSchema.field("kubernetes.deployment").defaultText()).isEqualTo("agent.name");
    assertThat(ProfileSchema.field("kubernetes.drain_timeout").defaultText()).isEqualTo("grace_period − 30s");
    assertThat(ProfileSchema.field("metrics.prometheus_url").defaultText()).isEqualTo(
        "http://prometheus.monitoring.svc:9090 with cluster.prometheus, else http://prometheus-server.monitoring.svc:80");
    assertThat(ProfileSchema.field("aws.cluster_name").defaultText())
        .isEqualTo("voice-agents for a NEW cluster, none for EXISTING");
    assertThat(ProfileSchema.field("cluster.autoscaler").defaultText())
        .isEqualTo("true for a NEW cluster, false for EXISTING");
  }

  @Test
  void everyRangeSuitsItsFieldsKindAndNamesRealFields() {
    for (var f : ProfileSchema.FIELDS) {
      Class<?> expected = switch (f.kind()) {
        case INTEGER -> f.path().equals("aws.availability_zones") || f.path().equals("aws.log_retention_days")
            ? Range.Described.class : Range.IntRange.class;
        case DURATION -> Range.DurationRange.class;
        case NUMBER -> Range.NumberRange.class;
        default -> Range.Described.class;
      };
      assertThat(f.range()).as(f.path()).isInstanceOf(expected);
      List<String> related = new java.util.ArrayList<>();
      if (f.range() instanceof Range.IntRange r) {
        related.addAll(java.util.Arrays.asList(r.floor(), r.ceiling()));
      } else if (f.range() instanceof Range.DurationRange r) {
        related.addAll(java.util.Arrays.asList(r.floor(), r.ceiling()));
      } else if (f.range() instanceof Range.NumberRange r) {
        related.add(r.ceiling());
      }
      for (String path : related) {
        if (path != null) {
          assertThat(ProfileSchema.field(path).kind()).as(f.path() + " names " + path).isEqualTo(f.kind());
        }
      }
    }
  }

  @Test
  void everyTypedRangeIsCheckedByTheValidator() {
    int checked = 0;
    for (var f : ProfileSchema.FIELDS) {
      Object tooLarge;
      if (f.range() instanceof Range.IntRange r) {
        tooLarge = r.max() + 1;
      } else if (f.range() instanceof Range.DurationRange r) {
        tooLarge = r.max().plusSeconds(1);
      } else if (f.range() instanceof Range.NumberRange r) {
        tooLarge = r.max() + 0.5;
      } else {
        continue; // checked by hand: InvalidProfilesTest and its peers hold those messages
      }
      var b = DEFAULTS.toBuilder();
      f.set().accept(b, tooLarge);

      assertThat(ProfileValidator.check(b.fill())).as(f.path())
          .anySatisfy(p -> {
            assertThat(p.path()).isEqualTo(f.path());
            assertThat(p.message()).endsWith("got " + (tooLarge instanceof Duration d ? Durations.seconds(d)
                : tooLarge));
          });
      checked++;
    }
    assertThat(checked).isGreaterThan(35);
  }

  @Test
  void anIntRangeChecksItsFloorBeforeItsLimits() {
    var maxWorkers = Range.ints(1, 1000).atLeast("agent.scaling.min_workers");
    Map<String, Object> others = Map.of("agent.scaling.min_workers", 4);

    assertThat(maxWorkers.problem(3, others::get)).contains("must be >= agent.scaling.min_workers (4), got 3");
    assertThat(maxWorkers.problem(1001, others::get)).contains("must be at most 1000, got 1001");
    assertThat(maxWorkers.problem(1000, others::get)).isEmpty();
    assertThat(maxWorkers.text()).isEqualTo("min_workers .. 1000");
  }

  @Test
  void aDurationFloorSaysWhyInItsProblem() {
    var relist = Range.durations(Duration.ofSeconds(1), Duration.ofMinutes(10))
        .atLeast("metrics.scrape_interval", "or the metric flickers");
    Map<String, Object> others = Map.of("metrics.scrape_interval", Duration.ofSeconds(60));

    assertThat(relist.problem(Duration.ofSeconds(30), others::get))
        .contains("must be >= metrics.scrape_interval (60s) or the metric flickers, got 30s");
    assertThat(relist.problem(Duration.ofMinutes(11), others::get)).contains("must be at most 600s, got 660s");
    assertThat(relist.text()).isEqualTo("scrape_interval .. 10m");
    assertThat(Range.durations(Duration.ZERO, Duration.ofHours(4)).text()).isEqualTo("0s .. 4h");
    assertThat(Range.durations(Duration.ofSeconds(90), Duration.ofSeconds(61)).text()).isEqualTo("90s .. 61s");
  }

  @Test
  void aFractionExcludesZeroAndNotANumber() {
    var f = Range.fraction();

    assertThat(f.problem(0.0, p -> null)).contains("must be greater than 0 and at most 1, got 0.0");
    assertThat(f.problem(Double.NaN, p -> null)).contains("must be greater than 0 and at most 1, got NaN");
    assertThat(f.problem(1.0, p -> null)).isEmpty();
    assertThat(f.below("agent.scaling.scale_up_threshold").text()).isEqualTo("(0, scale_up_threshold)");
    assertThat(Range.numbers(0, 0.9).problem(0.95, p -> null)).contains("must be between 0 and 0.9, got 0.95");
    assertThat(Range.numbers(0, 0.9).text()).isEqualTo("[0, 0.9]");
  }
}
