package io.agentscale.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.agentscale.traffic.CallLengths;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.agentscale.demo.DemoWorker;

/**
 * The generated {@code prometheus.yml} proven against the real Prometheus on this machine. Debian builds Prometheus
 * without Kubernetes discovery, so the test swaps only the discovery block for static targets that carry the
 * {@code __meta_kubernetes_*} labels pod discovery would set (two per pod: every container port is a target) and keeps
 * every relabel rule as generated. It proves that promtool accepts the file, that only running pods annotated
 * {@code prometheus.io/scrape: "true"} are scraped, at the annotated port and path, once per pod, and that their series
 * carry exactly the {@code namespace} and {@code pod} labels.
 */
class ScrapeConfigTest {
  static final ObjectMapper JSON = new ObjectMapper();
  /** ScrapeConfig's own writer; {@link #theTestWritesTheSwappedFileAsScrapeConfigWritesItsOwn} holds it to that. */
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
  static final Duration GENERATED_INTERVAL = Duration.ofSeconds(30);
  static final String META = "__meta_kubernetes_";

  @TempDir Path dir;
  final List<DemoWorker> workers = new ArrayList<>();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  Process prometheus;

  /** A pod as pod discovery sees it; {@code port} and {@code path} are its annotations. */
  record Pod(String namespace, String name, String phase, String scrape, int port, String path) {}

  @AfterEach
  void stopEverything() throws InterruptedException {
    workers.forEach(DemoWorker::close);
    RealPrometheus.stop(prometheus);
  }

  @Test
  void theTestWritesTheSwappedFileAsScrapeConfigWritesItsOwn() throws IOException {
    assertThat(YAML.writeValueAsString(ScrapeConfig.document(GENERATED_INTERVAL)))
        .isEqualTo(ScrapeConfig.yaml(GENERATED_INTERVAL));
  }

  @Test
  void promtoolAcceptsTheConfigWithStaticTargetsInPlaceOfPodDiscovery() throws Exception {
    Path promtool = RealPrometheus.binary().resolveSibling("promtool");
    Path swapped = write("swapped.yml", YAML.writeValueAsString(swapped(List.of(
        new Pod("livekit", "agent-a", "Running", "true", 9090, "/metrics")), 8081)));
    Result check = run(promtool.toString(), "check", "config", swapped.toString());
    assertThat(check.exit()).as(check.output()).isZero();
    assertThat(check.output()).as(check.output()).contains("SUCCESS");
  }

  @Test
  void debiansPrometheusRejectsTheUnswappedConfigOnlyForKubernetesDiscovery() throws Exception {
    Path promtool = RealPrometheus.binary().resolveSibling("promtool");
    Path generated = write("generated.yml", ScrapeConfig.yaml(GENERATED_INTERVAL));
    Result check = run(promtool.toString(), "check", "config", generated.toString());
    assertThat(check.exit()).as(check.output()).isNotZero();
    assertThat(check.output()).as(check.output())
        .contains("field kubernetes_sd_configs not found")
        .containsOnlyOnce("not found");
  }

  @Test
  void theSwapReplacesOnlyDiscoveryAndTheInterval() throws IOException {
    ObjectNode generated = ScrapeConfig.document(GENERATED_INTERVAL);
    ObjectNode swapped = swapped(List.of(new Pod("livekit", "agent-a", "Running", "true", 9090, "/metrics")), 8081);
    JsonNode job = swapped.path("scrape_configs").get(0);
    JsonNode generatedJob = generated.path("scrape_configs").get(0);
    assertThat(job.get("relabel_configs")).isEqualTo(generatedJob.get("relabel_configs"));
    assertThat(job.has("kubernetes_sd_configs")).isFalse();
    assertThat(job.has("static_configs")).isTrue();
    assertThat(swapped.path("global").path("scrape_interval").asText()).isEqualTo("1s");
    // undo the two changes: what is left is the generated document
    ObjectNode undone = swapped.deepCopy();
    ObjectNode undoneJob = (ObjectNode) undone.path("scrape_configs").get(0);
    undoneJob.remove("static_configs");
    undoneJob.set("kubernetes_sd_configs", generatedJob.get("kubernetes_sd_configs"));
    undone.set("global", generated.get("global"));
    assertThat(undone).isEqualTo(generated);
  }

  @Test
  void onlyRunningPodsAnnotatedTrueAreScrapedOnceAtTheAnnotatedPortWithNamespaceAndPodLabels() throws Exception {
    Path binary = RealPrometheus.binary();
    int unusedPort = RealPrometheus.freePort(); // a second container port, like the worker's health port: nothing answers there
    // The demo worker serves the gauge under any /metrics… path; agent-b's differs from Prometheus' default /metrics.
    List<Pod> pods = List.of(
        new Pod("livekit", "agent-a", "Running", "true", worker(3), "/metrics"),
        new Pod("pizza", "agent-b", "Running", "true", worker(7), "/metrics/pizza"),
        new Pod("livekit", "agent-off", "Running", "false", worker(11), "/metrics"),
        new Pod("livekit", "agent-pending", "Pending", "true", worker(13), "/metrics"));
    int port = RealPrometheus.freePort();
    prometheus = RealPrometheus.start(binary, dir, YAML.writeValueAsString(swapped(pods, unusedPort)), port);
    URI base = URI.create("http://127.0.0.1:" + port);

    JsonNode series = await(base, "/api/v1/query?query=" + URLEncoder.encode("agent_active_sessions",
        StandardCharsets.UTF_8), body -> body.path("data").path("result").size() >= 2);
    Map<String, Double> values = new TreeMap<>();
    for (JsonNode s : series.path("data").path("result")) {
      JsonNode labels = s.path("metric");
      assertThat(labels.fieldNames()).toIterable().as(labels.toString())
          .containsExactlyInAnyOrder("__name__", "instance", "job", "namespace", "pod")
          .noneMatch(name -> name.startsWith("__meta_"));
      assertThat(labels.path("job").asText()).isEqualTo(ScrapeConfig.JOB);
      values.put(labels.path("namespace").asText() + "/" + labels.path("pod").asText(),
          s.path("value").get(1).asDouble());
    }
    assertThat(values).containsExactlyEntriesOf(new TreeMap<>(Map.of("livekit/agent-a", 3.0, "pizza/agent-b", 7.0)));

    JsonNode targets = get(base, "/api/v1/targets?state=active").path("data").path("activeTargets");
    Map<String, String> scrapeUrlPerPod = new TreeMap<>();
    for (JsonNode t : targets) {
      String pod = t.path("labels").path("pod").asText();
      assertThat(scrapeUrlPerPod.put(pod, t.path("scrapeUrl").asText())).as("a second target for " + pod).isNull();
      assertThat(t.path("health").asText()).as(t.toString()).isEqualTo("up");
    }
    assertThat(scrapeUrlPerPod).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        "agent-a", "http://127.0.0.1:" + pods.get(0).port() + "/metrics",
        "agent-b", "http://127.0.0.1:" + pods.get(1).port() + "/metrics/pizza")));
  }

  /** A demo worker exporting {@code agent_active_sessions} at a fixed count; returns its metrics port. */
  int worker(int sessions) throws IOException {
    var w = DemoWorker.start(new DemoWorker.Options("127.0.0.1", 0, 0, "agent_active_sessions", 20, sessions, null, 1,
        Duration.ofHours(1), CallLengths.fixed, 1, Duration.ofSeconds(1), 1), new java.io.PrintWriter(System.out, true));
    workers.add(w);
    return w.metricsPort();
  }

  /**
   * The generated document with {@code kubernetes_sd_configs} replaced by static targets labelled as pod discovery
   * labels them, two per pod (its annotated port and {@code otherPort}), and a 1 s interval to keep the test short.
   */
  static ObjectNode swapped(List<Pod> pods, int otherPort) {
    ObjectNode root = ScrapeConfig.document(GENERATED_INTERVAL);
    root.putObject("global").put("scrape_interval", "1s").put("evaluation_interval", "1s");
    ObjectNode job = (ObjectNode) root.path("scrape_configs").get(0);
    var statics = YAML.createArrayNode();
    for (Pod pod : pods) {
      ObjectNode group = statics.addObject();
      group.putArray("targets").add("127.0.0.1:" + pod.port()).add("127.0.0.1:" + otherPort);
      group.putObject("labels")
          .put(META + "namespace", pod.namespace())
          .put(META + "pod_name", pod.name())
          .put(META + "pod_phase", pod.phase())
          .put(META + "pod_annotation_prometheus_io_scrape", pod.scrape())
          .put(META + "pod_annotation_prometheus_io_port", String.valueOf(pod.port()))
          .put(META + "pod_annotation_prometheus_io_path", pod.path());
    }
    // the same place in the job as the block it replaces
    ObjectNode replaced = YAML.createObjectNode();
    job.fields().forEachRemaining(e -> replaced.set(
        e.getKey().equals("kubernetes_sd_configs") ? "static_configs" : e.getKey(),
        e.getKey().equals("kubernetes_sd_configs") ? statics : e.getValue()));
    job.removeAll().setAll(replaced);
    return root;
  }

  JsonNode await(URI base, String path, Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = get(base, path);
      if (done.test(last)) {
        Thread.sleep(2_000); // two more scrapes: a series that should not be there would have appeared by now
        return get(base, path);
      }
      Thread.sleep(250);
    }
    throw new AssertionError(path + " answered " + last + " for 30 s; Prometheus log:\n"
        + Files.readString(dir.resolve("prometheus.log")));
  }

  JsonNode get(URI base, String path) throws IOException, InterruptedException {
    var response = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("status").asText()).as(response.body()).isEqualTo("success");
    return body;
  }

  record Result(int exit, String output) {}

  static Result run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError(String.join(" ", command) + " did not finish in 30 s");
    }
    return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }
}
