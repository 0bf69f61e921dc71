package io.agentscale.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentscale.simulate.ReplicaSetOrder.Phase;
import io.agentscale.simulate.ReplicaSetOrder.Pod;
import io.agentscale.simulate.ReplicaSetOrder.Ranked;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ReplicaSet's deletion order. The first two tests are the cases of upstream's
 * {@code TestSortingActivePodsWithRanks} (kubernetes/kubernetes pkg/controller/controller_utils_test.go), with
 * LogarithmicScaleDown and PodDeletionCost on as in every supported release; the rest are our own.
 */
class ReplicaSetOrderTest {
  static final double NOW = 0;
  static final double MONTH = 30 * 86400;
  static final double HOUR = 3600;

  /** As upstream's helper: restarts and the ready time only exist for ready pods; "" is no node. */
  static Pod pod(String name, String node, Phase phase, boolean ready, int restarts, Double readySince,
      Double created, long cost) {
    return new Pod(name, "", node.isEmpty() ? null : node, phase, ready, ready ? readySince : null,
        ready ? restarts : 0, created, cost);
  }

  static final Pod UNSCHEDULED = pod("unscheduled", "", Phase.Pending, false, 0, null, null, 0);
  static final Pod SCHEDULED_PENDING = pod("pending", "node", Phase.Pending, false, 0, null, null, 0);
  static final Pod UNKNOWN_PHASE = pod("unknown-phase", "node", Phase.Unknown, false, 0, null, null, 0);
  static final Pod RUNNING_NOT_READY = pod("not-ready", "node", Phase.Running, false, 0, null, null, 0);
  static final Pod READY_NO_TRANSITION = pod("ready-no-last-transition-time", "node", Phase.Running, true, 0, null,
      null, 0);
  static final Pod READY_NOW = pod("ready-now", "node", Phase.Running, true, 0, NOW, NOW, 0);
  static final Pod READY_THEN = pod("ready-then", "node", Phase.Running, true, 0, MONTH, MONTH, 0);
  static final Pod READY_HIGH_RESTARTS = pod("ready-high-restarts", "node", Phase.Running, true, 9001, NOW, NOW, 0);
  static final Pod READY_NOW_CREATED_THEN = pod("ready-now-created-then", "node", Phase.Running, true, 0, NOW, MONTH, 0);
  static final Pod LOW_COST = pod("low-deletion-cost", "node", Phase.Running, true, 0, NOW, MONTH, 10);
  static final Pod HIGH_COST = pod("high-deletion-cost", "node", Phase.Running, true, 0, NOW, MONTH, 100);
  static final Pod UNSCHEDULED_5H = pod("unscheduled-5-hours", "", Phase.Pending, false, 0, 5 * HOUR, 5 * HOUR, 0);
  static final Pod UNSCHEDULED_8H = pod("unscheduled-10-hours", "", Phase.Pending, false, 0, 8 * HOUR, 8 * HOUR, 0);
  static final Pod READY_2H = pod("ready-2-hours", "", Phase.Running, true, 0, 2 * HOUR, MONTH, 0);
  static final Pod READY_5H = pod("ready-5-hours", "", Phase.Running, true, 0, 5 * HOUR, MONTH, 0);
  static final Pod READY_8H = pod("ready-10-hours", "", Phase.Running, true, 0, 8 * HOUR, MONTH, 0);

  @Test
  void upstreamEqualityCases() {
    var pairs = List.of(List.of(UNSCHEDULED, UNSCHEDULED), List.of(SCHEDULED_PENDING, SCHEDULED_PENDING),
        List.of(UNKNOWN_PHASE, UNKNOWN_PHASE), List.of(RUNNING_NOT_READY, RUNNING_NOT_READY),
        List.of(READY_NOW_CREATED_THEN, READY_NOW_CREATED_THEN), List.of(READY_NOW, READY_NOW),
        List.of(READY_THEN, READY_THEN), List.of(READY_HIGH_RESTARTS, READY_HIGH_RESTARTS),
        List.of(UNSCHEDULED_5H, UNSCHEDULED_8H), List.of(READY_5H, READY_8H));
    for (var pair : pairs) {
      var a = new Ranked(pair.get(0), 1);
      var b = new Ranked(pair.get(1), 1);
      assertThat(ReplicaSetOrder.less(a, b) || ReplicaSetOrder.less(b, a)).as(pair.get(0).name()).isFalse();
    }
  }

  @Test
  void upstreamInequalityCases() {
    Object[][] cases = {
        {UNSCHEDULED, 1, SCHEDULED_PENDING, 2},
        {UNSCHEDULED, 2, SCHEDULED_PENDING, 1},
        {SCHEDULED_PENDING, 1, UNKNOWN_PHASE, 2},
        {UNKNOWN_PHASE, 1, RUNNING_NOT_READY, 2},
        {RUNNING_NOT_READY, 1, READY_NO_TRANSITION, 1},
        {READY_NO_TRANSITION, 1, READY_NOW, 1},
        {READY_NOW, 2, READY_NO_TRANSITION, 1},
        {READY_NOW, 1, READY_THEN, 1},
        {READY_NOW, 2, READY_THEN, 1},
        {READY_HIGH_RESTARTS, 1, READY_NOW, 1},
        {READY_NOW, 2, READY_HIGH_RESTARTS, 1},
        {READY_NOW, 1, READY_NOW_CREATED_THEN, 1},
        {READY_NOW_CREATED_THEN, 2, READY_NOW, 1},
        {LOW_COST, 2, HIGH_COST, 1},
        {READY_2H, 1, READY_5H, 1},
    };
    for (Object[] c : cases) {
      var lesser = new Ranked((Pod) c[0], (Integer) c[1]);
      var greater = new Ranked((Pod) c[2], (Integer) c[3]);
      String what = lesser.pod().name() + "@" + lesser.rank() + " before " + greater.pod().name() + "@" + greater.rank();
      assertThat(ReplicaSetOrder.less(lesser, greater)).as(what).isTrue();
      assertThat(ReplicaSetOrder.less(greater, lesser)).as(what + " (reversed)").isFalse();
    }
  }

  static Pod ready(String name, String uid, String node, double readySeconds, long cost) {
    return new Pod(name, uid, node, Phase.Running, true, readySeconds, 0, readySeconds + 60, cost);
  }

  @Test
  void aCrowdedNodeLosesItsPodsFirstAndTheUidDecidesWithinALogBucket() {
    // a and b on node-1 (rank 2), c alone on node-2: the crowded node goes first even though c is newer;
    // a (100 s) and b (120 s) share the bucket ⌊log₂ ns⌋ = 36, so the smaller UID goes first, not the newer pod.
    var a = ready("a", "uid-9", "node-1", 100, 0);
    var b = ready("b", "uid-1", "node-1", 120, 0);
    var c = ready("c", "uid-5", "node-2", 10, 0);
    assertThat(ReplicaSetOrder.order(List.of(a, b, c))).extracting(Pod::name).containsExactly("b", "a", "c");
    assertThat(ReplicaSetOrder.bucket(100)).isEqualTo(ReplicaSetOrder.bucket(120)).isEqualTo(36);
  }

  @Test
  void aLowerDeletionCostWinsOverEverythingButPhaseAndReadiness() {
    var busy = ready("busy", "uid-1", "node-1", 10, 5);
    var idle = ready("idle", "uid-2", "node-2", 10_000, 0);
    var starting = new Pod("starting", "uid-3", "node-1", Phase.Running, false, null, 0, 5.0, 9);
    assertThat(ReplicaSetOrder.order(List.of(busy, idle, starting))).extracting(Pod::name)
        .containsExactly("starting", "idle", "busy");
  }

  @Test
  void anyOrderOfManyPodsSortsWithoutFailing() {
    var pods = new java.util.ArrayList<Pod>();
    var random = new java.util.SplittableRandom(3);
    for (int i = 0; i < 300; i++) {
      pods.add(new Pod("p" + i, "uid-" + random.nextInt(20), "node-" + random.nextInt(5), Phase.Running,
          random.nextBoolean(), random.nextBoolean() ? (double) random.nextInt(4) : null, random.nextInt(2),
          (double) random.nextInt(3), random.nextInt(2)));
    }
    var order = ReplicaSetOrder.order(pods);
    assertThat(order).hasSize(300).containsExactlyInAnyOrderElementsOf(pods);
    // every not-ready pod before every ready one
    int firstReady = order.indexOf(order.stream().filter(Pod::ready).findFirst().orElseThrow());
    assertThat(order.subList(firstReady, order.size())).allMatch(Pod::ready);
  }
}
