package io.agentscale.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentscale.simulate.ReplicaSetOrder;
import io.agentscale.simulate.ReplicaSetOrder.Phase;
import io.agentscale.simulate.ReplicaSetOrder.Pod;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code agentscale rs-order}: which pods a ReplicaSet deletes first. JSON on stdin ({@code pods}: each with
 * {@code name}, {@code uid}, {@code node} (null if unscheduled), {@code phase}, {@code ready}, {@code ready_seconds}
 * (null if not ready), {@code restarts}, {@code age_seconds}, {@code deletion_cost} (default 0)); JSON on stdout:
 * {@code order}, the names, first deleted first.
 */
@Command(name = "rs-order", description = "Order pods as a ReplicaSet scale-down deletes them: JSON on stdin, JSON on stdout.")
final class RsOrderCommand implements Callable<Integer> {
  @Mixin Printing printing;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> KEYS = Set.of("name", "uid", "node", "phase", "ready", "ready_seconds", "restarts",
      "age_seconds", "deletion_cost");

  @Override
  public Integer call() throws IOException {
    try {
      printing.out().println(JSON.writeValueAsString(order(System.in)));
      return 0;
    } catch (HpaStepCommand.BadInput | com.fasterxml.jackson.core.JsonProcessingException e) {
      printing.err().println("rs-order: " + e.getMessage().lines().findFirst().orElse(""));
      return 1;
    }
  }

  /** The answer for one JSON question: {@code {"order": [names, first deleted first]}}. */
  static com.fasterxml.jackson.databind.node.ObjectNode order(InputStream in) throws IOException {
    var out = JSON.createObjectNode();
    var names = out.putArray("order");
    ReplicaSetOrder.order(pods(in)).forEach(p -> names.add(p.name()));
    return out;
  }

  static List<Pod> pods(InputStream in) throws IOException {
    JsonNode root = JSON.readTree(in);
    if (root == null || !root.path("pods").isArray()) {
      throw new HpaStepCommand.BadInput("$.pods", "expected an array of pods");
    }
    var pods = new ArrayList<Pod>();
    int i = 0;
    for (JsonNode p : root.get("pods")) {
      String at = "$.pods[" + i++ + "]";
      if (!p.isObject()) {
        throw new HpaStepCommand.BadInput(at, "expected an object");
      }
      p.fieldNames().forEachRemaining(k -> {
        if (!KEYS.contains(k)) {
          throw new HpaStepCommand.BadInput(at + "." + k, "unknown key; known: " + new java.util.TreeSet<>(KEYS));
        }
      });
      String name = text(p, at, "name", true);
      String phase = text(p, at, "phase", true);
      Phase ordinal = switch (phase) {
        case "Running" -> Phase.Running;
        case "Unknown" -> Phase.Unknown;
        case "Pending" -> Phase.Pending;
        default -> throw new HpaStepCommand.BadInput(at + ".phase", "must be Pending, Unknown or Running, got '"
            + phase + "'");
      };
      pods.add(new Pod(name, java.util.Objects.requireNonNullElse(text(p, at, "uid", false), ""),
          text(p, at, "node", false), ordinal, p.path("ready").asBoolean(false), seconds(p, at, "ready_seconds"),
          p.path("restarts").asInt(0), seconds(p, at, "age_seconds"), p.path("deletion_cost").asLong(0)));
    }
    return pods;
  }

  private static String text(JsonNode p, String at, String key, boolean required) {
    JsonNode v = p.get(key);
    if (v == null || v.isNull()) {
      if (required) {
        throw new HpaStepCommand.BadInput(at + "." + key, "is required");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new HpaStepCommand.BadInput(at + "." + key, "must be a string, got " + v);
    }
    return v.asText();
  }

  private static Double seconds(JsonNode p, String at, String key) {
    JsonNode v = p.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber() || v.asDouble() < 0) {
      throw new HpaStepCommand.BadInput(at + "." + key, "must be a number of seconds >= 0, got " + v);
    }
    return v.asDouble();
  }
}
