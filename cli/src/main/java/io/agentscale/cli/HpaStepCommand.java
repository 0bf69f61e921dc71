package io.agentscale.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentscale.profile.Problem;
import io.agentscale.hpa.HpaController;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import io.agentscale.hpa.HpaStepInput;

/**
 * {@code agentscale hpa-step}: one HPA reconcile. Reads a JSON state on stdin, prints the JSON decision on stdout.
 * Bad input prints one line per problem on stderr, {@code hpa-step: PATH: message}, and exits 1 with nothing on stdout.
 * The keys are read by {@link HpaStepInput}.
 */
@Command(name = "hpa-step", description = "Run one HPA controller reconcile: JSON state on stdin, JSON decision on stdout.")
final class HpaStepCommand implements Callable<Integer> {
  @Mixin Printing printing;

  static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** Input the user got wrong: every problem, each named by its JSON path. */
  static final class BadInput extends RuntimeException {
    private final List<Problem> problems;

    BadInput(String path, String message) {
      this(List.of(new Problem(path, message)));
    }

    BadInput(List<Problem> problems) {
      super(problems.get(0).path() + ": " + problems.get(0).message());
      this.problems = List.copyOf(problems);
    }

    List<Problem> problems() {
      return problems;
    }
  }

  /** What one run prints: the decision, or the problems. */
  record Outcome(ObjectNode decision, List<Problem> problems) {}

  @Override
  public Integer call() {
    Outcome outcome;
    try {
      outcome = run(new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      outcome = new Outcome(null, List.of(new Problem("$", "cannot read standard input: " + e.getMessage())));
    }
    if (outcome.decision() != null) {
      printing.out().println(outcome.decision().toString());
      return 0;
    }
    outcome.problems().forEach(p -> printing.err().println("hpa-step: " + p.path() + ": " + p.message()));
    return 1;
  }

  /** Jackson's complaint in the user's words: what is wrong with the text, never the library's settings. */
  static String jsonProblem(String original) {
    String first = original.lines().findFirst().orElse("").replaceAll("\\.$", "");
    if (first.contains("Trailing token")) {
      return "more than one JSON value: give one object";
    }
    if (first.contains("NaN") || first.contains("Infinity") || first.contains("NON_NUMERIC")) {
      return "NaN and Infinity are not JSON numbers: give a number";
    }
    return first.replaceAll("\\s*[(;:]?\\s*(enable|bound as|as per|for Object|for Array)\\b.*$", "")
        .replaceAll("`[\\w.]*(Feature|Deserialization|Json)[\\w.]*`", "").strip();
  }

  /** The decision for a state, or every problem in it; never throws. */
  static Outcome run(String text) {
    JsonNode state;
    try {
      state = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      var where = e.getLocation();
      String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
      String why = HpaStepInput.printable(jsonProblem(e.getOriginalMessage()), 160);
      return new Outcome(null, List.of(new Problem("$", "invalid JSON" + at + ": " + why)));
    }
    var read = HpaStepInput.read(state);
    if (!read.problems().isEmpty()) {
      return new Outcome(null, read.problems());
    }
    return new Outcome(decision(HpaController.reconcile(read.input())), List.of());
  }

  /** The decision as JSON; throws {@link BadInput} with every problem when the state is wrong. */
  static ObjectNode step(InputStream in) throws IOException {
    var outcome = run(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    if (outcome.decision() == null) {
      throw new BadInput(outcome.problems());
    }
    return outcome.decision();
  }

  private static ObjectNode decision(HpaController.Decision decision) {
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
}
