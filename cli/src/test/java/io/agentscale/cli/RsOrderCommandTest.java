package io.agentscale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code agentscale rs-order}: JSON pods in, the ReplicaSet's deletion order out. */
class RsOrderCommandTest {
  static String order(String json) throws Exception {
    return RsOrderCommand.order(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))).get("order")
        .toString();
  }

  @Test
  void ordersAsTheControllerDeletes() throws Exception {
    String json = """
        {"pods": [
          {"name": "old-busy", "uid": "u3", "node": "n1", "phase": "Running", "ready": true,
           "ready_seconds": 7200, "restarts": 0, "age_seconds": 7300, "deletion_cost": 4},
          {"name": "new-idle", "uid": "u2", "node": "n2", "phase": "Running", "ready": true,
           "ready_seconds": 60, "restarts": 0, "age_seconds": 90},
          {"name": "crowded", "uid": "u1", "node": "n1", "phase": "Running", "ready": true,
           "ready_seconds": 7000, "restarts": 0, "age_seconds": 7100},
          {"name": "starting", "uid": "u4", "node": "n3", "phase": "Running", "ready": false,
           "ready_seconds": null, "restarts": 0, "age_seconds": 20},
          {"name": "pending", "uid": "u5", "node": null, "phase": "Pending", "ready": false}
        ]}""";
    // unscheduled, not ready, then cost 0 before cost 4; among cost 0, node n1 holds two pods (crowded first)
    assertThat(order(json)).isEqualTo("[\"pending\",\"starting\",\"crowded\",\"new-idle\",\"old-busy\"]");
  }

  @Test
  void badInputNamesTheField() {
    assertThatThrownBy(() -> order("{\"pods\": [{\"name\": \"a\", \"phase\": \"Runing\"}]}"))
        .hasMessage("$.pods[0].phase: must be Pending, Unknown or Running, got 'Runing'");
    assertThatThrownBy(() -> order("{\"pods\": [{\"name\": \"a\", \"phase\": \"Running\", \"readySeconds\": 3}]}"))
        .hasMessageStartingWith("$.pods[0].readySeconds: unknown key");
    assertThatThrownBy(() -> order("{\"pod\": []}")).hasMessage("$.pods: expected an array of pods");
  }
}
