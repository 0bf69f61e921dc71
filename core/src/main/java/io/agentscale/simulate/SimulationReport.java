package io.agentscale.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** One simulation's results for a person (table), for tools (JSON) and for a browser (HTML with Chart.js). */
public record SimulationReport(String profile, String traffic, double durationSeconds, SimulationSettings settings,
    List<Outcome> outcomes) {

  private record Row(String key, String label, Function<Outcome, Object> value) {}

  private static final List<Row> ROWS = List.of(
      new Row("offered_calls", "offered calls", Outcome::offeredCalls),
      new Row("served_calls", "served calls", Outcome::servedCalls),
      new Row("dropped_calls", "dropped calls", Outcome::droppedCalls),
      new Row("drop_rate", "drop rate", o -> String.format(Locale.ROOT, "%.2f%%", 100 * o.dropRate())),
      new Row("interrupted_sessions", "interrupted sessions", Outcome::interruptedSessions),
      new Row("wait_seconds", "wait p50/p95/p99/max (s)", o -> String.format(Locale.ROOT, "%s/%s/%s/%s",
          num(o.waitSeconds().p50()), num(o.waitSeconds().p95()), num(o.waitSeconds().p99()),
          num(o.waitSeconds().max()))),
      new Row("peak_workers", "peak workers", Outcome::peakWorkers),
      new Row("worker_hours", "worker hours", o -> num(o.workerHours())),
      new Row("node_hours", "node hours", o -> o.nodeHours() == null ? "-" : num(o.nodeHours())),
      new Row("idle_fraction", "idle fraction", o -> String.format(Locale.ROOT, "%.1f%%", 100 * o.idleFraction())));

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public String subtitle() {
    return String.format(Locale.ROOT, "%s · %s · %s · mean call %ss (%s) · patience %ss · seed %d", profile, traffic,
        hours(durationSeconds), num(settings.meanCall().toMillis() / 1000.0), settings.callLengths(),
        num(settings.patience().toMillis() / 1000.0), settings.seed());
  }

  public String table() {
    var out = new StringBuilder(subtitle()).append('\n');
    out.append(String.format(Locale.ROOT, "%-26s", ""));
    outcomes.forEach(o -> out.append(String.format(Locale.ROOT, "%20s", o.platform())));
    out.append('\n');
    for (Row row : ROWS) {
      out.append(String.format(Locale.ROOT, "%-26s", row.label()));
      outcomes.forEach(o -> out.append(String.format(Locale.ROOT, "%20s", row.value().apply(o))));
      out.append('\n');
    }
    return out.toString();
  }

  /** One object: the run's parameters, then a key per simulated platform. */
  public String json() {
    var root = new LinkedHashMap<String, Object>();
    root.put("profile", profile);
    root.put("traffic", traffic);
    root.put("duration_seconds", durationSeconds);
    root.put("mean_call_seconds", settings.meanCall().toMillis() / 1000.0);
    root.put("call_lengths", settings.callLengths().name());
    root.put("patience_seconds", settings.patience().toMillis() / 1000.0);
    root.put("seed", settings.seed());
    for (Outcome o : outcomes) {
      root.put(o.platform(), figures(o));
    }
    return write(root) + "\n";
  }

  static Map<String, Object> figures(Outcome o) {
    var m = new LinkedHashMap<String, Object>();
    m.put("offered_calls", o.offeredCalls());
    m.put("served_calls", o.servedCalls());
    m.put("dropped_calls", o.droppedCalls());
    m.put("drop_rate", o.dropRate());
    m.put("interrupted_sessions", o.interruptedSessions());
    m.put("still_holding", o.stillHolding());
    var w = o.waitSeconds();
    m.put("wait_seconds", Map.of("p50", w.p50(), "p95", w.p95(), "p99", w.p99(), "max", w.max()));
    m.put("peak_workers", o.peakWorkers());
    m.put("worker_hours", o.workerHours());
    m.put("node_hours", o.nodeHours());
    m.put("idle_fraction", o.idleFraction());
    var rules = o.platform().equals(Simulation.Platform.KUBERNETES.id()) ? Assumptions.KUBERNETES
        : Assumptions.LIVEKIT_CLOUD;
    m.put("assumptions", rules.stream().map(r -> Map.of("rule", r.rule(), "source", r.source(),
        "basis", r.basis().name())).toList());
    return m;
  }

  /** A self-contained page: Chart.js and the data inline, so it opens offline. */
  public String html() {
    var platforms = new ArrayList<Map<String, Object>>();
    for (Outcome o : outcomes) {
      var summary = new LinkedHashMap<String, Object>();
      ROWS.forEach(r -> summary.put(r.key(), String.valueOf(r.value().apply(o))));
      var series = new LinkedHashMap<String, Object>();
      var t = o.timeline();
      series.put("seconds", t.stream().map(Outcome.Sample::seconds).toList());
      series.put("offered", t.stream().map(Outcome.Sample::offeredPerMinute).toList());
      series.put("sessions", t.stream().map(Outcome.Sample::sessions).toList());
      series.put("capacity", t.stream().map(Outcome.Sample::capacity).toList());
      series.put("ready", t.stream().map(Outcome.Sample::ready).toList());
      series.put("starting", t.stream().map(Outcome.Sample::starting).toList());
      series.put("draining", t.stream().map(Outcome.Sample::draining).toList());
      series.put("nodes", t.stream().map(Outcome.Sample::nodes).toList());
      series.put("drops", t.stream().map(Outcome.Sample::drops).toList());
      platforms.add(Map.of("id", o.platform(), "summary", summary, "timeline", series));
    }
    var data = new LinkedHashMap<String, Object>();
    data.put("title", "Scaling simulation: " + profile + ", " + traffic);
    data.put("subtitle", subtitle());
    data.put("summaryRows", ROWS.stream().map(r -> List.of(r.key(), r.label())).toList());
    data.put("platforms", platforms);
    return page("report.html", write(data).replace("<", "\\u003c"));
  }

  /** A page from one of this package's templates, with Chart.js and {@code json} (the page's data) inline. */
  public static String page(String template, String json) {
    return resource(template)
        .replace("/*CHART_JS*/", resource("chartjs/dist/chart.umd.min.js").replace("</script", "<\\/script"))
        .replace("/*DATA*/", json);
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = SimulationReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + "; rebuild with npm ci && mvn package");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String hours(double seconds) {
    return seconds % 3600 == 0 ? (long) (seconds / 3600) + "h" : num(seconds / 60) + "m";
  }
}
