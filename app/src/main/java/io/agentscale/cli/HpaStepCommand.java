package io.agentscale.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentscale.simulate.HpaController;
import io.agentscale.simulate.HpaController.Behavior;
import io.agentscale.simulate.HpaController.Phase;
import io.agentscale.simulate.HpaController.Policy;
import io.agentscale.simulate.HpaController.PolicyType;
import io.agentscale.simulate.HpaController.Recommendation;
import io.agentscale.simulate.HpaController.Rules;
import io.agentscale.simulate.HpaController.ScaleEvent;
import io.agentscale.simulate.HpaController.SelectPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;

/**
 * {@code agentscale hpa-step}: one HPA reconcile. Reads a JSON state on stdin, prints the JSON decision on stdout.
 * Metric values are in metric units and become milli-units the way Kubernetes' Quantity.MilliValue() does (rounding up).
 */
@Command(name = "hpa-step", description = "Run one HPA controller reconcile: JSON state on stdin, JSON decision on stdout.")
final class HpaStepCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** Input the user got wrong, named by its JSON path. */
  static final class BadInput extends RuntimeException {
    BadInput(String path, String message) {
      super(path + ": " + message);
    }
  }

  @Override
  public Integer call() throws IOException {
    try {
      System.out.println(JSON.writeValueAsString(step(System.in)));
      return 0;
    } catch (BadInput | com.fasterxml.jackson.core.JsonProcessingException e) {
      System.err.println("hpa-step: " + e.getMessage().lines().findFirst().orElse(""));
      return 1;
    }
  }

  static ObjectNode step(InputStream in) throws IOException {
    JsonNode s = JSON.readTree(in);
    if (s == null || !s.isObject()) {
      throw new BadInput("$", "expected a JSON object");
    }
    var decision = HpaController.reconcile(input(s));
    ObjectNode out = JSON.createObjectNode();
    if (decision.proposal() == null) {
      out.putNull("proposal");
    } else {
      out.put("proposal", decision.proposal());
    }
    if (decision.averageMilli() == null) {
      out.putNull("average_value");
    } else {
      out.put("average_value", BigDecimal.valueOf(decision.averageMilli(), 3).stripTrailingZeros());
    }
    out.put("stabilized", decision.stabilized());
    out.put("desired_replicas", decision.desiredReplicas());
    if (decision.limitedReason() == null) {
      out.putNull("limited_reason");
    } else {
      out.put("limited_reason", decision.limitedReason());
    }
    var conditions = out.putArray("conditions");
    decision.conditions().forEach(c -> conditions.addObject()
        .put("type", c.type()).put("status", c.status()).put("reason", c.reason()));
    return out;
  }

  static HpaController.Input input(JsonNode s) {
    var tol = s.path("tolerance");
    var history = s.path("history");
    return new HpaController.Input(
        intAt(s, "current_replicas", null),
        intAt(s, "min_replicas", 1),
        intAt(s, "max_replicas", null),
        milli(s.path("target_average_value"), "target_average_value"),
        new HpaController.Tolerance(
            number(tol.path("scale_up"), "tolerance.scale_up", 0.1),
            number(tol.path("scale_down"), "tolerance.scale_down", 0.1)),
        list(s.path("pods"), "pods", (p) -> new HpaController.Pod(
            phase(p.path("phase")), p.path("ready").asBoolean(true), p.path("deleting").asBoolean(false),
            p.path("value").isMissingNode() || p.path("value").isNull() ? null : milli(p.path("value"), "pods[].value"))),
        s.path("proposal").isIntegralNumber() ? s.path("proposal").intValue() : null,
        behavior(s.path("behavior")),
        intAt(s, "downscale_stabilization_seconds", HpaController.DOWNSCALE_STABILIZATION_SECONDS),
        number(s.path("scale_up_limit_factor"), "scale_up_limit_factor", HpaController.SCALE_UP_LIMIT_FACTOR),
        list(history.path("recommendations"), "history.recommendations",
            r -> new Recommendation(r.path("replicas").asInt(), r.path("age_seconds").asDouble())),
        events(history.path("scale_up_events"), "history.scale_up_events"),
        events(history.path("scale_down_events"), "history.scale_down_events"),
        s.path("first_reconcile").asBoolean(false));
  }

  private static Behavior behavior(JsonNode b) {
    if (b.isMissingNode() || b.isNull()) {
      return null;
    }
    return new Behavior(rules(b.path("scale_up"), "behavior.scale_up"), rules(b.path("scale_down"), "behavior.scale_down"));
  }

  private static Rules rules(JsonNode r, String path) {
    if (r.isMissingNode() || r.isNull()) {
      return null;
    }
    var window = r.path("stabilization_window_seconds");
    var select = r.path("select_policy");
    var policies = r.path("policies");
    return new Rules(
        window.isIntegralNumber() ? window.intValue() : null,
        select.isTextual() ? enumOf(SelectPolicy.class, select.textValue(), path + ".select_policy") : null,
        policies.isArray() ? list(policies, path + ".policies", p -> new Policy(
            enumOf(PolicyType.class, p.path("type").asText(), path + ".policies[].type"),
            p.path("value").asInt(), p.path("period_seconds").asInt())) : null);
  }

  private static List<ScaleEvent> events(JsonNode list, String path) {
    return list(list, path, e -> new ScaleEvent(e.path("change").asInt(), e.path("age_seconds").asDouble()));
  }

  private static <T> List<T> list(JsonNode node, String path, Function<JsonNode, T> each) {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new BadInput(path, "expected a list");
    }
    var out = new ArrayList<T>();
    node.forEach(n -> out.add(each.apply(n)));
    return out;
  }

  private static Phase phase(JsonNode p) {
    return p.isMissingNode() ? Phase.Running : enumOf(Phase.class, p.asText(), "pods[].phase");
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String text, String path) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(text)) {
        return e;
      }
    }
    throw new BadInput(path, "unknown value '" + text + "'");
  }

  private static int intAt(JsonNode s, String field, Integer fallback) {
    var n = s.path(field);
    if (n.isIntegralNumber()) {
      return n.intValue();
    }
    if ((n.isMissingNode() || n.isNull()) && fallback != null) {
      return fallback;
    }
    throw new BadInput(field, "expected a whole number, got " + (n.isMissingNode() ? "nothing" : n.toString()));
  }

  private static double number(JsonNode n, String path, double fallback) {
    if (n.isMissingNode() || n.isNull()) {
      return fallback;
    }
    if (!n.isNumber()) {
      throw new BadInput(path, "expected a number, got " + n);
    }
    return n.doubleValue();
  }

  /** Quantity.MilliValue(): the value in milli-units, rounded up. */
  private static long milli(JsonNode n, String path) {
    if (!n.isNumber()) {
      throw new BadInput(path, "expected a number, got " + (n.isMissingNode() ? "nothing" : n.toString()));
    }
    return HpaController.milliValue(n.decimalValue());
  }
}
