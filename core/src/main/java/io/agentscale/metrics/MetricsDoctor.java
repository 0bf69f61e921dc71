package io.agentscale.metrics;

import java.io.PrintWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentscale.plan.CapacityPlan;
import io.agentscale.profile.ScalingProfile;
import io.agentscale.profile.Spelling;
import io.agentscale.hpa.HpaController;
import io.agentscale.hpa.HpaSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a live worker's metrics endpoint the way the pipeline reads it (reachable, the metric under the configured
 * name, a gauge, a sane value) and, given a Prometheus URL, runs the adapter's query and shows what the HPA would
 * decide. Every failure names its likely cause and the fix.
 */
public final class MetricsDoctor {
  public enum Status { ok, note, warn, FAIL }

  public record Check(Status status, String what, List<String> notes) {
    static Check ok(String what, String... notes) {
      return new Check(Status.ok, what, List.of(notes));
    }

    static Check note(String what, String... notes) {
      return new Check(Status.note, what, List.of(notes));
    }

    static Check warn(String what, String... notes) {
      return new Check(Status.warn, what, List.of(notes));
    }

    static Check fail(String what, String cause, String fix) {
      return new Check(Status.FAIL, what, List.of("cause: " + cause, "fix:   " + fix));
    }
  }

  public record Diagnosis(String subject, List<Check> checks) {
    public boolean healthy() {
      return checks.stream().noneMatch(c -> c.status() == Status.FAIL);
    }

    public String text() {
      var out = new StringBuilder("doctor: ").append(subject).append('\n');
      for (Check c : checks) {
        out.append(String.format(Locale.ROOT, "  %-5s %s%n", c.status(), c.what()));
        c.notes().forEach(n -> out.append("        ").append(n).append('\n'));
      }
      long failed = checks.stream().filter(c -> c.status() == Status.FAIL).count();
      out.append(failed == 0
          ? "verdict: healthy: the adapter rule will find this metric\n"
          : "verdict: broken (" + failed + " problem" + (failed > 1 ? "s" : "") + "): the HPA cannot scale on "
              + "this metric as it is\n");
      return out.toString();
    }
  }

  /**
   * What to check.
   *
   * @param prometheusUrl also run the adapter's query there; null to skip
   * @param workerUrl LiveKit's {@code /worker} on the health port, compared with the gauge where reachable; null to skip
   * @param expect wait until the gauge (and, with a Prometheus, the adapter's query) reaches this many sessions; null
   *     for a single look
   * @param timeout how long {@code expect} waits at most
   */
  public record Request(URI metricsUrl, URI prometheusUrl, URI workerUrl, Integer expect, Duration timeout) {}

  /** LiveKit's built-in per-worker job gauge, kept in the worker's main process. */
  static final String LIVEKIT_GAUGE = "lk_agents_active_job_count";

  /** How often {@code expect} reads the gauge again. */
  static final Duration POLL_INTERVAL = Duration.ofMillis(500);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ScalingProfile profile;
  private final PrintWriter progress;
  private final Http http = new Http();

  public MetricsDoctor(ScalingProfile profile) {
    this(profile, new PrintWriter(java.io.Writer.nullWriter()));
  }

  /** @param progress where the wait of {@code expect} reports each new value */
  public MetricsDoctor(ScalingProfile profile, PrintWriter progress) {
    this.profile = profile;
    this.progress = progress;
  }

  public Diagnosis examine(URI metricsUrl, URI prometheusUrl) throws InterruptedException {
    return examine(new Request(metricsUrl, prometheusUrl, null, null, null));
  }

  public Diagnosis examine(Request request) throws InterruptedException {
    String metric = profile.metrics().name();
    var checks = new ArrayList<Check>();
    String subject = request.metricsUrl() + " (profile " + profile.name() + ", metric " + metric + ")";
    String body = fetch(request.metricsUrl(), checks);
    Double gauge = null;
    if (body != null) {
      var exposition = Exposition.parse(body);
      var family = exposition.families().get(metric);
      if (family == null || family.samples().isEmpty()) {
        checks.add(missing(metric, exposition));
      } else {
        checks.add(Check.ok(metric + " is exported (" + family.samples().size() + " series)"));
        checks.add(type(family));
        checks.addAll(values(family));
        gauge = total(family);
      }
    }
    if (request.workerUrl() != null && body != null) {
      checks.add(workerView(request.workerUrl(), gauge));
    }
    if (request.prometheusUrl() != null) {
      checks.addAll(adapterView(request.prometheusUrl()));
    }
    if (request.expect() != null && gauge != null) {
      checks.addAll(watch(request));
    }
    return new Diagnosis(subject, List.copyOf(checks));
  }

  private static double total(Exposition.Family family) {
    return family.samples().stream().mapToDouble(Exposition.Sample::value).sum();
  }

  private String fetch(URI url, List<Check> checks) throws InterruptedException {
    int port = profile.metrics().port();
    Http.Response response;
    try {
      response = http.get(url);
    } catch (Http.Failure e) {
      checks.add(switch (e.kind) {
        case REFUSED -> Check.fail(e.getMessage(),
            "nothing listens there: the worker is not running, or it serves metrics on another port",
            "the profile expects metrics.port " + port + "; start the worker's metrics server on it (LiveKit Python: "
                + "WorkerOptions(prometheus_port=" + port + ")), or pass the port it really uses");
        case UNKNOWN_HOST -> Check.fail(e.getMessage(),
            "the host name is misspelt, or it only resolves inside the cluster (a Service or pod DNS name)",
            "use the pod's IP, or kubectl port-forward POD " + port + " and --metrics-url http://127.0.0.1:"
                + port + "/metrics");
        case TIMEOUT -> Check.fail(e.getMessage(),
            "a firewall drops the connection, or the worker's event loop is blocked",
            "check the port is open from where Prometheus runs, and that the worker is not stuck");
        case TOO_LARGE -> Check.fail(e.getMessage(),
            "a worker's metrics are a few KiB; this is another kind of endpoint, or it exports a label per call",
            "point --metrics-url at http://HOST:" + port + "/metrics and keep labels to a bounded set");
        case TLS, OTHER -> Check.fail(e.getMessage(),
            "not an HTTP metrics endpoint (TLS where http:// was given, or another protocol on that port)",
            "point --metrics-url at http://HOST:" + port + "/metrics");
      });
      return null;
    }
    String type = response.contentType();
    if (response.status() != 200) {
      checks.add(Check.fail("HTTP " + response.status() + " from " + url,
          "the port answers but not with metrics at this path",
          "Prometheus scrapes /metrics (annotation prometheus.io/path); use that path on the metrics port"));
      return null;
    }
    if (!type.startsWith("text/plain") && !type.startsWith("application/openmetrics-text")) {
      checks.add(Check.fail("reachable, but the answer is " + type + ", not Prometheus text",
          "this is another HTTP server (the health endpoint on 8081, or the app itself)",
          "use the port the metrics server listens on (metrics.port " + port + ")"));
      return null;
    }
    checks.add(Check.ok("reachable: HTTP 200, " + type));
    return response.body();
  }

  /** The gauge's current total, or null when it cannot be read or is not exported. */
  private Double readGauge(URI url) throws InterruptedException {
    try {
      var response = http.get(url);
      var family = Exposition.parse(response.body()).families().get(profile.metrics().name());
      return response.status() == 200 && family != null && !family.samples().isEmpty() ? total(family) : null;
    } catch (Http.Failure e) {
      return null;
    }
  }

  /** LiveKit's {@code /worker} answer's {@code active_jobs}. */
  private int activeJobs(URI workerUrl) throws Http.Failure, InterruptedException {
    var response = http.get(workerUrl);
    JsonNode jobs = null;
    try {
      jobs = JSON.readTree(response.body()).get("active_jobs");
    } catch (IOException e) {
      // not JSON: reported below
    }
    if (response.status() != 200 || jobs == null || !jobs.canConvertToInt()) {
      throw new Http.Failure(Http.Kind.OTHER, workerUrl + " answers HTTP " + response.status()
          + ", but not with LiveKit's /worker JSON (active_jobs)");
    }
    return jobs.asInt();
  }

  private Check workerView(URI workerUrl, Double gauge) throws InterruptedException {
    String metric = profile.metrics().name();
    int jobs;
    try {
      jobs = activeJobs(workerUrl);
    } catch (Http.Failure e) {
      return Check.note("/worker not compared: " + e.getMessage(),
          "LiveKit serves /worker on the health port (kubernetes.health_port " + profile.kubernetes().healthPort()
              + "); pass --worker-url to compare its active_jobs with the gauge");
    }
    if (gauge == null) {
      return Check.note(workerUrl + " reports " + jobs + " active jobs");
    }
    if (gauge == jobs) {
      return Check.ok(workerUrl + " reports " + jobs + " active jobs, as the gauge does");
    }
    if (gauge == 0) {
      return Check.fail(metric + " reads 0 while " + workerUrl + " reports " + jobs + " active jobs",
          "the gauge is updated in the job's child process: LiveKit runs each call in one, and the main process's "
              + "/metrics never sees its registry",
          CHILD_PROCESS_FIX);
    }
    return Check.warn(workerUrl + " reports " + jobs + " active jobs, " + metric + " " + fmt(gauge),
        "calls may have started or ended between the two reads; if it lasts, the gauge counts something else, or "
            + "--worker-url is another worker's");
  }

  private static final String CHILD_PROCESS_FIX = "update the gauge in the worker's main process, or set "
      + "PROMETHEUS_MULTIPROC_DIR (multiprocess_mode=\"livesum\"), or use metrics.name: " + LIVEKIT_GAUGE;

  /** Waits until the gauge, then the adapter's query, shows {@code expect} sessions, or the timeout passes. */
  private List<Check> watch(Request request) throws InterruptedException {
    String metric = profile.metrics().name();
    int expect = request.expect();
    long start = System.nanoTime();
    long deadline = start + request.timeout().toNanos();
    progress.printf(Locale.ROOT, "waiting up to %ds for %s to reach %d: place %d test call%s to this worker now%n",
        request.timeout().toSeconds(), metric, expect, expect, expect == 1 ? "" : "s");
    double highest = 0;
    Double last = null;
    while (true) {
      Double value = readGauge(request.metricsUrl());
      if (value != null && !value.equals(last)) {
        progress.println("  " + metric + " = " + fmt(value));
        last = value;
        highest = Math.max(highest, value);
      }
      if (value != null && value >= expect) {
        break;
      }
      if (System.nanoTime() >= deadline) {
        return List.of(stuck(request, highest));
      }
      pause(deadline);
    }
    var checks = new ArrayList<Check>();
    checks.add(Check.ok(metric + " reached " + expect + " after " + seconds(start) + " s"));
    if (request.prometheusUrl() != null) {
      checks.add(watchAdapter(request, start, deadline));
    }
    return checks;
  }

  private Check stuck(Request request, double highest) throws InterruptedException {
    String metric = profile.metrics().name();
    int expect = request.expect();
    long waited = request.timeout().toSeconds();
    Integer jobs = null;
    if (request.workerUrl() != null) {
      try {
        jobs = activeJobs(request.workerUrl());
      } catch (Http.Failure e) {
        // unknown: the cause below names both possibilities
      }
    }
    if (highest == 0 && jobs != null && jobs > 0) {
      return Check.fail(metric + " stayed at 0 for " + waited + " s while /worker reports " + jobs + " active jobs",
          "the gauge is updated in the job's child process: LiveKit runs each call in one, and the main process's "
              + "/metrics never sees its registry",
          CHILD_PROCESS_FIX);
    }
    if (highest == 0) {
      return Check.fail(metric + " stayed at 0 for " + waited + " s; expected " + expect,
          "the test calls did not reach this worker" + (jobs == null ? "" : " (/worker reports 0 active jobs)")
              + ", or the gauge is updated in the job's child process, which the main process's /metrics never "
              + "shows",
          "check that the calls are dispatched to this worker (its agent_name); if they are, " + CHILD_PROCESS_FIX);
    }
    return Check.fail(metric + " reached only " + fmt(highest) + " of " + expect + " within " + waited + " s",
        "some test calls went to other workers, ended early, or were refused (load at load_threshold)",
        "run one worker while testing and keep the calls open until doctor is done; --expect counts concurrent "
            + "sessions on this worker");
  }

  /** The adapter's query, summed over the namespace's pods, until it shows {@code expect} sessions. */
  private Check watchAdapter(Request request, long start, long deadline) throws InterruptedException {
    String namespace = profile.kubernetes().namespace();
    String query = AdapterRule.of(profile).query(namespace, List.of());
    var api = new PrometheusApi(request.prometheusUrl());
    double sum = 0;
    String error = null;
    Double last = null;
    while (true) {
      try {
        sum = api.query(query, "pod").values().stream().mapToDouble(Double::doubleValue).sum();
        error = null;
        if (!Double.valueOf(sum).equals(last)) {
          progress.println("  the adapter's query = " + fmt(sum));
          last = sum;
        }
      } catch (IOException e) {
        error = e.getMessage();
      }
      if (error == null && sum >= request.expect()) {
        return Check.ok("the adapter's query reached " + request.expect() + " after " + seconds(start) + " s: "
            + query);
      }
      if (System.nanoTime() >= deadline) {
        break;
      }
      pause(deadline);
    }
    if (error != null) {
      return Check.fail("Prometheus query failed: " + error, "the adapter would fail the same way",
          "set metrics.prometheus_url to the Prometheus the adapter uses");
    }
    return Check.fail("the worker's gauge reached " + request.expect() + ", but the adapter's query shows " + fmt(sum)
            + " after " + request.timeout().toSeconds() + " s: " + query,
        "Prometheus does not scrape this worker, or not yet (metrics.scrape_interval "
            + profile.metrics().scrapeInterval().toSeconds() + " s), or its series lack the namespace/pod labels of "
            + "namespace " + namespace,
        "check the pod's prometheus.io/* annotations or the PodMonitor, and Prometheus' targets page; allow a "
            + "longer --timeout for slow scrapes");
  }

  private static void pause(long deadline) throws InterruptedException {
    long nanos = Math.min(POLL_INTERVAL.toNanos(), deadline - System.nanoTime());
    if (nanos > 0) {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    }
  }

  private static long seconds(long startNanos) {
    return Math.round((System.nanoTime() - startNanos) / 1e9);
  }

  private Check missing(String metric, Exposition exposition) {
    var names = exposition.families().keySet();
    for (String candidate : List.of(metric + "_total", metric)) {
      var f = exposition.families().get(candidate);
      if (f != null && "counter".equals(f.type())) {
        return Check.fail(metric + " is not exported as a gauge; found counter " + candidate,
            "a counter only goes up, so ended sessions never leave it and the HPA would scale up forever",
            "export a gauge named " + metric + ": set it to the number of sessions in progress");
      }
    }
    if (names.contains(LIVEKIT_GAUGE) && !metric.equals(LIVEKIT_GAUGE)) {
      return Check.fail(metric + " is not exported; LiveKit's own " + LIVEKIT_GAUGE + " is",
          "the worker exports LiveKit's metrics but not this one: it is set inside the job, which runs in a child "
              + "process whose registry the main process's /metrics does not show",
          "set metrics.name: " + LIVEKIT_GAUGE + " in the profile, or update " + metric
              + " in the worker's main process (or use PROMETHEUS_MULTIPROC_DIR)");
    }
    String similar = names.stream().filter(n -> n.contains("session") || Spelling.distance(n, metric) <= 3).findFirst()
        .orElse(null);
    if (similar != null) {
      return Check.fail(metric + " is not exported; found " + similar,
          "the worker exports the gauge under another name",
          "rename it to " + metric + " in the worker, or set metrics.name: " + similar + " in the profile");
    }
    return Check.fail(metric + " is not exported (" + names.size() + " other metrics are)",
        "the gauge is never created in this process: in LiveKit each job runs in a child process, so a gauge set "
            + "inside the job is invisible to the main process's /metrics",
        "create and update " + metric + " in the worker's main process, or set PROMETHEUS_MULTIPROC_DIR, or use "
            + "LiveKit's own gauge with metrics.name: " + LIVEKIT_GAUGE);
  }

  private static Check type(Exposition.Family family) {
    if ("gauge".equals(family.type())) {
      return Check.ok("type gauge");
    }
    if ("counter".equals(family.type())) {
      return Check.fail("type counter",
          "a counter only goes up; the adapter's max(...) would never fall and the HPA never scale down",
          "declare it as a gauge and set it to the sessions in progress");
    }
    return Check.warn("type " + (family.type() == null ? "not declared" : family.type()),
        "Prometheus stores it anyway, but declare it as a gauge (# TYPE " + family.name() + " gauge)");
  }

  private List<Check> values(Exposition.Family family) {
    var checks = new ArrayList<Check>();
    int perWorker = profile.scaling().sessionsPerWorker();
    for (var sample : family.samples()) {
      double v = sample.value();
      String where = sample.labels().isEmpty() ? "" : "{" + sample.labels() + "} ";
      if (!Double.isFinite(v) || v < 0) {
        checks.add(Check.fail("value " + where + v + " is not a session count",
            "the gauge is set from something other than the sessions in progress",
            "set it to the number of active sessions: a whole number from 0 to " + perWorker));
      } else if (v > perWorker) {
        checks.add(Check.warn("value " + where + fmt(v) + " is above sessions_per_worker (" + perWorker + ")",
            "the worker takes more calls than the profile assumes, or the gauge counts something else"));
      } else if (v != Math.rint(v)) {
        checks.add(Check.warn("value " + where + fmt(v) + " is not a whole number of sessions"));
      } else {
        checks.add(Check.ok("value " + where + fmt(v) + " (sessions_per_worker " + perWorker + ")"));
      }
      if (sample.labels().matches("(^|.*,)\\s*(pod|namespace)=.*")) {
        checks.add(Check.warn("the series carries its own pod/namespace label",
            "Prometheus renames it to exported_pod/exported_namespace; the adapter matches the target labels"));
      }
    }
    return checks;
  }

  /** The adapter's query for every pod of the profile's namespace, and the HPA's first decision on it. */
  private List<Check> adapterView(URI prometheusUrl) throws InterruptedException {
    var checks = new ArrayList<Check>();
    String namespace = profile.kubernetes().namespace();
    String query = AdapterRule.of(profile).query(namespace, List.of());
    Map<String, Double> perPod;
    try {
      perPod = new PrometheusApi(prometheusUrl).query(query, "pod");
    } catch (IOException e) {
      checks.add(Check.fail("Prometheus query failed: " + e.getMessage(),
          "the adapter would fail the same way", "set metrics.prometheus_url to the Prometheus the adapter uses"));
      return checks;
    }
    if (perPod.isEmpty()) {
      checks.add(Check.fail("the adapter's query returns nothing: " + query,
          "the series lack the namespace/pod target labels, carry another namespace, or are not scraped yet",
          "scrape the pods with Kubernetes service discovery (annotations or the PodMonitor) in namespace "
              + namespace));
      return checks;
    }
    checks.add(Check.ok("the adapter's query returns " + perPod.size() + " pods: " + query));
    var plan = CapacityPlan.from(profile);
    var spec = HpaSpec.of(profile, plan);
    var pods = perPod.values().stream().map(v -> new HpaController.Pod(HpaController.Phase.Running, true, false,
        HpaController.milliValue(java.math.BigDecimal.valueOf(v)))).toList();
    int current = Math.max(spec.minReplicas(), Math.min(spec.maxReplicas(), pods.size()));
    var decision = HpaController.reconcile(spec.input(current, pods, List.of(), List.of(), List.of()));
    checks.add(Check.ok(String.format(Locale.ROOT,
        "the HPA sees %s sessions per pod (target %s) and would go from %d to %d replicas (proposal %s)",
        decision.averageMilli() == null ? "nothing" : fmt(decision.averageMilli() / 1000.0),
        plan.hpa().targetQuantity(), current, decision.desiredReplicas(), decision.proposal())));
    return checks;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
  }
}
