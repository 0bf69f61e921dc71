package io.agentscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * hpa-step on mutations of a valid state (types swapped, keys renamed or dropped, numbers at the edges, strings of odd
 * characters, trailing or cut text): the answer is a decision or problems that each name a path, never an exception.
 * Seeded and a few hundred tries, so it takes a second or two in CI.
 */
class HpaStepFuzzTest {
  static final String VALID = """
      {"current_replicas": 4, "min_replicas": 2, "max_replicas": 20, "target_average_value": 4,
       "tolerance": {"scale_up": 0.1, "scale_down": 0.05},
       "pods": [{"phase": "Running", "ready": true, "value": 5.5}, {"phase": "Pending"},
                {"phase": "Running", "value": null}, {"phase": "Unknown", "deleting": false, "value": 7}],
       "behavior": {"scale_up": {"stabilization_window_seconds": 0, "select_policy": "Max",
                                 "policies": [{"type": "Pods", "value": 4, "period_seconds": 15},
                                              {"type": "Percent", "value": 100, "period_seconds": 15}]},
                    "scale_down": {"stabilization_window_seconds": 300, "select_policy": "Min",
                                   "policies": [{"type": "Pods", "value": 1, "period_seconds": 60}]}},
       "downscale_stabilization_seconds": 300, "scale_up_limit_factor": 2.0,
       "history": {"recommendations": [{"replicas": 6, "age_seconds": 120}],
                   "scale_up_events": [{"change": 2, "age_seconds": 30}],
                   "scale_down_events": [{"change": 1, "age_seconds": 200.5}]},
       "first_reconcile": false}
      """;

  /** What replaces a value or names a key: the edges of each type and text no parser expects. */
  static final List<JsonNode> ODD_VALUES;
  static final List<String> ODD_TEXT = List.of("", " ", "Running ", "max", "MAX", "-1", "1e999", "NaN", "\u0000",
      "line\nbreak", "\"quoted\"", "ünïcødé", "\ud83d\ude80", "\\", "{}", "a".repeat(300));

  static {
    var f = JsonNodeFactory.instance;
    var values = new ArrayList<JsonNode>(List.of(f.nullNode(), f.booleanNode(true), f.booleanNode(false),
        f.numberNode(0), f.numberNode(-1), f.numberNode(1), f.numberNode(Integer.MAX_VALUE),
        f.numberNode(Integer.MAX_VALUE + 1L), f.numberNode(Integer.MIN_VALUE), f.numberNode(Long.MAX_VALUE),
        f.numberNode(Long.MIN_VALUE), f.numberNode(new BigInteger("123456789012345678901234567890")),
        f.numberNode(new BigDecimal("-0.0")), f.numberNode(new BigDecimal("0.0001")),
        f.numberNode(new BigDecimal("9e15")), f.numberNode(new BigDecimal("9223372036854775.808")),
        f.numberNode(new BigDecimal("1e308")), f.numberNode(new BigDecimal("1e-400")),
        f.numberNode(new BigDecimal("1e999999")), f.numberNode(new BigDecimal("1e-999999")),
        f.numberNode(new BigDecimal("2.5")), f.numberNode(new BigDecimal("3.0")), f.arrayNode(), f.objectNode()));
    ODD_TEXT.forEach(t -> values.add(f.textNode(t)));
    ODD_VALUES = List.copyOf(values);
  }

  /** One change: which node (by index among all nodes), what to do, and with which odd value or text. */
  record Mutation(int node, int kind, int pick) {}

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Mutation> one = Combinators.combine(
        Arbitraries.integers().between(0, 200), Arbitraries.integers().between(0, 5),
        Arbitraries.integers().between(0, 200)).as(Mutation::new);
    return one.list().ofMinSize(1).ofMaxSize(4);
  }

  @Property(tries = 400, seed = "20240514")
  void anyMutationGivesADecisionOrProblemsWithPaths(@ForAll("mutations") List<Mutation> changes,
      @ForAll("endings") String ending) throws Exception {
    JsonNode state = HpaStepCommand.JSON.readTree(VALID);
    for (Mutation m : changes) {
      state = apply(state, m);
    }
    String text = state.toString() + ending;

    var outcome = HpaStepCommand.run(text);

    if (outcome.decision() != null) {
      assertThat(outcome.problems()).isEmpty();
      var d = outcome.decision();
      assertThat(d.path("desired_replicas").isInt()).as(text).isTrue();
      assertThat(d.path("desired_replicas").intValue()).as(text).isNotNegative();
      assertThat(d.path("conditions").size()).as(text).isPositive();
    } else {
      assertThat(outcome.problems()).as(text).isNotEmpty();
      outcome.problems().forEach(p -> {
        assertThat(p.path()).as(text).isNotBlank().doesNotContain("\n");
        assertThat(p.message()).as(text).isNotBlank().doesNotContain("\n").doesNotContain("\r")
            .doesNotEndWith(".");
      });
    }
  }

  @Provide
  Arbitrary<String> endings() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.just("")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(" {}", "x", ",", "]", "\u0000", " // comment", "\n\n")));
  }

  @Property(tries = 200, seed = "20240515")
  void validStatesNeverLeaveTheReplicaBounds(@ForAll("bounds") int[] b) throws Exception {
    int min = b[0];
    int max = min + b[1];
    int current = b[2];
    var state = (ObjectNode) HpaStepCommand.JSON.readTree(VALID);
    state.put("min_replicas", min).put("max_replicas", max).put("current_replicas", current);

    var outcome = HpaStepCommand.run(state.toString());

    assertThat(outcome.problems()).isEmpty();
    int desired = outcome.decision().path("desired_replicas").intValue();
    if (current == 0) {
      assertThat(desired).isZero();
    } else {
      assertThat(desired).isBetween(min, max);
    }
  }

  @Provide
  Arbitrary<int[]> bounds() {
    return Combinators.combine(Arbitraries.integers().between(1, 1000), Arbitraries.integers().between(0, 1000),
        Arbitraries.integers().between(0, 3000)).as((a, c, d) -> new int[] {a, c, d});
  }

  /** Applies one mutation to a copy of the state. */
  static JsonNode apply(JsonNode state, Mutation m) {
    JsonNode root = state.deepCopy();
    var nodes = new ArrayList<JsonNode>();
    collect(root, nodes);
    JsonNode target = nodes.get(m.node() % nodes.size());
    JsonNode odd = ODD_VALUES.get(m.pick() % ODD_VALUES.size());
    String oddKey = ODD_TEXT.get(m.pick() % ODD_TEXT.size());
    if (target instanceof ObjectNode o && o.size() > 0) {
      var names = new ArrayList<String>();
      o.fieldNames().forEachRemaining(names::add);
      String key = names.get(m.pick() % names.size());
      switch (m.kind()) {
        case 0 -> o.set(key, odd);                                          // swap the type or the value
        case 1 -> o.set(key.isEmpty() ? "x" : key.substring(1), o.remove(key)); // a misspelled key
        case 2 -> o.set(oddKey, o.remove(key));                             // a key of odd characters
        case 3 -> o.remove(key);                                            // a missing key
        case 4 -> o.set(key, JsonNodeFactory.instance.arrayNode().add(o.get(key))); // wrapped in a list
        default -> o.set(oddKey, odd);                                      // an extra key
      }
    } else if (target instanceof ArrayNode a && a.size() > 0) {
      int i = m.pick() % a.size();
      switch (m.kind()) {
        case 0, 1 -> a.set(i, odd);
        case 2 -> a.remove(i);
        case 3 -> a.add(a.get(i).deepCopy());
        default -> a.add(odd);
      }
    } else if (m.kind() == 0) {
      return odd;                                                           // the whole state replaced
    }
    return root;
  }

  static void collect(JsonNode n, List<JsonNode> into) {
    if (n.isContainerNode()) {
      into.add(n);
      n.forEach(child -> collect(child, into));
    }
  }
}
