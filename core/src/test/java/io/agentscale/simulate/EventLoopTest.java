package io.agentscale.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The loop keeps one-off events in a heap and in-order ones in lanes; the run order must not tell them apart. */
class EventLoopTest {
  @Test
  void runsEventsInTimeOrderAndTiesInSchedulingOrderAcrossHeapAndLanes() {
    var loop = new EventLoop();
    var lane = loop.lane();
    var ran = new ArrayList<String>();
    loop.at(5, () -> ran.add("heap 5 first"));
    loop.at(lane, 5, () -> ran.add("lane 5 second"));
    loop.at(2, () -> ran.add("heap 2"));
    loop.every(5, 10, () -> {
      ran.add("every " + (long) loop.now());
      return loop.now() < 15;
    });
    loop.at(lane, 15, () -> ran.add("lane 15, before the repeat scheduled at 5"));
    loop.runUntil(100, t -> {});
    assertThat(ran).containsExactly("heap 2", "heap 5 first", "lane 5 second", "every 5",
        "lane 15, before the repeat scheduled at 5", "every 15");
  }

  @Test
  void matchesAPriorityQueueOnTimeThenSchedulingOrder() {
    record Expected(double time, long order) {}
    var random = new SplittableRandom(7);
    var loop = new EventLoop();
    var lane = loop.lane();
    var expected = new PriorityQueue<Expected>((a, b) -> a.time() != b.time()
        ? Double.compare(a.time(), b.time()) : Long.compare(a.order(), b.order()));
    var ran = new ArrayList<Long>();
    double laneTime = 0;
    for (int i = 0; i < 2000; i++) {
      long id = i; // the i-th event scheduled
      double time = random.nextInt(50); // whole seconds: many ties
      if (random.nextBoolean()) {
        laneTime = Math.max(laneTime, time);
        time = laneTime;
        loop.at(lane, time, () -> ran.add(id));
      } else {
        loop.at(time, () -> ran.add(id));
      }
      expected.add(new Expected(time, id));
    }
    loop.runUntil(100, t -> {});
    var want = new ArrayList<Long>();
    while (!expected.isEmpty()) {
      want.add(expected.poll().order());
    }
    assertThat(ran).isEqualTo(want);
  }

  @Test
  void stopsAtTheEndAndReportsEachEventTimeFirst() {
    var loop = new EventLoop();
    var seen = new ArrayList<Double>();
    loop.every(10, 10, () -> true);
    loop.runUntil(35, seen::add);
    assertThat(seen).isEqualTo(List.of(10.0, 20.0, 30.0, 35.0));
    assertThat(loop.now()).isEqualTo(35.0);
  }

  @Test
  void refusesALaneEventEarlierThanTheOneBefore() {
    var loop = new EventLoop();
    var lane = loop.lane();
    loop.at(lane, 10, () -> {});
    assertThatThrownBy(() -> loop.at(lane, 9, () -> {})).isInstanceOf(IllegalArgumentException.class);
  }
}
