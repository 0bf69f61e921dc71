package io.agentscale.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A field derived from another follows its source through toBuilder(), unless it was set to something else. */
class DerivedDefaultsTest {
  static final ScalingProfile BASE = ScalingProfile.ofDefaults("front-desk");

  @Test
  void scaleDownWindowAndDrainFollowTheirSources() {
    var p = BASE.toBuilder().scaleDownDelay(Duration.ofSeconds(900)).gracePeriod(Duration.ofSeconds(300)).build();
    assertThat(p.kubernetes().hpa().scaleDownStabilization()).isEqualTo(Duration.ofSeconds(900));
    assertThat(p.kubernetes().drainTimeout()).isEqualTo(Duration.ofSeconds(270));
  }

  @Test
  void theDeploymentFollowsTheAgentName() {
    assertThat(BASE.toBuilder().name("after-hours").build().kubernetes().deployment()).isEqualTo("after-hours");
    var named = BASE.toBuilder().deployment("agent").build();
    assertThat(named.toBuilder().name("after-hours").build().kubernetes().deployment()).isEqualTo("agent");
  }

  @Test
  void anExistingClusterTurnsTheAutoscalerAndPrometheusOffAndUsesTheChartsUrl() {
    var p = BASE.toBuilder().clusterMode(ClusterMode.EXISTING).clusterName("prod").build();
    assertThat(p.cluster().autoscaler()).isFalse();
    assertThat(p.cluster().prometheus()).isFalse();
    assertThat(p.metrics().prometheusUrl()).isEqualTo(Defaults.PROMETHEUS_URL);
    assertThat(p.aws().clusterName()).isEqualTo("prod");
    var back = p.toBuilder().clusterMode(ClusterMode.NEW).clusterName(null).build();
    assertThat(back.cluster().autoscaler()).isTrue();
    assertThat(back.metrics().prometheusUrl()).isEqualTo(Defaults.IN_CLUSTER_PROMETHEUS_URL);
    assertThat(back.aws().clusterName()).isEqualTo(Defaults.CLUSTER_NAME);
  }

  @Test
  void anExplicitValueIsKept() {
    var p = BASE.toBuilder().drainTimeout(Duration.ofSeconds(100)).autoscaler(false).build();
    var again = p.toBuilder().gracePeriod(Duration.ofSeconds(900)).build();
    assertThat(again.kubernetes().drainTimeout()).isEqualTo(Duration.ofSeconds(100));
    assertThat(again.cluster().autoscaler()).isFalse();
  }
}
