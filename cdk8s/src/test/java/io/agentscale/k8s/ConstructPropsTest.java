package io.agentscale.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentscale.plan.CapacityPlan;
import io.agentscale.plan.ClusterPlan;
import io.agentscale.profile.ProfileLoader;
import io.agentscale.profile.ScalingProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.cdk8s.Testing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each Kubernetes construct checks its props and names the one it cannot write. */
class ConstructPropsTest {
  static ScalingProfile profile;
  static CapacityPlan plan;
  static ClusterPlan cluster;

  @BeforeAll
  static void load() {
    profile = ProfileLoader.load(Path.of("stacks", "pizza-orders.yaml"));
    plan = CapacityPlan.from(profile);
    cluster = ClusterPlan.group(List.of(new ClusterPlan.Agent(profile, plan))).clusters().get(0);
  }

  static Chart chart() {
    return new Chart(new App(), "test");
  }

  @SuppressWarnings("unchecked")
  static List<java.util.Map<String, Object>> synth(Chart chart) {
    return (List<java.util.Map<String, Object>>) (List<?>) Testing.synth(chart);
  }

  static AgentWorkersProps workersWith(int sessions, Integer replicas) {
    var p = AgentWorkersProps.from(profile, plan);
    return new AgentWorkersProps(p.agent(), p.namespace(), p.name(), p.image(), p.credentialsSecret(),
        p.gracePeriod(), p.drainTimeout(), p.healthPort(), p.metricsPort(), sessions, p.startupFailureThreshold(),
        p.pod(), p.workload(), replicas);
  }

  @Test
  void rejectsAgentWorkersWithNoSessions() {
    assertThatThrownBy(() -> new AgentWorkers(chart(), "Workers", workersWith(0, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AgentWorkersProps.sessions must be at least 1, got 0");
  }

  @Test
  void rejectsASessionAutoscalerWhoseMaxIsBelowItsMin() {
    var chart = chart();
    var workers = new AgentWorkers(chart, "Workers", AgentWorkersProps.from(profile, plan));
    var h = plan.hpa();
    var hpa = new CapacityPlan.Hpa(h.targetAverageValue(), h.targetQuantity(), 4, 3, h.scaleUp(), h.scaleDown(),
        h.scaleDownTolerance());
    assertThatThrownBy(() -> new SessionAutoscaler(chart, "Hpa", new SessionAutoscalerProps(workers, "m", hpa)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SessionAutoscalerProps.hpa.maxReplicas must be >= hpa.minReplicas (4), got 3");
  }

  @Test
  void rejectsANodeBufferWithoutBalloons() {
    var p = NodeBufferProps.from(profile, plan);
    var none = new NodeBufferProps(p.agent(), p.namespace(), p.name(), 0, p.pod(), p.prepull());
    assertThatThrownBy(() -> new NodeBuffer(chart(), "Buffer", none))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("NodeBufferProps.balloons must be at least 1, got 0");
  }

  @Test
  void rejectsAPrometheusAdapterServingNoMetric() {
    var p = PrometheusAdapterProps.from(cluster.adapter());
    var none = new PrometheusAdapterProps(p.image(), p.prometheusUrl(), p.relistInterval(), List.of(), p.pod());
    assertThatThrownBy(() -> new PrometheusAdapter(chart(), "Adapter", none))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PrometheusAdapterProps.metrics must hold at least one entry, got []");
  }

  @Test
  void rejectsAPrometheusAdapterUrlWithoutScheme() {
    var p = PrometheusAdapterProps.from(cluster.adapter());
    var bad = new PrometheusAdapterProps(p.image(), "prometheus:9090", p.relistInterval(), p.metrics(), p.pod());
    assertThatThrownBy(() -> new PrometheusAdapter(chart(), "Adapter", bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PrometheusAdapterProps.prometheusUrl must start with http:// or https://, got 'prometheus:9090'");
  }

  @Test
  void rejectsAClusterAutoscalerWithABlankImage() {
    var p = ClusterAutoscalerProps.from(ClusterPlan.Autoscaler.of("c", List.of(profile)));
    assertThatThrownBy(() -> new ClusterAutoscaler(chart(), "Autoscaler",
        new ClusterAutoscalerProps(" ", p.args(), p.pod())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ClusterAutoscalerProps.image must not be blank, got ' '");
  }

  @Test
  void rejectsAPrometheusServerWithAZeroScrapeInterval() {
    var pod = ClusterPlan.agentPod(new ClusterPlan.Agent(profile, plan));
    var bad = new PrometheusServerProps(ClusterPlan.PROMETHEUS_IMAGE, Duration.ZERO, "2d", pod);
    assertThatThrownBy(() -> new PrometheusServer(chart(), "Prometheus", bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PrometheusServerProps.scrapeInterval must be positive, got 0s");
  }

  @Test
  void workersNoAutoscalerTargetsWriteTheirFixedReplicas() {
    var chart = chart();
    new AgentWorkers(chart, "Workers", workersWith(plan.worker().sessions(), 3));
    var deployment = synth(chart).stream().filter(d -> d.get("kind").equals("Deployment")).findFirst().orElseThrow();
    assertThat(((java.util.Map<?, ?>) deployment.get("spec")).get("replicas")).isEqualTo(3);
  }

  @Test
  void anAutoscalerMarksItsTargetSoReplicasAreLeftOut() {
    var chart = chart();
    var workers = new AgentWorkers(chart, "Workers", workersWith(plan.worker().sessions(), 3));
    var autoscaler = new SessionAutoscaler(chart, "Hpa", SessionAutoscalerProps.from(workers, profile, plan));
    assertThat(workers.hasAutoscaler()).isTrue();
    assertThat(autoscaler.target()).isSameAs(workers);
    var deployment = synth(chart).stream().filter(d -> d.get("kind").equals("Deployment")).findFirst().orElseThrow();
    assertThat(((java.util.Map<?, ?>) deployment.get("spec")).containsKey("replicas")).isFalse();
  }

  @Test
  void anEditNoManifestReadsLeavesTheChartPropsEqual() {
    var edited = profile.toBuilder().logRetentionDays(profile.aws().logRetentionDays() == 30 ? 90 : 30).build();
    assertThat(AgentChartProps.from(edited, CapacityPlan.from(edited))).isEqualTo(AgentChartProps.from(profile, plan));
  }

  @Test
  void anEditOfTheImageChangesTheChartProps() {
    var edited = profile.toBuilder().image(profile.kubernetes().image() + "-next").build();
    assertThat(AgentChartProps.from(edited, CapacityPlan.from(edited))).isNotEqualTo(AgentChartProps.from(profile, plan));
  }
}
