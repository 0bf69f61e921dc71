package io.agentscale.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agentscale.livekit.LiveKitScalingYaml;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProfileLoaderTest {

  @Test
  void acceptsTheTutorialBlockVerbatimAsACompleteProfile() {
    var result = ProfileLoader.parse(InvalidProfilesTest.SEED);

    assertThat(result.problems()).isEmpty();
    var s = result.profile().scaling();
    assertThat(result.profile().name()).isEqualTo("dental-receptionist");
    assertThat(s.minWorkers()).isEqualTo(2);
    assertThat(s.maxWorkers()).isEqualTo(50);
    assertThat(s.sessionsPerWorker()).isEqualTo(5);
    assertThat(s.scaleUpThreshold()).isEqualTo(0.8);
    assertThat(s.scaleDownThreshold()).isEqualTo(0.3);
    assertThat(s.scaleDownDelay()).isEqualTo(Duration.ofSeconds(300));
    assertThat(s.warmupTime()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void bundledDentalProfileIsExactlyTheTutorialBlock() throws Exception {
    assertThat(java.nio.file.Files.readString(Examples.file("dental-receptionist")))
        .isEqualTo(InvalidProfilesTest.SEED);
  }

  @Test
  void fillsTheTutorialDefaults() {
    var p = ProfileLoader.parse(InvalidProfilesTest.SEED).orThrow();

    assertThat(p.kubernetes().namespace()).isEqualTo("livekit");
    assertThat(p.kubernetes().deployment()).isEqualTo(p.name()); // unique per profile, so profiles share a namespace
    assertThat(p.aws().clusterName()).isEqualTo("voice-agents");
    assertThat(p.cluster().autoscaler()).isTrue();
    assertThat(p.cluster().prometheus()).isTrue();
    assertThat(p.metrics().prometheusUrl()).isEqualTo("http://prometheus.monitoring.svc:9090");
    assertThat(p.metrics().name()).isEqualTo("agent_active_sessions");
    assertThat(p.metrics().port()).isEqualTo(9090);
    assertThat(p.kubernetes().gracePeriod()).isEqualTo(Duration.ofSeconds(600));
    assertThat(p.kubernetes().drainTimeout()).isEqualTo(Duration.ofSeconds(570));
    assertThat(p.scaling().targetSessionsPerWorker()).isEqualTo(4.0);
    assertThat(p.kubernetes().hpa().scaleUpStabilization()).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.kubernetes().hpa().scaleUpPods()).isEqualTo(4);
    assertThat(p.kubernetes().hpa().scaleUpPeriod()).isEqualTo(Duration.ofSeconds(60));
    assertThat(p.kubernetes().hpa().scaleDownStabilization()).isEqualTo(Duration.ofSeconds(300));
    assertThat(p.kubernetes().hpa().scaleDownPods()).isEqualTo(2);
    assertThat(p.kubernetes().hpa().scaleDownPeriod()).isEqualTo(Duration.ofSeconds(120));
    assertThat(p.capacity().memoryPerSessionMiB()).isEqualTo(100);
    assertThat(p.capacity().bufferFraction()).isEqualTo(0.2);
    assertThat(p.capacity().nodeProvisioningMin()).isEqualTo(Duration.ofMinutes(2));
    assertThat(p.capacity().nodeProvisioningMax()).isEqualTo(Duration.ofMinutes(4));
  }

  @Test
  void roundTripsThroughTheLiveKitYaml() {
    var p = ProfileLoader.parse(InvalidProfilesTest.SEED).orThrow();

    String yaml = LiveKitScalingYaml.render(p);
    var again = ProfileLoader.parse(yaml).orThrow();

    assertThat(again).isEqualTo(p);
    assertThat(yaml).endsWith("""
        agent:
          name: dental-receptionist
          scaling:
            min_workers: 2
            max_workers: 50
            sessions_per_worker: 5
            scale_up_threshold: 0.8
            scale_down_threshold: 0.3
            scale_down_delay: 300s
            warmup_time: 30s
        """);
  }

  @Test
  void reportsEveryProblemAtOnce() {
    var yaml = InvalidProfilesTest.SEED.replace("min_workers: 2", "min_workers: 0")
        .replace("scale_up_threshold: 0.8", "scale_up_threshold: 2") + "kubernetes:\n  namespce: x\n";

    var problems = ProfileLoader.parse(yaml).problems();

    assertThat(problems).containsExactly(
        new Problem("kubernetes.namespce", "unknown key; did you mean 'namespace'?"),
        new Problem("agent.scaling.min_workers", "must be at least 1, got 0"),
        new Problem("agent.scaling.scale_up_threshold", "must be greater than 0 and at most 1, got 2.0"));
  }

  @Test
  void parsesDurationsInEveryDocumentedForm() {
    assertThat(Durations.parse("300s")).contains(Duration.ofSeconds(300));
    assertThat(Durations.parse("5m")).contains(Duration.ofMinutes(5));
    assertThat(Durations.parse("1h30m")).contains(Duration.ofMinutes(90));
    assertThat(Durations.parse("45")).contains(Duration.ofSeconds(45));
    assertThat(Durations.parse("-5s")).isEmpty();
    assertThat(Durations.parse("5 minutes")).isEmpty();
    assertThat(Durations.parse("")).isEmpty();
  }

  @Test
  void rejectsMaxWorkersBelowMinFromJava() {
    var b = ScalingProfile.ofDefaults("t").toBuilder().minWorkers(4).maxWorkers(3);

    var e = assertThrows(InvalidProfileException.class, b::build);

    assertThat(e.problems()).containsExactly(
        new Problem("agent.scaling.max_workers", "must be >= agent.scaling.min_workers (4), got 3"));
  }

  @Test
  void everyBundledProfileIsValid() {
    for (String name : new String[] {"dental-receptionist", "pizza-orders", "crisis-hotline"}) {
      var result = ProfileLoader.read(Examples.file(name));
      assertThat(result.problems()).as(name).isEmpty();
      assertThat(result.profile().name()).isEqualTo(name);
    }
  }
}
