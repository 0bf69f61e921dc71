package io.agentscale.metrics;

import io.agentscale.metrics.AdapterRule;
import io.agentscale.plan.CapacityPlan;
import io.agentscale.profile.ScalingProfile;
import io.agentscale.profile.Spelling;
import io.agentscale.hpa.HpaController;
import io.agentscale.hpa.HpaSpec;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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
  public enum Status { ok, warn, FAIL }

  public record Check(Status status, String what, List<String> notes) {
    static Check ok(String what, String... notes) {
      return new Check(Status.ok, what, List.of(notes));
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
          : "verdict: broken (" + failed + " problem" + (failed > 1 ? "s" : "") + "): the HPA would report "
              + "\"unable to get metric\" and never scale\n");
      return out.toString();
    }
  }

  /** LiveKit's built-in per-worker job gauge, kept in the worker's main process. */
  static final String LIVEKIT_GAUGE = "lk_agents_active_job_count";

  private final ScalingProfile profile;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  public MetricsDoctor(ScalingProfile profile) {
    this.profile = profile;
  }

  public Diagnosis examine(URI metricsUrl, URI prometheusUrl) throws InterruptedException {
    String metric = profile.metrics().name();
    var checks = new ArrayList<Check>();
    String subject = metricsUrl + " (profile " + profile.name() + ", metric " + metric + ")";
    String body = fetch(metricsUrl, checks);
    if (body != null) {
      var exposition = Exposition.parse(body);
      var family = exposition.families().get(metric);
      if (family == null || family.samples().isEmpty()) {
        checks.add(missing(metric, exposition));
      } else {
        checks.add(Check.ok(metric + " is exported (" + family.samples().size() + " series)"));
        checks.add(type(family));
        checks.addAll(values(family));
      }
    }
    if (prometheusUrl != null) {
      checks.addAll(adapterView(prometheusUrl));
    }
    return new Diagnosis(subject, List.copyOf(checks));
  }

  private String fetch(URI url, List<Check> checks) throws InterruptedException {
    int port = profile.metrics().port();
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      checks.add(Check.fail("cannot connect to " + url + " (connection refused)",
          "nothing listens there: the worker is not running, or it serves metrics on another port",
          "the profile expects metrics.port " + port + "; start the worker's metrics server on it (LiveKit Python: "
              + "WorkerOptions(prometheus_port=" + port + ")), or pass the port it really uses"));
      return null;
    } catch (HttpTimeoutException e) {
      checks.add(Check.fail("no answer from " + url + " within 5 s",
          "a firewall drops the connection, or the worker's event loop is blocked",
          "check the port is open from where Prometheus runs, and that the worker is not stuck"));
      return null;
    } catch (IOException e) {
      checks.add(Check.fail("cannot read " + url + ": " + e.getMessage(),
          "not an HTTP metrics endpoint (TLS, or another protocol on that port)",
          "point --metrics-url at http://HOST:" + port + "/metrics"));
      return null;
    }
    String type = response.headers().firstValue("Content-Type").orElse("none");
    if (response.statusCode() != 200) {
      checks.add(Check.fail("HTTP " + response.statusCode() + " from " + url,
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
