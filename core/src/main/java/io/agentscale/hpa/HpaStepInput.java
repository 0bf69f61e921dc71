package io.agentscale.hpa;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentscale.profile.Problem;
import io.agentscale.profile.Spelling;
import io.agentscale.hpa.HpaController;
import io.agentscale.hpa.HpaController.Behavior;
import io.agentscale.hpa.HpaController.Phase;
import io.agentscale.hpa.HpaController.Pod;
import io.agentscale.hpa.HpaController.Policy;
import io.agentscale.hpa.HpaController.PolicyType;
import io.agentscale.hpa.HpaController.Recommendation;
import io.agentscale.hpa.HpaController.ScalingRules;
import io.agentscale.hpa.HpaController.ScaleEvent;
import io.agentscale.hpa.HpaController.SelectPolicy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code hpa-step}'s JSON state into {@link HpaController.Input}, checking it as the API server checks an HPA
 * (autoscaling validation: replica bounds, behavior rules, policies) plus what the controller's arithmetic needs
 * (milli-unit sums that fit 64 bits, proposals that fit a replica count). Every problem is reported with its path;
 * nothing in a wrong state reaches the controller.
 */
public final class HpaStepInput {
  private HpaStepInput() {}

  static final List<String> ROOT_KEYS = List.of("current_replicas", "min_replicas", "max_replicas",
      "target_average_value", "tolerance", "pods", "proposal", "behavior", "downscale_stabilization_seconds",
      "scale_up_limit_factor", "history", "first_reconcile");
  static final List<String> TOLERANCE_KEYS = List.of("scale_up", "scale_down");
  static final List<String> POD_KEYS = List.of("phase", "ready", "deleting", "value");
  static final List<String> BEHAVIOR_KEYS = List.of("scale_up", "scale_down");
  static final List<String> RULES_KEYS = List.of("stabilization_window_seconds", "select_policy", "policies");
  static final List<String> POLICY_KEYS = List.of("type", "value", "period_seconds");
  static final List<String> HISTORY_KEYS = List.of("recommendations", "scale_up_events", "scale_down_events");
  static final List<String> RECOMMENDATION_KEYS = List.of("replicas", "age_seconds");
  static final List<String> EVENT_KEYS = List.of("change", "age_seconds");

  /** autoscaling validation: MaxStabilizationWindowSeconds and MaxPeriodSeconds. */
  static final int MAX_WINDOW_SECONDS = 3600;
  static final int MAX_PERIOD_SECONDS = 1800;
  /** The largest value whose milli-units fit a signed 64-bit integer, as Quantity.MilliValue() needs. */
  static final BigDecimal MAX_UNITS = BigDecimal.valueOf(Long.MAX_VALUE, 3);
  private static final BigDecimal ONE_MILLI = new BigDecimal("0.001");

  public record Result(HpaController.Input input, List<Problem> problems) {}

  public static Result read(JsonNode state) {
    var r = new Reader();
    var input = r.state(state);
    return new Result(r.found.isEmpty() ? input : null, List.copyOf(r.found));
  }

  /** A value fit for one line of an error message: control and non-ASCII characters escaped, long text cut. */
  public static String printable(String text, int max) {
    var b = new StringBuilder();
    for (int i = 0; i < text.length() && b.length() < max; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        b.append(c);
      } else {
        b.append(String.format("\\u%04x", (int) c));
      }
    }
    return b.length() >= max ? b + "[...]" : b.toString();
  }

  /** The received value as a message quotes it: numbers and literals as written, text in single quotes. */
  static String received(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    if (n.isTextual()) {
      return "'" + printable(n.textValue(), 60) + "'";
    }
    if (n.isContainerNode()) {
      return n.isArray() ? "a list" : "an object";
    }
    return printable(n.toString(), 60);
  }

  private static final class Reader {
    final List<Problem> found = new ArrayList<>();

    void problem(String path, String message) {
      found.add(new Problem(path, message));
    }

    HpaController.Input state(JsonNode s) {
      if (s == null || s.isMissingNode()) {
        problem("$", "expected a JSON object, got nothing");
        return null;
      }
      if (!object(s, "$", ROOT_KEYS)) {
        return null;
      }
      int problemsBefore = found.size();
      Integer current = whole(s, "", "current_replicas", null, 0);
      Integer min = whole(s, "", "min_replicas", 1, Integer.MIN_VALUE);
      if (min != null && min == 0) {
        problem("min_replicas", "must be at least 1, got 0: scaling to zero needs the HPAScaleToZero feature gate "
            + "and an Object or External metric, and hpa-step models one Pods metric");
        min = null;
      } else if (min != null && min < 1) {
        problem("min_replicas", "must be at least 1, got " + min);
        min = null;
      }
      Integer max = whole(s, "", "max_replicas", null, 1);
      if (max != null && min != null && max < min) {
        problem("max_replicas", "must be >= min_replicas (" + min + "), got " + max);
      }
      var targetValue = s.path("target_average_value");
      Long target = null;
      if (targetValue.isNumber() && targetValue.decimalValue().signum() <= 0) {
        problem("target_average_value", "must be positive, got " + received(targetValue));
      } else {
        target = milli(targetValue, "target_average_value", true);
      }
      var tolerance = tolerance(s.path("tolerance"));
      List<Pod> pods = list(s.path("pods"), "pods", this::pod);
      Integer proposal = s.path("proposal").isNull() ? null : whole(s, "", "proposal", -1, 0);
      Behavior behavior = behavior(s.path("behavior"));
      Integer flagWindow = whole(s, "", "downscale_stabilization_seconds",
          HpaController.DOWNSCALE_STABILIZATION_SECONDS, 0);
      Double factor = positive(s.path("scale_up_limit_factor"), "scale_up_limit_factor",
          HpaController.SCALE_UP_LIMIT_FACTOR);
      var history = s.path("history");
      List<Recommendation> recs = List.of();
      List<ScaleEvent> ups = List.of();
      List<ScaleEvent> downs = List.of();
      if (object(history, "history", HISTORY_KEYS)) {
        recs = list(history.path("recommendations"), "history.recommendations", this::recommendation);
        ups = list(history.path("scale_up_events"), "history.scale_up_events", this::event);
        downs = list(history.path("scale_down_events"), "history.scale_down_events", this::event);
      }
      Boolean first = bool(s.path("first_reconcile"), "first_reconcile", false);
      if (pods != null && target != null && found.size() == problemsBefore) {
        arithmetic(pods, target);
      }
      if (found.size() > problemsBefore) {
        return null;
      }
      return new HpaController.Input(current, min, max, target, tolerance, pods, proposal == -1 ? null : proposal,
          behavior, flagWindow, factor, recs, ups, downs, first);
    }

    /** The controller sums samples in 64 bits and casts a ratio × pod count to a replica count: both must fit. */
    void arithmetic(List<Pod> pods, long target) {
      long sum = 0;
      long largest = target;
      try {
        for (Pod p : pods) {
          long v = p.milli() == null ? target : Math.max(p.milli(), target);
          sum = Math.addExact(sum, v);
          largest = Math.max(largest, v);
        }
      } catch (ArithmeticException e) {
        problem("pods", "the values add up to more than 9223372036854775807 milli-units, the controller's 64-bit sum");
        return;
      }
      if ((double) largest / target * pods.size() > Integer.MAX_VALUE) {
        problem("pods", "values up to " + BigDecimal.valueOf(largest, 3).toPlainString() + " against a target of "
            + BigDecimal.valueOf(target, 3).toPlainString() + " ask for more than " + Integer.MAX_VALUE + " replicas");
      }
    }

    HpaController.Tolerance tolerance(JsonNode t) {
      if (!object(t, "tolerance", TOLERANCE_KEYS)) {
        return HpaController.Tolerance.DEFAULT;
      }
      Double up = toleranceValue(t.path("scale_up"), "tolerance.scale_up");
      Double down = toleranceValue(t.path("scale_down"), "tolerance.scale_down");
      return new HpaController.Tolerance(up == null ? HpaController.Tolerance.DEFAULT.scaleUp() : up,
          down == null ? HpaController.Tolerance.DEFAULT.scaleDown() : down);
    }

    Double toleranceValue(JsonNode n, String path) {
      if (n.isMissingNode() || n.isNull()) {
        return null;
      }
      if (!n.isNumber()) {
        problem(path, "expected a number, got " + received(n));
        return null;
      }
      if (n.decimalValue().signum() < 0) {
        problem(path, "must be greater than or equal to 0, got " + received(n));
        return null;
      }
      return HpaController.Tolerance.quantity(n.decimalValue());
    }

    Pod pod(JsonNode p, String path) {
      if (!object(p, path, POD_KEYS)) {
        return null;
      }
      Phase phase = p.path("phase").isMissingNode() ? Phase.Running
          : choice(p.path("phase"), path + ".phase", Phase.class);
      Boolean ready = bool(p.path("ready"), path + ".ready", true);
      Boolean deleting = bool(p.path("deleting"), path + ".deleting", false);
      var value = p.path("value");
      Long milli = value.isMissingNode() || value.isNull() ? null : milli(value, path + ".value", false);
      if (phase == null || ready == null || deleting == null || (milli == null && !value.isMissingNode()
          && !value.isNull())) {
        return null;
      }
      return new Pod(phase, ready, deleting, milli);
    }

    Behavior behavior(JsonNode b) {
      if (!object(b, "behavior", BEHAVIOR_KEYS)) {
        return null;
      }
      return new Behavior(rules(b.path("scale_up"), "behavior.scale_up"),
          rules(b.path("scale_down"), "behavior.scale_down"));
    }

    ScalingRules rules(JsonNode r, String path) {
      if (!object(r, path, RULES_KEYS)) {
        return null;
      }
      var window = r.path("stabilization_window_seconds");
      Integer windowSeconds = window.isNull() ? null
          : whole(r, path + ".", "stabilization_window_seconds", -1, 0);
      if (windowSeconds != null && windowSeconds > MAX_WINDOW_SECONDS) {
        problem(path + ".stabilization_window_seconds",
            "must be at most " + MAX_WINDOW_SECONDS + " (one hour), got " + windowSeconds);
      }
      var select = r.path("select_policy");
      SelectPolicy selectPolicy = select.isMissingNode() || select.isNull() ? null
          : choice(select, path + ".select_policy", SelectPolicy.class);
      List<Policy> policies = null;
      var list = r.path("policies");
      if (!list.isMissingNode() && !list.isNull()) {
        policies = list(list, path + ".policies", this::policy);
        if (policies != null && policies.isEmpty()) {
          problem(path + ".policies", "must specify at least one policy, or leave policies out for the defaults");
        }
      }
      return new ScalingRules(windowSeconds == null || windowSeconds == -1 ? null : windowSeconds, selectPolicy, policies);
    }

    Policy policy(JsonNode p, String path) {
      if (!object(p, path, POLICY_KEYS)) {
        return null;
      }
      PolicyType type = p.path("type").isMissingNode() ? missing(path + ".type")
          : choice(p.path("type"), path + ".type", PolicyType.class);
      Integer value = whole(p, path + ".", "value", null, 1);
      Integer period = whole(p, path + ".", "period_seconds", null, 1);
      if (period != null && period > MAX_PERIOD_SECONDS) {
        problem(path + ".period_seconds", "must be at most " + MAX_PERIOD_SECONDS + ", got " + period);
      }
      return type == null || value == null || period == null ? null : new Policy(type, value, period);
    }

    Recommendation recommendation(JsonNode r, String path) {
      if (!object(r, path, RECOMMENDATION_KEYS)) {
        return null;
      }
      Integer replicas = whole(r, path + ".", "replicas", null, 0);
      Double age = age(r.path("age_seconds"), path + ".age_seconds");
      return replicas == null || age == null ? null : new Recommendation(replicas, age);
    }

    ScaleEvent event(JsonNode e, String path) {
      if (!object(e, path, EVENT_KEYS)) {
        return null;
      }
      Integer change = whole(e, path + ".", "change", null, 1);
      Double age = age(e.path("age_seconds"), path + ".age_seconds");
      return change == null || age == null ? null : new ScaleEvent(change, age);
    }

    // ---- one value each ----------------------------------------------------------------------------------------

    /** True when {@code n} is an object whose keys are all known; absent or null is false without a problem. */
    boolean object(JsonNode n, String path, List<String> keys) {
      if (n == null || n.isMissingNode() || (n.isNull() && !path.equals("$"))) {
        return false;
      }
      if (!n.isObject()) {
        problem(path, "expected an object, got " + received(n));
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        String key = it.next().getKey();
        if (!keys.contains(key)) {
          problem(keyPath(path, key), "unknown key" + suggestion(key, keys));
        }
      }
      return true;
    }

    /** {@code path.key}, or {@code path['key']} when the key is empty or has characters a path cannot show. */
    static String keyPath(String path, String key) {
      if (key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        return path.equals("$") ? key : path + "." + key;
      }
      return path + "['" + printable(key, 60) + "']";
    }

    static String suggestion(String key, List<String> allowed) {
      String lower = key.toLowerCase(java.util.Locale.ROOT);
      return allowed.stream()
          .filter(k -> Spelling.distance(k, lower) <= Math.max(2, key.length() / 3))
          .min(Comparator.comparingInt(k -> Spelling.distance(k, lower)))
          .map(k -> "; did you mean '" + k + "'?")
          .orElse("; allowed here: " + String.join(", ", allowed));
    }

    <T> T missing(String path) {
      problem(path, "is required");
      return null;
    }

    /** A whole number at least {@code min}; {@code fallback} when absent (null: required). */
    Integer whole(JsonNode parent, String prefix, String key, Integer fallback, long min) {
      var n = parent.path(key);
      String path = prefix + key;
      if (n.isMissingNode() || n.isNull()) {
        return fallback != null ? fallback : missing(path);
      }
      if (!n.isIntegralNumber()) {
        problem(path, "expected a whole number, got " + received(n));
        return null;
      }
      if (n.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(min)) < 0) {
        problem(path, "must be at least " + min + ", got " + received(n));
        return null;
      }
      if (!n.canConvertToInt()) {
        problem(path, "must be at most " + Integer.MAX_VALUE + ", got " + received(n));
        return null;
      }
      return n.intValue();
    }

    /** A metric value in milli-units, rounded up as Quantity.MilliValue() does. */
    Long milli(JsonNode n, String path, boolean required) {
      if (n.isMissingNode() || n.isNull()) {
        return required ? missing(path) : null;
      }
      if (!n.isNumber()) {
        problem(path, "expected a number, got " + received(n));
        return null;
      }
      BigDecimal v = n.decimalValue();
      if (v.signum() < 0) {
        problem(path, "must be at least 0, got " + received(n));
        return null;
      }
      if (v.compareTo(MAX_UNITS) > 0) {
        problem(path, "must be at most " + MAX_UNITS.toPlainString() + " (its milli-units fill 64 bits), got "
            + received(n));
        return null;
      }
      if (v.signum() > 0 && v.compareTo(ONE_MILLI) < 0) {
        return 1L;  // rounds up to 1m; checked first so a tiny exponent never expands
      }
      return HpaController.milliValue(v);
    }

    Double age(JsonNode n, String path) {
      if (n.isMissingNode() || n.isNull()) {
        return missing(path);
      }
      if (!n.isNumber()) {
        problem(path, "expected a number of seconds, got " + received(n));
        return null;
      }
      if (n.decimalValue().signum() < 0) {
        problem(path, "must be at least 0, got " + received(n));
        return null;
      }
      return n.decimalValue().doubleValue();
    }

    Double positive(JsonNode n, String path, double fallback) {
      if (n.isMissingNode() || n.isNull()) {
        return fallback;
      }
      if (!n.isNumber()) {
        problem(path, "expected a number, got " + received(n));
        return null;
      }
      double d = n.decimalValue().doubleValue();
      if (n.decimalValue().signum() <= 0 || Double.isInfinite(d)) {
        problem(path, "must be a positive number, got " + received(n));
        return null;
      }
      return d;
    }

    Boolean bool(JsonNode n, String path, boolean fallback) {
      if (n.isMissingNode() || n.isNull()) {
        return fallback;
      }
      if (!n.isBoolean()) {
        problem(path, "expected true or false, got " + received(n));
        return null;
      }
      return n.booleanValue();
    }

    <E extends Enum<E>> E choice(JsonNode n, String path, Class<E> type) {
      var names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
      if (!n.isTextual()) {
        problem(path, "expected one of " + String.join(", ", names) + ", got " + received(n));
        return null;
      }
      for (E e : type.getEnumConstants()) {
        if (e.name().equals(n.textValue())) {
          return e;
        }
      }
      var close = names.stream()
          .filter(k -> Spelling.distance(k.toLowerCase(java.util.Locale.ROOT),
              n.textValue().toLowerCase(java.util.Locale.ROOT)) <= 2)
          .findFirst();
      problem(path, "unknown value " + received(n)
          + close.map(k -> "; did you mean '" + k + "'?").orElse("; expected one of " + String.join(", ", names)));
      return null;
    }

    /** A list read item by item; absent or null is empty; null when any item is wrong. */
    <T> List<T> list(JsonNode node, String path, ItemReader<T> each) {
      if (node.isMissingNode() || node.isNull()) {
        return List.of();
      }
      if (!node.isArray()) {
        problem(path, "expected a list, got " + received(node));
        return null;
      }
      var out = new ArrayList<T>();
      boolean complete = true;
      for (int i = 0; i < node.size(); i++) {
        T item = each.read(node.get(i), path + "[" + i + "]");
        if (item == null) {
          complete = false;
          if (node.get(i).isNull()) {
            problem(path + "[" + i + "]", "expected an object, got null");
          }
        } else {
          out.add(item);
        }
      }
      return complete ? out : null;
    }
  }

  @FunctionalInterface
  interface ItemReader<T> {
    T read(JsonNode item, String path);
  }
}
