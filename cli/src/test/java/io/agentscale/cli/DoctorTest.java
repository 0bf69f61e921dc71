package io.agentscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.agentscale.demo.DemoWorker;
import io.agentscale.metrics.MetricsDoctor;
import io.agentscale.profile.ProfileLoader;
import io.agentscale.profile.ScalingProfile;
import io.agentscale.traffic.CallLengths;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** doctor's verdict on a healthy demo worker and on the classic ways an endpoint breaks the chain. */
class DoctorTest {
  static final ScalingProfile PROFILE = ProfileLoader.load(Path.of("stacks/dental-receptionist.yaml"));
  HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** A fake endpoint on a free loopback port: {@code body} at {@code /metrics} with {@code contentType}. */
  URI serve(String contentType, String body) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/metrics", exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
  }

  @Test
  void aRunningDemoWorkerIsHealthy() throws Exception {
    try (var worker = DemoWorker.start(new DemoWorker.Options("127.0.0.1", 0, 0, "agent_active_sessions", 5, 3, null,
        1, Duration.ofHours(1), CallLengths.fixed, 1, Duration.ofSeconds(1), 1), System.out)) {
      Thread.sleep(300);
      var d = new MetricsDoctor(PROFILE).examine(
          URI.create("http://127.0.0.1:" + worker.metricsPort() + "/metrics"), null);

      assertThat(d.healthy()).as(d.text()).isTrue();
      assertThat(d.text()).contains("ok    type gauge").contains("ok    value 3 (sessions_per_worker 5)")
          .contains("verdict: healthy");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a counter | # TYPE agent_active_sessions counter\\nagent_active_sessions_total 12\\n"
          + " | type counter | declare it as a gauge",
      "a _total counter | # TYPE agent_active_sessions_total counter\\nagent_active_sessions_total 12\\n"
          + " | found counter agent_active_sessions_total | export a gauge named agent_active_sessions",
      "only LiveKit's gauge | # TYPE lk_agents_active_job_count gauge\\nlk_agents_active_job_count{nodename=\"n\"} 2\\n"
          + " | LiveKit's own lk_agents_active_job_count is | set metrics.name: lk_agents_active_job_count",
      "a child-process gauge | # TYPE process_cpu_seconds_total counter\\nprocess_cpu_seconds_total 3\\n"
          + " | child process | PROMETHEUS_MULTIPROC_DIR",
      "another name | # TYPE agent_sessions gauge\\nagent_sessions 2\\n"
          + " | found agent_sessions | set metrics.name: agent_sessions",
      "a negative value | # TYPE agent_active_sessions gauge\\nagent_active_sessions -1\\n"
          + " | is not a session count | a whole number from 0 to 5"})
  void aBrokenEndpointIsExplainedWithCauseAndFix(String title, String body, String finding, String fix)
      throws Exception {
    URI url = serve("text/plain; version=0.0.4", body.replace("\\n", "\n"));

    var d = new MetricsDoctor(PROFILE).examine(url, null);

    assertThat(d.healthy()).as(d.text()).isFalse();
    assertThat(d.text()).contains("FAIL").contains(finding).contains("fix:").contains(fix)
        .contains("verdict: broken");
  }

  @Test
  void theWrongPortOrPathIsNamed() throws Exception {
    URI html = serve("text/html", "<html>app</html>");
    var wrongServer = new MetricsDoctor(PROFILE).examine(html, null);
    assertThat(wrongServer.text()).contains("not Prometheus text").contains("metrics.port 9090");

    URI notFound = URI.create(html.toString().replace("/metrics", "/nothing-here"));
    assertThat(new MetricsDoctor(PROFILE).examine(notFound, null).text()).contains("HTTP 404");

    int closed = io.agentscale.metrics.RealPrometheus.freePort();
    var refused = new MetricsDoctor(PROFILE).examine(URI.create("http://127.0.0.1:" + closed + "/metrics"), null);
    assertThat(refused.text()).contains("connection refused").contains("prometheus_port=9090");
  }

  @Test
  void theCommandExitsOneOnABrokenEndpoint() throws Exception {
    URI url = serve("text/plain", "# TYPE up gauge\nup 1\n");
    var r = SimulateCommandTest.run("doctor", "--metrics-url", url.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("agent_active_sessions is not exported");
    assertThat(SimulateCommandTest.run("doctor", "--metrics-url", "ftp://x").exit()).isEqualTo(2);
  }
}
