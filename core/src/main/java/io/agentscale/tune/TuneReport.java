package io.agentscale.tune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.agentscale.profile.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A tuning result for a person (table), for tools (JSON) and as a page (the scatter of every configuration). */
public final class TuneReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Tuner.Result r;
  private final String costUnit;

  public TuneReport(Tuner.Result result) {
    this.r = result;
    this.costUnit = result.options().platform() == io.agentscale.simulate.Simulation.Platform.KUBERNETES
        ? "node-h" : "worker-h";
  }

  /** The Pareto row where buying the next 0.1 point of drops starts to cost the most more than the last one did. */
  Evaluation knee() {
    var front = r.pareto();
    Evaluation knee = null;
    double worst = 0;
    for (int i = 1; i + 1 < front.size(); i++) {
      double before = slope(front.get(i - 1), front.get(i));
      double after = slope(front.get(i), front.get(i + 1));
      if (before > 0 && after / before > worst) {
        worst = after / before;
        knee = front.get(i);
      }
    }
    return knee;
  }

  /** Cost per 0.1 percentage point of drops saved between two front rows. */
  private static double slope(Evaluation cheaper, Evaluation dearer) {
    double points = (cheaper.worstDropUpper() - dearer.worstDropUpper()) * 1000;
    return points <= 0 ? Double.POSITIVE_INFINITY : (dearer.cost() - cheaper.cost()) / points;
  }

  public String table() {
    var out = new StringBuilder();
    var o = r.options();
    out.append(String.format(Locale.ROOT, "tune %s on %s · SLO drop ≤ %s (95%% upper bound), interrupted ≤ %s, "
        + "p95 wait ≤ %ss%n", r.current().profile().name(), o.platform().id(), Evaluator.pct(o.slo().drop()),
        r.current() == null ? "-" : Evaluator.num(capOrCurrent()), Evaluator.num(o.settings().patience().toSeconds())));
    if (r.met()) {
      out.append("\nchosen (confirmed on ").append(r.confirmSeeds()).append(" fresh seeds per scenario):\n");
      r.diff().forEach((path, v) -> out.append("  ").append(path).append(": ").append(text(v[0])).append(" → ")
          .append(text(v[1])).append('\n'));
      if (r.diff().isEmpty()) {
        out.append("  the current profile is already the cheapest found\n");
      }
      double saving = r.savingPerWeek();
      String usd = r.savingUsdPerWeek() == null ? "" : String.format(Locale.ROOT, " (about $%.0f at us-east-1 "
          + "on-demand prices)", Math.abs(r.savingUsdPerWeek()));
      out.append(saving >= 0
          ? String.format(Locale.ROOT, "  saves %.1f %s per week of this traffic%s%n", saving, costUnit, usd)
          : String.format(Locale.ROOT, "  costs %.1f %s more per week of this traffic%s: the current profile misses "
              + "the SLO%n",
              -saving, costUnit, usd));
      out.append("  binding: ").append(r.chosen().binding()).append('\n');
    } else {
      out.append("\nno configuration in range met the SLO on fresh seeds; closest:\n");
      var c = r.closest();
      out.append("  ").append(compact(c)).append('\n').append("  ").append(c.binding()).append('\n');
    }
    out.append("\n  ").append(row("", "cost", "drop mean/upper", "p95 wait", "interrupted", "events/h", "peak"))
        .append('\n');
    out.append("  ").append(row("current", cost(r.current()), drops(r.current()), Evaluator.num(r.current().p95Wait()),
        Evaluator.num(r.current().interrupted()), Evaluator.num(r.current().scaleEventsPerHour()),
        String.valueOf(r.current().peakWorkers()))).append('\n');
    if (r.met()) {
      out.append("  ").append(row("chosen", cost(r.chosen()), drops(r.chosen()), Evaluator.num(r.chosen().p95Wait()),
          Evaluator.num(r.chosen().interrupted()), Evaluator.num(r.chosen().scaleEventsPerHour()),
          String.valueOf(r.chosen().peakWorkers()))).append('\n');
    }
    out.append("\nPareto front of the search (cost against the worst scenario's drop upper bound):\n");
    var knee = knee();
    boolean slo = false;
    for (var e : r.pareto()) {
      if (!slo && e.worstDropUpper() <= o.slo().drop()) {
        out.append("  ---- SLO ").append(Evaluator.pct(o.slo().drop())).append(" ----\n");
        slo = true;
      }
      String mark = (r.met() && e.settings().equals(r.chosen().settings()) ? " chosen" : "")
          + (e == knee ? " knee" : "") + (e.settings().equals(r.current().settings()) ? " current" : "");
      out.append("  ").append(row(mark.strip(), cost(e), drops(e), Evaluator.num(e.p95Wait()),
          Evaluator.num(e.interrupted()), Evaluator.num(e.scaleEventsPerHour()), String.valueOf(e.peakWorkers())))
          .append("  ").append(compact(e)).append('\n');
    }
    out.append(String.format(Locale.ROOT, "%n%s; %d simulations (%d seeds per scenario searched, %d fresh to "
        + "confirm), %.1f s, %.0f simulations/s; max_workers below %d skipped by Erlang-B%n", r.stopped(),
        r.evaluations(), r.searchSeeds(), r.confirmSeeds(), r.wallSeconds(), r.evaluations() / r.wallSeconds(),
        r.minMaxWorkers()));
    return out.toString();
  }

  private double capOrCurrent() {
    var cap = r.options().slo().interrupted();
    return cap != null ? cap : r.current().interruptedUpper();
  }

  public String json() {
    var root = new LinkedHashMap<String, Object>();
    root.put("profile", r.current().profile().name());
    root.put("platform", r.options().platform().id());
    root.put("slo", Map.of("drop", r.options().slo().drop(), "interrupted", capOrCurrent()));
    root.put("met", r.met());
    root.put("chosen", r.met() ? figures(r.chosen()) : null);
    root.put("closest", r.met() ? null : figures(r.closest()));
    root.put("current", figures(r.current()));
    var diff = new LinkedHashMap<String, Object>();
    r.diff().forEach((k, v) -> diff.put(k, Map.of("from", value(v[0]), "to", value(v[1]))));
    root.put("changes", diff);
    root.put("saving_per_week", r.savingPerWeek());
    root.put("saving_usd_per_week", r.savingUsdPerWeek());
    root.put("pareto", r.pareto().stream().map(this::figures).toList());
    root.put("binding", r.met() ? r.chosen().binding() : r.closest().binding());
    root.put("stopped", r.stopped());
    root.put("evaluations", r.evaluations());
    root.put("search_seeds", r.searchSeeds());
    root.put("confirm_seeds", r.confirmSeeds());
    root.put("wall_seconds", r.wallSeconds());
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Object> figures(Evaluation e) {
    var m = new LinkedHashMap<String, Object>();
    var settings = new LinkedHashMap<String, Object>();
    e.settings().forEach((k, v) -> settings.put(k, value(v)));
    m.put("settings", settings);
    m.put("cost", e.cost());
    m.put("cost_unit", costUnit);
    m.put("worker_hours", e.workerHours());
    m.put("node_hours", e.nodeHours());
    m.put("drop_rate", e.worstDropRate());
    m.put("drop_upper", e.worstDropUpper());
    m.put("interrupted", e.interrupted());
    m.put("p95_wait_seconds", e.p95Wait());
    m.put("scale_events_per_hour", e.scaleEventsPerHour());
    m.put("peak_workers", e.peakWorkers());
    m.put("feasible", e.feasible());
    return m;
  }

  /** A self-contained page: every configuration's cost against its drop upper bound, the front and the SLO line. */
  public String html() {
    var points = new ArrayList<Map<String, Object>>();
    for (var e : r.all()) {
      if (Double.isFinite(e.cost())) {
        points.add(Map.of("x", e.cost(), "y", Math.max(1e-5, e.worstDropUpper()), "feasible", e.feasible(),
            "label", compact(e)));
      }
    }
    var data = new LinkedHashMap<String, Object>();
    data.put("title", "Tuning " + r.current().profile().name() + " on " + r.options().platform().id());
    data.put("costUnit", costUnit);
    data.put("slo", r.options().slo().drop());
    data.put("points", points);
    data.put("front", r.pareto().stream().map(e -> Map.of("x", e.cost(), "y", Math.max(1e-5, e.worstDropUpper())))
        .toList());
    data.put("chosen", r.met() ? Map.of("x", r.chosen().cost(), "y", Math.max(1e-5, r.chosen().worstDropUpper()))
        : null);
    data.put("current", Map.of("x", r.current().cost(), "y", Math.max(1e-5, r.current().worstDropUpper())));
    data.put("table", table());
    try {
      String json = JSON.writeValueAsString(data).replace("<", "\\u003c");
      return io.agentscale.simulate.SimulationReport.page("tune.html", json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String cost(Evaluation e) {
    return String.format(Locale.ROOT, "%.1f %s", e.cost(), costUnit);
  }

  private static String drops(Evaluation e) {
    return Evaluator.pct(e.worstDropRate()) + " / " + Evaluator.pct(e.worstDropUpper());
  }

  private static String row(String mark, String cost, String drops, String wait, String interrupted, String events,
      String peak) {
    return String.format(Locale.ROOT, "%-16s %16s %18s %9s %11s %9s %5s", mark, cost, drops, wait, interrupted,
        events, peak);
  }

  /** The settings in a few characters each, for one-line rows. */
  static String compact(Evaluation e) {
    var parts = new ArrayList<String>();
    e.settings().forEach((k, v) -> parts.add(k.substring(k.lastIndexOf('.') + 1) + "=" + text(v)));
    return String.join(" ", parts);
  }

  static String text(Object v) {
    return v instanceof Duration d ? Durations.seconds(d) : String.valueOf(v);
  }

  private static Object value(Object v) {
    return v instanceof Duration d ? Durations.seconds(d) : v;
  }
}
