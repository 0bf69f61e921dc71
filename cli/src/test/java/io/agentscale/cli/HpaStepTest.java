package io.agentscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The reference's worked examples (hpa-controller.md §8) and further controller cases, through hpa-step's JSON. */
class HpaStepTest {

  static JsonNode step(String json) throws Exception {
    return HpaStepCommand.step(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  static String pods(String... values) {
    var b = new StringBuilder("[");
    for (String v : values) {
      b.append(b.length() > 1 ? "," : "").append(v.startsWith("{") ? v : "{\"value\":" + v + "}");
    }
    return b.append("]").toString();
  }

  /** The problems hpa-step reports for a state, each as "path: message". */
  static List<String> problems(String json) {
    return HpaStepCommand.run(json).problems().stream().map(p -> p.path() + ": " + p.message()).toList();
  }

  static String conditions(JsonNode d) {
    var b = new StringBuilder();
    d.path("conditions").forEach(c -> b.append(b.length() > 0 ? ", " : "").append(c.path("type").asText())
        .append('=').append(c.path("status").asText()).append('/').append(c.path("reason").asText()));
    return b.toString();
  }

  static final String VALID = "{\"current_replicas\":3,\"max_replicas\":10,\"target_average_value\":4,"
      + "\"pods\":[{\"value\":4},{\"value\":5},{\"value\":3}],\"behavior\":{}}";

  @Test
  void e1BasicScaleUpUsesTheIntegerMilliAverage() throws Exception {
    // (12+9+15+10)/4 = 11.5 sessions against 8 ⇒ r = 1.4375 ⇒ ceil(5.75) = 6
    var d = step("{\"current_replicas\":4,\"max_replicas\":50,\"target_average_value\":8,\"pods\":"
        + pods("12", "9", "15", "10") + "}");
    assertThat(d.path("proposal").intValue()).isEqualTo(6);
    assertThat(d.path("average_value").decimalValue()).isEqualByComparingTo("11.5");
    assertThat(d.path("desired_replicas").intValue()).isEqualTo(6);
  }

  @Test
  void e2TruncatedAverageInsideTheToleranceKeepsSpecReplicas() throws Exception {
    // 62000/3 = 20666 (truncated) ⇒ r = 1.0333, inside [0.9, 1.1] ⇒ 3; with scaleUp tolerance 0.01 ⇒ ceil(3.1) = 4
    String base = "\"current_replicas\":3,\"max_replicas\":10,\"target_average_value\":20,\"pods\":"
        + pods("21", "20", "21");
    assertThat(step("{" + base + "}").path("proposal").intValue()).isEqualTo(3);
    assertThat(step("{" + base + ",\"tolerance\":{\"scale_up\":0.01,\"scale_down\":0.1}}").path("proposal").intValue())
        .isEqualTo(4);
  }

  @Test
  void e3PendingPodsDampScaleUp() throws Exception {
    // r = 1.5 with unready pods ⇒ pending count as 0 ⇒ 60000/4 = 15000 ⇒ r2 = 0.75: direction flipped ⇒ hold at 4
    var d = step("{\"current_replicas\":4,\"max_replicas\":10,\"target_average_value\":20,\"pods\":"
        + pods("30", "30", "{\"phase\":\"Pending\",\"value\":null}", "{\"phase\":\"Pending\"}") + "}");
    assertThat(d.path("proposal").intValue()).isEqualTo(4);
  }

  @Test
  void e4MissingSampleOnScaleDownCountsAsTarget() throws Exception {
    // r = 0.4 ⇒ the missing pod gets 10 ⇒ 22000/4 = 5500 ⇒ r2 = 0.55 ⇒ ceil(2.2) = 3
    var d = step("{\"current_replicas\":4,\"max_replicas\":10,\"target_average_value\":10,\"pods\":"
        + pods("4", "4", "4", "{\"value\":null}") + "}");
    assertThat(d.path("proposal").intValue()).isEqualTo(3);
  }

  @Test
  void e5DefaultScaleUpRateWithEventHistory() throws Exception {
    // Pods 3+4 = 7 vs Percent ceil(3×2) = 6 ⇒ Max ⇒ 7 (ScaleUpLimit)
    var first = step("{\"current_replicas\":3,\"max_replicas\":50,\"target_average_value\":4,\"proposal\":20,"
        + "\"pods\":" + pods("4", "4", "4") + ",\"behavior\":{}}");
    assertThat(first.path("desired_replicas").intValue()).isEqualTo(7);
    assertThat(first.path("limited_reason").asText()).isEqualTo("ScaleUpLimit");
    // 15 s later the +4 event is exactly one period old ⇒ not counted ⇒ max(7+4, 14) = 14
    var next = step("{\"current_replicas\":7,\"max_replicas\":50,\"target_average_value\":4,\"proposal\":20,"
        + "\"pods\":" + pods("4") + ",\"behavior\":{},\"history\":{\"scale_up_events\":[{\"change\":4,\"age_seconds\":15}]}}");
    assertThat(next.path("desired_replicas").intValue()).isEqualTo(14);
  }

  @Test
  void e6ScaleDownWindowHoldsTheHighestRecentRecommendation() throws Exception {
    String recs = "[{\"replicas\":10,\"age_seconds\":%d},{\"replicas\":12,\"age_seconds\":%d},"
        + "{\"replicas\":8,\"age_seconds\":100},{\"replicas\":6,\"age_seconds\":15}]";
    String base = "\"current_replicas\":10,\"max_replicas\":50,\"target_average_value\":4,\"proposal\":4,"
        + "\"pods\":" + pods("1") + ",\"behavior\":{},\"history\":{\"recommendations\":";
    var held = step("{" + base + String.format(recs, 290, 200) + "}}");
    assertThat(held.path("desired_replicas").intValue()).isEqualTo(10);
    assertThat(held.at("/conditions/0/reason").asText()).isEqualTo("ScaleDownStabilized");
    // once the 10 and the 12 are 300 s old (strictly out of the window) the bound is 8, and 100%/15s allows it
    var released = step("{" + base + String.format(recs, 300, 300) + "}}");
    assertThat(released.path("stabilized").intValue()).isEqualTo(8);
    assertThat(released.path("desired_replicas").intValue()).isEqualTo(8);
  }

  @Test
  void e7ScaleDownPolicyCountsEventsInsideItsPeriod() throws Exception {
    String base = "\"current_replicas\":8,\"max_replicas\":50,\"target_average_value\":4,\"proposal\":3,"
        + "\"pods\":" + pods("1") + ",\"behavior\":{\"scale_down\":{\"stabilization_window_seconds\":0,"
        + "\"policies\":[{\"type\":\"Pods\",\"value\":2,\"period_seconds\":60}]}},"
        + "\"history\":{\"scale_down_events\":[{\"change\":2,\"age_seconds\":%s}]}";
    var limited = step("{" + String.format(base, "30") + "}");
    assertThat(limited.path("desired_replicas").intValue()).isEqualTo(8);
    assertThat(limited.path("limited_reason").asText()).isEqualTo("ScaleDownLimit");
    var free = step("{" + String.format(base, "60") + "}");
    assertThat(free.path("desired_replicas").intValue()).isEqualTo(6);
  }

  @Test
  void e8FirstReconcileAndTheLegacyScaleUpCap() throws Exception {
    var first = step("{\"current_replicas\":5,\"max_replicas\":50,\"target_average_value\":4,\"proposal\":3,"
        + "\"pods\":" + pods("1") + ",\"first_reconcile\":true}");
    assertThat(first.path("desired_replicas").intValue()).isEqualTo(5);
    // legacy: max(2 × 3, 4) = 6
    var capped = step("{\"current_replicas\":3,\"max_replicas\":50,\"target_average_value\":4,\"proposal\":20,"
        + "\"pods\":" + pods("1") + "}");
    assertThat(capped.path("desired_replicas").intValue()).isEqualTo(6);
    assertThat(capped.path("limited_reason").asText()).isEqualTo("ScaleUpLimit");
  }

  @Test
  void guardsAndFailuresMakeNoMetricDecision() throws Exception {
    var above = step("{\"current_replicas\":60,\"max_replicas\":50,\"target_average_value\":4,\"pods\":[]}");
    assertThat(above.path("desired_replicas").intValue()).isEqualTo(50);
    assertThat(above.path("proposal").isNull()).isTrue();
    var noSamples = step("{\"current_replicas\":3,\"max_replicas\":50,\"target_average_value\":4,\"pods\":"
        + pods("{\"value\":null}") + "}");
    assertThat(noSamples.path("desired_replicas").intValue()).isEqualTo(3);
    assertThat(noSamples.at("/conditions/1/reason").asText()).isEqualTo("FailedGetPodsMetric");
    var ignored = step("{\"current_replicas\":2,\"max_replicas\":50,\"target_average_value\":4,\"pods\":"
        + pods("{\"value\":40,\"deleting\":true}", "{\"value\":40,\"phase\":\"Failed\"}", "4") + "}");
    assertThat(ignored.path("proposal").intValue()).isEqualTo(2);
  }

  @Test
  void quantitiesRoundUpToWholeMilliUnits() throws Exception {
    // 3.5 ⇒ 3500m; a sample of 1.2341 ⇒ 1235m (MilliValue rounds up)
    var d = step("{\"current_replicas\":1,\"max_replicas\":5,\"target_average_value\":3.5,\"pods\":"
        + pods("1.2341") + "}");
    assertThat(d.path("average_value").decimalValue()).isEqualByComparingTo("1.235");
  }

  // ---- status conditions (horizontal.go: reconcileAutoscaler, normalizeDesiredReplicas*) ----------------------

  @Test
  void scalingLimitedIsDesiredWithinRangeAndFalseWhenNothingWasClamped() throws Exception {
    // 3 → 4 is inside the default scale-up rate (Pods 4/15s): the limit exists but does not bite
    var d = step("{\"current_replicas\":3,\"max_replicas\":10,\"target_average_value\":4,\"proposal\":4,"
        + "\"pods\":" + pods("4") + ",\"behavior\":{}}");
    assertThat(d.path("desired_replicas").intValue()).isEqualTo(4);
    assertThat(d.path("limited_reason").asText()).isEqualTo("DesiredWithinRange");
    assertThat(conditions(d)).isEqualTo("AbleToScale=True/SucceededRescale, ScalingActive=True/ValidMetricFound, "
        + "ScalingLimited=False/DesiredWithinRange");
  }

  @Test
  void ableToScaleEndsWithSucceededRescaleAfterARescaleAndStaysOtherwise() throws Exception {
    String state = "{\"current_replicas\":3,\"max_replicas\":50,\"target_average_value\":4,\"proposal\":%d,"
        + "\"pods\":" + pods("4") + ",\"behavior\":{}}";
    var limited = step(String.format(state, 20));
    assertThat(conditions(limited)).isEqualTo("AbleToScale=True/SucceededRescale, ScalingActive=True/ValidMetricFound, "
        + "ScalingLimited=True/ScaleUpLimit");
    var held = step(String.format(state, 3));
    assertThat(conditions(held)).isEqualTo("AbleToScale=True/ReadyForNewScale, ScalingActive=True/ValidMetricFound, "
        + "ScalingLimited=False/DesiredWithinRange");
  }

  @Test
  void aTargetAtZeroReplicasIsDisabledAfterTheScaleWasRead() throws Exception {
    var d = step("{\"current_replicas\":0,\"max_replicas\":10,\"target_average_value\":4,\"pods\":[]}");
    assertThat(d.path("desired_replicas").intValue()).isZero();
    assertThat(d.path("limited_reason").isNull()).isTrue();
    assertThat(conditions(d)).isEqualTo("AbleToScale=True/SucceededGetScale, ScalingActive=False/ScalingDisabled");
  }

  @Test
  void replicasOutsideTheBoundsAreMovedInsideWithOnlyARescaleCondition() throws Exception {
    var above = step("{\"current_replicas\":60,\"max_replicas\":50,\"target_average_value\":4,\"pods\":[]}");
    assertThat(above.path("desired_replicas").intValue()).isEqualTo(50);
    assertThat(conditions(above)).isEqualTo("AbleToScale=True/SucceededRescale");
    var below = step("{\"current_replicas\":1,\"min_replicas\":3,\"max_replicas\":50,\"target_average_value\":4}");
    assertThat(below.path("desired_replicas").intValue()).isEqualTo(3);
    assertThat(below.path("limited_reason").isNull()).isTrue();
  }

  // ---- minReplicas 0, pod phases, windows, tolerances -----------------------------------------------------------

  @Test
  void rejectsMinReplicasZeroInsteadOfTurningItIntoOne() {
    assertThat(problems("{\"current_replicas\":3,\"min_replicas\":0,\"max_replicas\":10,\"target_average_value\":4}"))
        .containsExactly("min_replicas: must be at least 1, got 0: scaling to zero needs the HPAScaleToZero feature "
            + "gate and an Object or External metric, and hpa-step models one Pods metric");
  }

  @Test
  void succeededAndUnknownPodsCountLikeRunningOnes() throws Exception {
    // groupPods sets aside only deleted, Failed and Pending pods: 8 + 8 + 8 against 4 ⇒ r = 2 ⇒ ceil(2 × 3) = 6
    var d = step("{\"current_replicas\":3,\"max_replicas\":50,\"target_average_value\":4,\"pods\":"
        + pods("{\"phase\":\"Succeeded\",\"value\":8}", "{\"phase\":\"Unknown\",\"value\":8}", "8") + "}");
    assertThat(d.path("proposal").intValue()).isEqualTo(6);
    // without a sample an Unknown pod is missing, not unready: on a scale-down it counts as the target
    var missing = step("{\"current_replicas\":4,\"max_replicas\":50,\"target_average_value\":10,\"pods\":"
        + pods("4", "4", "4", "{\"phase\":\"Unknown\"}") + "}");
    assertThat(missing.path("proposal").intValue()).isEqualTo(3);
  }

  @Test
  void theLegacyWindowKeepsARecommendationAgedExactlyTheWindow() throws Exception {
    // stabilizeRecommendation drops a recommendation only when it is before the cutoff
    String state = "{\"current_replicas\":5,\"max_replicas\":50,\"target_average_value\":4,\"proposal\":2,"
        + "\"pods\":" + pods("1") + ",\"history\":{\"recommendations\":[{\"replicas\":5,\"age_seconds\":%s}]}}";
    assertThat(step(String.format(state, "300")).path("desired_replicas").intValue()).isEqualTo(5);
    assertThat(step(String.format(state, "300.001")).path("desired_replicas").intValue()).isEqualTo(2);
  }

  @Test
  void theBehaviorWindowDropsARecommendationAgedExactlyTheWindow() throws Exception {
    // stabilizeRecommendationWithBehaviors counts a recommendation only when it is after the cutoff
    String state = "{\"current_replicas\":5,\"max_replicas\":50,\"target_average_value\":4,\"proposal\":2,"
        + "\"pods\":" + pods("1") + ",\"behavior\":{},"
        + "\"history\":{\"recommendations\":[{\"replicas\":5,\"age_seconds\":%s}]}}";
    assertThat(step(String.format(state, "299.999")).path("desired_replicas").intValue()).isEqualTo(5);
    assertThat(step(String.format(state, "300")).path("desired_replicas").intValue()).isEqualTo(2);
  }

  @Test
  void theInitialRecommendationIsRecordedOnlyWithoutHistory() throws Exception {
    String state = "{\"current_replicas\":5,\"max_replicas\":50,\"target_average_value\":4,\"proposal\":3,"
        + "\"pods\":" + pods("1") + ",\"first_reconcile\":true%s}";
    assertThat(step(String.format(state, "")).path("desired_replicas").intValue()).isEqualTo(5);
    // a controller that already holds recommendations does not seed the current size again
    var withHistory = step(String.format(state,
        ",\"history\":{\"recommendations\":[{\"replicas\":3,\"age_seconds\":400}]}"));
    assertThat(withHistory.path("desired_replicas").intValue()).isEqualTo(3);
  }

  @Test
  void tolerancesAreReadThroughQuantityLikeUpstream() throws Exception {
    // 0.118 is 118m, read back as 118 × 10^-3 = 0.11800000000000001, so 1 + tolerance = 1.118 and a ratio of
    // exactly 1.118 is inside the band (the double nearest 0.118 would give 1.1179999999999999 and scale up)
    var d = step("{\"current_replicas\":1,\"max_replicas\":5,\"target_average_value\":1,\"pods\":" + pods("1.118")
        + ",\"tolerance\":{\"scale_up\":0.118}}");
    assertThat(d.path("proposal").intValue()).isEqualTo(1);
    var outside = step("{\"current_replicas\":1,\"max_replicas\":5,\"target_average_value\":1,\"pods\":"
        + pods("1.119") + ",\"tolerance\":{\"scale_up\":0.118}}");
    assertThat(outside.path("proposal").intValue()).isEqualTo(2);
  }

  // ---- invalid input: every problem with its path ----------------------------------------------------------------

  @Test
  void rejectsInvalidBehaviorAsTheApiServerDoes() {
    assertThat(problems("{\"current_replicas\":3,\"max_replicas\":10,\"target_average_value\":4,\"behavior\":{"
        + "\"scale_up\":{\"policies\":[]},"
        + "\"scale_down\":{\"stabilization_window_seconds\":3601,\"policies\":["
        + "{\"type\":\"Pods\",\"value\":0,\"period_seconds\":-15},{\"type\":\"Percent\",\"value\":10,\"period_seconds\":0},"
        + "{\"type\":\"Percent\",\"value\":10,\"period_seconds\":1801}]}}}"))
        .containsExactly(
            "behavior.scale_up.policies: must specify at least one policy, or leave policies out for the defaults",
            "behavior.scale_down.stabilization_window_seconds: must be at most 3600 (one hour), got 3601",
            "behavior.scale_down.policies[0].value: must be at least 1, got 0",
            "behavior.scale_down.policies[0].period_seconds: must be at least 1, got -15",
            "behavior.scale_down.policies[1].period_seconds: must be at least 1, got 0",
            "behavior.scale_down.policies[2].period_seconds: must be at most 1800, got 1801");
  }

  @Test
  void rejectsReplicaBoundsAndTargetsThatMakeNoSense() {
    assertThat(problems("{\"current_replicas\":-10,\"min_replicas\":5,\"max_replicas\":3,\"target_average_value\":0}"))
        .containsExactly("current_replicas: must be at least 0, got -10",
            "max_replicas: must be >= min_replicas (5), got 3",
            "target_average_value: must be positive, got 0");
    assertThat(problems("{\"current_replicas\":1,\"min_replicas\":-2,\"max_replicas\":3,\"target_average_value\":-1}"))
        .containsExactly("min_replicas: must be at least 1, got -2", "target_average_value: must be positive, got -1");
    assertThat(problems("{\"current_replicas\":3000000000,\"max_replicas\":3,\"target_average_value\":1}"))
        .containsExactly("current_replicas: must be at most 2147483647, got 3000000000");
  }

  @Test
  void suggestsTheKeyAMisspelledKeyMeant() {
    assertThat(problems("{\"current_replicas\":3,\"max_replica\":10,\"target_average_value\":4,"
        + "\"behavior\":{\"scale_up\":{\"polices\":[]}},\"pods\":[{\"vaule\":3,\"phase\":\"Runing\"}]}"))
        .contains("max_replica: unknown key; did you mean 'max_replicas'?",
            "behavior.scale_up.polices: unknown key; did you mean 'policies'?",
            "pods[0].vaule: unknown key; did you mean 'value'?",
            "pods[0].phase: unknown value 'Runing'; did you mean 'Running'?",
            "max_replicas: is required");
  }

  @Test
  void rejectsTrailingTextAndWrongTypes() {
    assertThat(problems(VALID + " {}")).singleElement().asString().startsWith("$: invalid JSON at line 1");
    assertThat(problems("{\"current_replicas\":3,\"max_replicas\":10,\"target_average_value\":\"4\",\"behavior\":"
        + "{\"scale_up\":{\"policies\":[{\"type\":\"Pods\",\"value\":\"four\",\"period_seconds\":15}]}}}"))
        .containsExactly("target_average_value: expected a number, got '4'",
            "behavior.scale_up.policies[0].value: expected a whole number, got 'four'");
    assertThat(problems("[1,2]")).containsExactly("$: expected an object, got a list");
    assertThat(problems("")).containsExactly("$: expected a JSON object, got nothing");
  }

  @Test
  void rejectsValuesWhoseMilliUnitSumOverflows() {
    assertThat(problems("{\"current_replicas\":2,\"max_replicas\":10,\"target_average_value\":4,\"pods\":"
        + pods("9e15", "9e15") + "}"))
        .containsExactly("pods: the values add up to more than 9223372036854775807 milli-units, the controller's "
            + "64-bit sum");
    assertThat(problems("{\"current_replicas\":2,\"max_replicas\":10,\"target_average_value\":4,\"pods\":"
        + pods("1e16") + "}"))
        .containsExactly("pods[0].value: must be at most 9223372036854775.807 (its milli-units fill 64 bits), got 1E+16");
  }

  @Test
  void badInputPrintsOneLinePerProblemOnStderrAndNothingOnStdout() {
    InputStream in = System.in;
    var stdout = new java.io.StringWriter();
    var stderr = new java.io.StringWriter();
    try {
      System.setIn(new ByteArrayInputStream("{\"current_replicas\":3,\"max_replicas\":\"ten\",\"x\":1}".getBytes(
          StandardCharsets.UTF_8)));
      int exit = new CommandLine(new HpaStepCommand()).setOut(new java.io.PrintWriter(stdout, true))
          .setErr(new java.io.PrintWriter(stderr, true)).execute();
      assertThat(exit).isEqualTo(1);
    } finally {
      System.setIn(in);
    }
    assertThat(stdout.toString()).isEmpty();
    assertThat(stderr.toString().lines().toList()).containsExactly(
        "hpa-step: x: unknown key; allowed here: current_replicas, min_replicas, max_replicas, target_average_value, "
            + "tolerance, pods, proposal, behavior, downscale_stabilization_seconds, scale_up_limit_factor, history, "
            + "first_reconcile",
        "hpa-step: max_replicas: expected a whole number, got 'ten'",
        "hpa-step: target_average_value: is required");
  }

  // ---- upstream unit tests, case for case --------------------------------------------------------------------

  /** One upstream test case: its source, the state and the replicas upstream expects (proposal or stabilized). */
  record Upstream(String source, String state, String field, int expected) {
    @Override
    public String toString() {
      return source;
    }
  }

  static final String RC = "replica_calculator_test.go ";
  static final String H = "horizontal_test.go TestNormalizeDesiredReplicasWithBehavior: ";

  /** A Pods-metric state: the test's milli levels become metric values (20000 ⇒ 20). */
  static String calc(int current, int target, String tolerance, String... values) {
    return "{\"current_replicas\":" + current + ",\"max_replicas\":100,\"target_average_value\":" + target
        + ",\"pods\":" + pods(values) + tolerance + "}";
  }

  /** A stabilization case: proposal D at current C, windows up/down, recommendations as "replicas@ageSeconds". */
  static String stabilize(int current, int proposal, int upWindow, int downWindow, String... recs) {
    var r = new StringBuilder("[");
    for (String rec : recs) {
      String[] p = rec.split("@");
      r.append(r.length() > 1 ? "," : "").append("{\"replicas\":").append(p[0]).append(",\"age_seconds\":")
          .append(p[1]).append('}');
    }
    return "{\"current_replicas\":" + current + ",\"max_replicas\":1000,\"target_average_value\":1,\"proposal\":"
        + proposal + ",\"pods\":" + pods("1") + ",\"behavior\":{\"scale_up\":{\"stabilization_window_seconds\":"
        + upWindow + "},\"scale_down\":{\"stabilization_window_seconds\":" + downWindow + "}},"
        + "\"history\":{\"recommendations\":" + r.append(']') + "}}";
  }

  static Stream<Upstream> upstreamCases() {
    return Stream.of(
        new Upstream(RC + "TestReplicaCalcScaleUpCM", calc(3, 15, "", "20", "10", "30"), "proposal", 4),
        new Upstream(RC + "TestReplicaCalcScaleUpCMUnreadyHotCpuNoLessScale",
            calc(3, 15, "", "50", "10", "{\"value\":30,\"ready\":false}"), "proposal", 6),
        new Upstream(RC + "TestReplicaCalcScaleUpCMUnreadyHotCpuScaleWouldScaleDown",
            calc(3, 15, "", "{\"value\":50,\"ready\":false}", "15", "{\"value\":30,\"ready\":false}"), "proposal", 7),
        new Upstream(RC + "TestReplicaCalcScaleDownCM", calc(5, 20, "", "12", "12", "12", "12", "12"), "proposal", 3),
        new Upstream(RC + "TestReplicaCalcToleranceCM", calc(3, 20, "", "20", "21", "21"), "proposal", 3),
        new Upstream(RC + "TestReplicaCalcConfigurableToleranceCM",
            calc(3, 20, ",\"tolerance\":{\"scale_up\":0.01,\"scale_down\":0.1}", "20", "21", "21"), "proposal", 4),
        new Upstream(H + "empty recommendations for scaling down", stabilize(100, 5, 0, 0), "stabilized", 5),
        new Upstream(H + "simple scale down stabilization", stabilize(100, 3, 0, 180, "4@120", "5@60"),
            "stabilized", 5),
        new Upstream(H + "simple scale up stabilization", stabilize(1, 7, 300, 0, "4@120", "5@60"), "stabilized", 4),
        new Upstream(H + "no scale down stabilization", stabilize(100, 3, 300, 0, "1@120", "2@60"), "stabilized", 3),
        new Upstream(H + "no scale up stabilization", stabilize(1, 3, 0, 300, "4@120", "5@60"), "stabilized", 3),
        new Upstream(H + "no scale down stabilization, reuse recommendation element",
            stabilize(100, 3, 0, 0, "10@600", "9@540"), "stabilized", 3),
        new Upstream(H + "no scale up stabilization, reuse recommendation element",
            stabilize(1, 100, 0, 0, "10@600", "9@540"), "stabilized", 100),
        new Upstream(H + "scale down stabilization, reuse one of obsolete recommendation element",
            stabilize(100, 3, 0, 180, "10@600", "4@60", "5@120", "9@540"), "stabilized", 5),
        new Upstream(H + "scale up stabilization, reuse one of obsolete recommendation element",
            stabilize(1, 100, 300, 0, "10@6000", "6@60", "5@120", "9@180"), "stabilized", 5),
        new Upstream(H + "scale up and down stabilization, do not scale up when prenormalized rec goes down",
            stabilize(2, 1, 300, 300, "2@6000", "3@180"), "stabilized", 2),
        new Upstream(H + "scale up and down stabilization, do not scale down when prenormalized rec goes up",
            stabilize(2, 3, 300, 300, "2@6000", "1@180"), "stabilized", 2),
        new Upstream("horizontal_test.go TestScaleDownStabilizeInitialSize (legacy path, first sync)",
            "{\"current_replicas\":5,\"max_replicas\":50,\"target_average_value\":4,\"proposal\":3,\"pods\":"
                + pods("1") + ",\"first_reconcile\":true}", "desired_replicas", 5));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("upstreamCases")
  void matchesTheUpstreamUnitTest(Upstream c) throws Exception {
    assertThat(step(c.state()).path(c.field()).intValue()).as(c.source()).isEqualTo(c.expected());
  }
}
