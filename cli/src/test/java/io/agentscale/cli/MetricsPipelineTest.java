package io.agentscale.cli;

import io.agentscale.profile.Examples;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.agentscale.metrics.AdapterRule;
import io.agentscale.demo.DemoWorker;
import io.agentscale.metrics.MetricsDoctor;
import io.agentscale.metrics.PrometheusApi;
import io.agentscale.metrics.RealPrometheus;
import io.agentscale.profile.ProfileLoader;
import io.agentscale.profile.ScalingProfile;
import io.agentscale.traffic.CallLengths;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scaling chain end to end with real parts on loopback: demo workers export the gauge, a real Prometheus scrapes
 * them with target labels as Kubernetes service discovery would set them, the generated adapter rule's query is
 * expanded as prometheus-adapter does and run through Prometheus' HTTP API, and hpa-step decides on the result.
 */
class MetricsPipelineTest {
  static final ObjectMapper JSON = new ObjectMapper();
  /** Sessions per demo worker: average 16/3 = 5.333 against the dental target of 4. */
  static final Map<String, Integer> SESSIONS = Map.of("dental-receptionist-a", 5, "dental-receptionist-b", 5,
      "dental-receptionist-c", 6);

  @TempDir Path dir;
  final List<DemoWorker> workers = new ArrayList<>();
  Process prometheus;

  @AfterEach
  void stopEverything() throws InterruptedException {
    workers.forEach(DemoWorker::close);
    RealPrometheus.stop(prometheus);
  }

  @Test
  void prometheusTheAdapterQueryAndTheHpaAgreeOnRealScrapedValues() throws Exception {
    Path binary = RealPrometheus.binary();
    ScalingProfile profile = Examples.load("dental-receptionist");
    var targets = new LinkedHashMap<String, Integer>();
    for (var e : new java.util.TreeMap<>(SESSIONS).entrySet()) {
      var w = DemoWorker.start(new DemoWorker.Options("127.0.0.1", 0, 0, profile.metrics().name(), 5, e.getValue(),
          null, 1, Duration.ofHours(1), CallLengths.fixed, 1, Duration.ofSeconds(1), 1), new java.io.PrintWriter(System.out, true));
      workers.add(w);
      targets.put(e.getKey(), w.metricsPort());
    }
    int port = RealPrometheus.freePort();
    prometheus = RealPrometheus.start(binary, dir, scrapeConfig(profile, targets), port);
    var api = new PrometheusApi(URI.create("http://127.0.0.1:" + port));

    String query = AdapterRule.of(profile).query(profile.kubernetes().namespace(), List.copyOf(targets.keySet()));
    assertThat(query).isEqualTo("max(agent_active_sessions{pod=~\"dental-receptionist-a|dental-receptionist-b|"
        + "dental-receptionist-c\",namespace=\"livekit\"}) by (pod)");
    Map<String, Double> perPod = awaitAllPods(api, query, targets.size());
    assertThat(perPod).containsExactlyInAnyOrderEntriesOf(Map.of("dental-receptionist-a", 5.0,
        "dental-receptionist-b", 5.0, "dental-receptionist-c", 6.0));

    ObjectNode state = JSON.createObjectNode();
    state.put("current_replicas", 3).put("min_replicas", 2).put("max_replicas", 50)
        .put("target_average_value", 4);
    var pods = state.putArray("pods");
    perPod.values().forEach(v -> pods.addObject().put("phase", "Running").put("ready", true).put("value", v));
    var scaleUp = state.putObject("behavior").putObject("scale_up");
    scaleUp.put("stabilization_window_seconds", 0).put("select_policy", "Max");
    scaleUp.putArray("policies").addObject().put("type", "Pods").put("value", 4).put("period_seconds", 60);
    var decision = HpaStepCommand.step(new ByteArrayInputStream(JSON.writeValueAsBytes(state)));
    // 16 000m / 3 = 5333m; 5333 / 4000 = 1.33325 > 1.1; ceil(1.33325 × 3) = ceil(3.99975) = 4
    assertThat(decision.get("average_value").decimalValue()).isEqualByComparingTo("5.333");
    assertThat(decision.get("proposal").asInt()).isEqualTo(4);
    assertThat(decision.get("desired_replicas").asInt()).isEqualTo(4);

    var doctor = new MetricsDoctor(profile).examine(
        URI.create("http://127.0.0.1:" + targets.get("dental-receptionist-c") + "/metrics"),
        URI.create("http://127.0.0.1:" + port));
    assertThat(doctor.healthy()).as(doctor.text()).isTrue();
    assertThat(doctor.text()).contains("the adapter's query returns 3 pods")
        .contains("the HPA sees 5.333 sessions per pod (target 4) and would go from 3 to 4 replicas");

    // --expect through the adapter: pod c's 6 sessions, and the namespace's 16 through the query
    var expect = new MetricsDoctor(profile).examine(new MetricsDoctor.Request(
        URI.create("http://127.0.0.1:" + targets.get("dental-receptionist-c") + "/metrics"),
        URI.create("http://127.0.0.1:" + port), null, 6, Duration.ofSeconds(10)));
    assertThat(expect.healthy()).as(expect.text()).isTrue();
    assertThat(expect.text()).contains("ok    agent_active_sessions reached 6 after")
        .contains("ok    the adapter's query reached 6 after");
  }

  /** Static targets labelled as Kubernetes service discovery labels pods; interval 1 s to keep the test short. */
  static String scrapeConfig(ScalingProfile profile, Map<String, Integer> targets) throws IOException {
    var yaml = new ObjectMapper(new YAMLFactory());
    ObjectNode root = yaml.createObjectNode();
    root.putObject("global").put("scrape_interval", "1s").put("evaluation_interval", "1s");
    ObjectNode job = root.putArray("scrape_configs").addObject();
    job.put("job_name", profile.kubernetes().deployment());
    job.put("metrics_path", "/metrics");
    var statics = job.putArray("static_configs");
    targets.forEach((pod, port) -> {
      ObjectNode t = statics.addObject();
      t.putArray("targets").add("127.0.0.1:" + port);
      t.putObject("labels").put("namespace", profile.kubernetes().namespace()).put("pod", pod);
    });
    return yaml.writeValueAsString(root);
  }

  static Map<String, Double> awaitAllPods(PrometheusApi api, String query, int pods) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Map<String, Double> last = Map.of();
    while (System.nanoTime() < deadline) {
      last = api.query(query, "pod");
      if (last.size() == pods) {
        return last;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the adapter query returned " + last + " after 30 s");
  }
}
