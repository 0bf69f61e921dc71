package io.agentscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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
}
