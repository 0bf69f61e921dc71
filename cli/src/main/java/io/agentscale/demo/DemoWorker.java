package io.agentscale.demo;

import com.sun.net.httpserver.HttpServer;
import io.agentscale.traffic.Arrivals;
import io.agentscale.traffic.CallLengths;
import io.agentscale.traffic.Trace;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.PrintStream;
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
   * @param healthPort the LiveKit worker's health port; 0 for none
   * @param fixedSessions the constant session count, or null to follow {@code trace}
   * @param fleetSize the trace's traffic is shared by this many workers
   */
  public record Options(String host, int metricsPort, int healthPort, String metricName, int sessionsPerWorker,
      Integer fixedSessions, Trace trace, int fleetSize, Duration meanCall, CallLengths callLengths, long seed,
      Duration drainTimeout, double speed) {}

  private static final long TICK_MILLIS = 100;

  private final Options options;
  private final PrintStream log;
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

  private DemoWorker(Options options, PrintStream log) throws IOException {
    this.options = options;
    this.log = log;
    this.random = new SplittableRandom(options.seed());
    this.arrivals = options.trace() == null ? null : new Arrivals(options.trace(), 1.0 / options.fleetSize());
    var registry = new PrometheusRegistry();
    this.gauge = Gauge.builder().name(options.metricName())
        .help("LiveKit agent sessions in progress on this worker").register(registry);
    this.metrics = HTTPServer.builder().hostname(options.host()).port(options.metricsPort()).registry(registry)
        .buildAndStart();
    this.health = options.healthPort() > 0 ? health(options) : null;
  }

  /** Starts serving and taking calls. */
  public static DemoWorker start(Options options, PrintStream log) throws IOException {
    var worker = new DemoWorker(options, log);
    worker.ticker.scheduleAtFixedRate(worker::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    log.printf("demo worker: %s on http://%s:%d/metrics, %s%n", options.metricName(), options.host(),
        worker.metrics.getPort(), options.fixedSessions() != null ? options.fixedSessions() + " sessions"
            : "traffic " + options.trace().name() + " ÷ " + options.fleetSize() + " workers");
    return worker;
  }

  private static HttpServer health(Options options) throws IOException {
    var server = HttpServer.create(new InetSocketAddress(options.host(), options.healthPort()), 0);
    server.createContext("/", exchange -> {
      byte[] ok = "OK".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, ok.length);
      exchange.getResponseBody().write(ok);
      exchange.close();
    });
    server.start();
    return server;
  }

  public int metricsPort() {
    return metrics.getPort();
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
    gauge.set(callEnds.size());
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
