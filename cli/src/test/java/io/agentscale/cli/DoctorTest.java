package io.agentscale.cli;

import io.agentscale.profile.Examples;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.agentscale.demo.DemoWorker;
import io.agentscale.metrics.MetricsDoctor;
import io.agentscale.profile.ProfileLoader;
import io.agentscale.profile.ScalingProfile;
import io.agentscale.traffic.CallLengths;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * doctor's verdict on a healthy demo worker, on the classic ways an endpoint breaks the chain, and on a gauge that does
 * or does not move while test calls are placed.
 */
class DoctorTest {
  static final ScalingProfile PROFILE = Examples.load("dental-receptionist");
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

  /** A demo worker on loopback holding {@code sessions} calls, with /worker on a free port. */
  static DemoWorker demoWorker(int sessions, boolean stuckGauge) throws Exception {
    return DemoWorker.start(new DemoWorker.Options("127.0.0.1", 0, 0, "agent_active_sessions", 5, sessions, null, 1,
        Duration.ofHours(1), CallLengths.fixed, 1, Duration.ofSeconds(1), 1).withHealthPort(0)
        .withStuckGauge(stuckGauge), new java.io.PrintWriter(System.out, true));
  }

  static MetricsDoctor.Request expect(DemoWorker w, int calls, Duration timeout) {
    return new MetricsDoctor.Request(URI.create("http://127.0.0.1:" + w.metricsPort() + "/metrics"), null,
        URI.create("http://127.0.0.1:" + w.healthPort() + "/worker"), calls, timeout);
  }

  /** A fake endpoint whose gauge reads {@code values} in turn, one per request, then keeps the last. */
  URI serveSequence(int... values) throws Exception {
    var served = new AtomicInteger();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/metrics", exchange -> {
      int v = values[Math.min(served.getAndIncrement(), values.length - 1)];
      byte[] bytes = ("# TYPE agent_active_sessions gauge\nagent_active_sessions " + v + "\n")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
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
        1, Duration.ofHours(1), CallLengths.fixed, 1, Duration.ofSeconds(1), 1), new java.io.PrintWriter(System.out, true))) {
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
  void aGaugeThatNeverMovesFailsTheExpectationWithTheChildProcessCause() throws Exception {
    try (var worker = demoWorker(3, true)) {
      long start = System.nanoTime();
      var d = new MetricsDoctor(PROFILE).examine(expect(worker, 3, Duration.ofSeconds(1)));

      assertThat(d.healthy()).as(d.text()).isFalse();
      assertThat(d.text())
          .contains("FAIL  agent_active_sessions reads 0 while http://127.0.0.1:" + worker.healthPort()
              + "/worker reports 3 active jobs")
          .contains("FAIL  agent_active_sessions stayed at 0 for 1 s while /worker reports 3 active jobs")
          .contains("cause: the gauge is updated in the job's child process")
          .contains("fix:   update the gauge in the worker's main process, or set PROMETHEUS_MULTIPROC_DIR");
      assertThat((System.nanoTime() - start) / 1e9).as("waited for the timeout, not longer").isBetween(1.0, 4.0);
    }
  }

  @Test
  void aGaugeThatReachesTheExpectedCallsPasses() throws Exception {
    try (var worker = demoWorker(3, false)) {
      var d = new MetricsDoctor(PROFILE).examine(expect(worker, 3, Duration.ofSeconds(10)));

      assertThat(d.healthy()).as(d.text()).isTrue();
      assertThat(d.text()).contains("ok    agent_active_sessions reached 3 after 0 s")
          .contains("/worker reports 3 active jobs, as the gauge does");
    }
  }

  @Test
  void theExpectationWaitsWhileTheGaugeRisesAndReportsEachValue() throws Exception {
    URI url = serveSequence(0, 0, 1, 2, 3);
    var progress = new ByteArrayOutputStream();

    var d = new MetricsDoctor(PROFILE, new java.io.PrintWriter(new java.io.OutputStreamWriter(progress, StandardCharsets.UTF_8), true))
        .examine(new MetricsDoctor.Request(url, null, null, 3, Duration.ofSeconds(20)));

    assertThat(d.healthy()).as(d.text()).isTrue();
    assertThat(d.text()).contains("ok    agent_active_sessions reached 3 after");
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("waiting up to 20s for agent_active_sessions to "
        + "reach 3: place 3 test calls to this worker now").contains("= 0\n").contains("= 1\n").contains("= 2\n")
        .contains("= 3\n");
  }

  @Test
  void aGaugeThatStopsShortNamesWhereTheCallsWent() throws Exception {
    URI url = serveSequence(0, 1);

    var d = new MetricsDoctor(PROFILE).examine(new MetricsDoctor.Request(url, null, null, 3, Duration.ofSeconds(1)));

    assertThat(d.healthy()).isFalse();
    assertThat(d.text()).contains("FAIL  agent_active_sessions reached only 1 of 3 within 1 s")
        .contains("went to other workers").contains("run one worker while testing");
  }

  @Test
  void aServerThatNeverAnswersTimesOutAndAHugeBodyIsCut() throws Exception {
    var release = new CountDownLatch(1);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    var threads = Executors.newCachedThreadPool();
    server.setExecutor(threads);
    server.createContext("/hang", exchange -> {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    server.createContext("/huge", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/plain");
      exchange.sendResponseHeaders(200, 0);
      byte[] line = "# padding padding padding padding padding padding padding padding padding\n"
          .getBytes(StandardCharsets.UTF_8);
      try (var body = exchange.getResponseBody()) {
        for (long sent = 0; sent < (12L << 20); sent += line.length) {
          body.write(line);
        }
      } catch (java.io.IOException e) {
        // the client hung up at its limit
      }
    });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    try {
      long start = System.nanoTime();
      var hang = new MetricsDoctor(PROFILE).examine(URI.create(base + "/hang"), null);
      assertThat(hang.text()).contains("FAIL  no complete answer from " + base + "/hang within 5 s");
      assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);

      var huge = new MetricsDoctor(PROFILE).examine(URI.create(base + "/huge"), null);
      assertThat(huge.text()).contains("is larger than 8 MiB").contains("keep labels to a bounded set");
    } finally {
      release.countDown();
      threads.shutdown();
    }
  }

  @Test
  void theCommandNeedsTheProfileAndExitsOneOnABrokenEndpoint() throws Exception {
    URI url = serve("text/plain", "# TYPE up gauge\nup 1\n");
    var r = SimulateCommandTest.run("doctor", Examples.DENTAL, "--metrics-url", url.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("agent_active_sessions is not exported");

    var noProfile = SimulateCommandTest.run("doctor", "--metrics-url", url.toString());
    assertThat(noProfile.exit()).isEqualTo(2);
    assertThat(noProfile.err()).isEqualTo("doctor: Missing required parameter: 'PROFILE' (see agentscale doctor "
        + "--help)\n");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "ftp://x/metrics | the scheme \"ftp\" is not supported; use http:// or https://",
      "http://[bad | is not a URL (expected closing bracket for ipv6 address)",
      "127.0.0.1:9090 | is not a URL",
      "localhost:9090 | has no scheme; write http://localhost:9090",
      "http://127.0.0.1:99999/metrics | port 99999 is not between 1 and 65535",
      "http://127.0.0.1:nine/metrics | port \"nine\" is not a number from 1 to 65535",
      "http:///metrics | has no valid host"})
  void aMalformedUrlIsAOneLineUsageError(String url, String message) {
    var r = SimulateCommandTest.run("doctor", Examples.DENTAL, "--metrics-url", url);

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("doctor: Invalid value for option '--metrics-url': \"" + url + "\"")
        .contains(message).hasLineCount(1);
  }

  @Test
  void anUnknownHostIsNamedAsADnsFailureNotARefusal() throws Exception {
    var d = new MetricsDoctor(PROFILE).examine(URI.create("http://no-such-host.invalid:9090/metrics"), null);

    assertThat(d.text()).contains("FAIL  cannot resolve host \"no-such-host.invalid\" (DNS)")
        .doesNotContain("connection refused");
  }
}
