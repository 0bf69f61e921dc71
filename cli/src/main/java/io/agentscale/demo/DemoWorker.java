package io.agentscale.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.agentscale.traffic.Arrivals;
import io.agentscale.traffic.CallLengths;
import io.agentscale.traffic.Trace;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in LiveKit agent worker: it exposes the sessions gauge at {@code /metrics} with the official Prometheus Java
 * client, answers the health probe, and drains like a LiveKit worker: on {@link #drain()} it stops accepting calls and
 * waits for the active ones up to its drain timeout.
 *
 * <p>Sessions come either from a fixed count (each ended call is replaced at once, so the gauge stays at the count)
 * or from a traffic trace: Poisson arrivals at the trace's rate ÷ {@code fleetSize}, refused beyond
 * sessions_per_worker. Time can run faster than real time ({@code speed}).
 */
public final class DemoWorker implements AutoCloseable {

  /**
   * @param host the address to bind ({@code 0.0.0.0} in a pod, {@code 127.0.0.1} on a laptop)
   * @param metricsPort the port of {@code /metrics}; 0 for any free port
   * @param healthPort the LiveKit worker's health port ({@code /} and {@code /worker}); 0 for any free port, null for
   *     none
   * @param fixedSessions the constant session count, or null to follow {@code trace}
   * @param fleetSize the trace's traffic is shared by this many workers
   * @param agentName what {@code /worker} reports as {@code agent_name}
   * @param stuckGauge the gauge stays at 0 while calls run, as a gauge updated in a LiveKit job's child process
   *     does; {@code /worker} still counts the calls. For rehearsing {@code doctor --expect}
   */
  public record Options(String host, int metricsPort, Integer healthPort, String metricName, int sessionsPerWorker,
      Integer fixedSessions, Trace trace, int fleetSize, Duration meanCall, CallLengths callLengths, long seed,
      Duration drainTimeout, double speed, String agentName, boolean stuckGauge) {

    /** A worker whose gauge follows its calls; {@code healthPort} 0 for no health endpoint. */
    public Options(String host, int metricsPort, int healthPort, String metricName, int sessionsPerWorker,
        Integer fixedSessions, Trace trace, int fleetSize, Duration meanCall, CallLengths callLengths, long seed,
        Duration drainTimeout, double speed) {
      this(host, metricsPort, healthPort == 0 ? null : healthPort, metricName, sessionsPerWorker, fixedSessions,
          trace, fleetSize, meanCall, callLengths, seed, drainTimeout, speed, "demo-worker", false);
    }

    public Options withHealthPort(Integer port) {
      return new Options(host, metricsPort, port, metricName, sessionsPerWorker, fixedSessions, trace, fleetSize,
          meanCall, callLengths, seed, drainTimeout, speed, agentName, stuckGauge);
    }

    public Options withStuckGauge(boolean stuck) {
      return new Options(host, metricsPort, healthPort, metricName, sessionsPerWorker, fixedSessions, trace, fleetSize,
          meanCall, callLengths, seed, drainTimeout, speed, agentName, stuck);
    }
  }

  /** Thrown when a port is taken; {@code option} names the command-line option that chose it. */
  public static final class PortInUse extends IOException {
    public final String option;
    public final int port;

    PortInUse(String option, String host, int port) {
      super("port " + port + " on " + host + " is in use");
      this.option = option;
      this.port = port;
    }
  }

  private static final long TICK_MILLIS = 100;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Options options;
  private final PrintWriter log;
  private final Gauge gauge;
  private final HTTPServer metrics;
  private final HttpServer health;
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "demo-worker-calls");
    t.setDaemon(true);
    return t;
  });
  private final SplittableRandom random;
  private final PriorityQueue<Double> callEnds = new PriorityQueue<>();
  private final long startNanos = System.nanoTime();
  private final Arrivals arrivals;
  private double nextArrival = Double.NaN;
  private long refused;
  private volatile boolean draining;

  private DemoWorker(Options options, PrintWriter log) throws IOException {
    this.options = options;
    this.log = log;
    this.random = new SplittableRandom(options.seed());
    this.arrivals = options.trace() == null ? null : new Arrivals(options.trace(), 1.0 / options.fleetSize());
    var registry = new PrometheusRegistry();
    this.gauge = Gauge.builder().name(options.metricName())
        .help("LiveKit agent sessions in progress on this worker").register(registry);
    try {
      this.metrics = HTTPServer.builder().hostname(options.host()).port(options.metricsPort()).registry(registry)
          .buildAndStart();
    } catch (BindException e) {
      throw new PortInUse("--port", options.host(), options.metricsPort());
    }
    try {
      this.health = options.healthPort() == null ? null : health(options);
    } catch (BindException e) {
      metrics.close();
      throw new PortInUse("--health-port", options.host(), options.healthPort());
    }
  }

  /** Starts serving and taking calls; the gauge holds the first count when this returns. */
  public static DemoWorker start(Options options, PrintWriter log) throws IOException {
    var worker = new DemoWorker(options, log);
    worker.tick();
    worker.ticker.scheduleAtFixedRate(worker::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    log.printf("demo worker: %s on http://%s:%d/metrics%s, %s%s%n", options.metricName(), options.host(),
        worker.metricsPort(), worker.health == null ? "" : ", health and /worker on port " + worker.healthPort(),
        options.fixedSessions() != null ? options.fixedSessions() + " sessions"
            : "traffic " + options.trace().name() + " ÷ " + options.fleetSize() + " workers",
        options.stuckGauge() ? ", gauge stuck at 0" : "");
    return worker;
  }

  /** LiveKit's health server: {@code /} answers OK, {@code /worker} the worker's state as JSON. */
  private HttpServer health(Options options) throws IOException {
    var server = HttpServer.create(new InetSocketAddress(options.host(), options.healthPort()), 0);
    server.createContext("/", exchange -> {
      boolean worker = exchange.getRequestURI().getPath().equals("/worker");
      byte[] body = (worker ? workerJson() : "OK").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", worker ? "application/json" : "text/plain");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return server;
  }

  /** The fields of LiveKit's {@code /worker} that a demo can fill honestly; load is sessions ÷ sessions_per_worker. */
  private String workerJson() {
    int active = sessions();
    var json = JSON.createObjectNode().put("agent_name", options.agentName()).put("active_jobs", active)
        .put("worker_load", (double) active / options.sessionsPerWorker());
    return json.toString();
  }

  public int metricsPort() {
    return metrics.getPort();
  }

  /** The health port, or 0 when there is no health endpoint. */
  public int healthPort() {
    return health == null ? 0 : health.getAddress().getPort();
  }

  public synchronized int sessions() {
    return callEnds.size();
  }

  /** Advances simulated time to the wall clock: ends calls, takes new ones, sets the gauge. */
  private synchronized void tick() {
    double now = (System.nanoTime() - startNanos) / 1e9 * options.speed();
    while (!callEnds.isEmpty() && callEnds.peek() <= now) {
      double end = callEnds.poll();
      if (options.fixedSessions() != null && !draining) {
        callEnds.add(end + callLength()); // a new caller takes the freed slot at once
      }
    }
    if (options.fixedSessions() != null) {
      while (!draining && callEnds.size() < options.fixedSessions()) {
        callEnds.add(now + callLength());
      }
    } else {
      arrivals(now);
    }
    gauge.set(options.stuckGauge() ? 0 : callEnds.size());
  }

  private void arrivals(double now) {
    if (Double.isNaN(nextArrival)) {
      nextArrival = arrivals.next(0, random);
    }
    while (nextArrival <= now) {
      if (!draining) {
        if (callEnds.size() < options.sessionsPerWorker()) {
          callEnds.add(nextArrival + callLength());
        } else {
          refused++;
        }
      }
      nextArrival = arrivals.next(nextArrival, random);
    }
  }

  private double callLength() {
    return options.callLengths().sampleSeconds(options.meanCall().toMillis() / 1000.0, random);
  }

  /**
   * LiveKit's drain: take no new calls, wait for the active ones up to the drain timeout.
   *
   * @return the sessions cut off because the timeout passed (0 for a clean drain)
   */
  public int drain() throws InterruptedException {
    draining = true;
    long deadline = System.nanoTime() + options.drainTimeout().toNanos();
    log.printf("draining: %d sessions, drain timeout %ds%n", sessions(), options.drainTimeout().toSeconds());
    while (sessions() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(TICK_MILLIS);
    }
    int cut = sessions();
    log.println(cut == 0 ? "drained: no sessions left" : "drain timed out: " + cut + " sessions cut off");
    return cut;
  }

  public synchronized long refused() {
    return refused;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    metrics.close();
    if (health != null) {
      health.stop(0);
    }
  }
}
