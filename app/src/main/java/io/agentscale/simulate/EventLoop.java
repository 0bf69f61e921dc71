package io.agentscale.simulate;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * Discrete-event time: actions run in time order, ties in the order they were scheduled. Times are seconds.
 *
 * <p>A week is about half a million events, so pending events wait in one of two structures, both ordered by (time,
 * scheduling order): one-off events in a binary heap; the repeats of {@link #every} in one first-in-first-out lane per
 * period, since a repeat is always scheduled at the current time plus its period (most events are such repeats:
 * Prometheus scrapes, HPA and autoscaler loops). The next event is the earliest of the heap's top and the lanes' heads.
 */
final class EventLoop {
  // The heap in parallel arrays: an event costs no object beyond its action and is compared on primitives.
  private double[] times = new double[256];
  private long[] orders = new long[256];
  private Object[] actions = new Object[256]; // Object[]: storing into an interface-typed array costs a type check
  private int size;
  private final Map<Double, Lane> lanesByPeriod = new HashMap<>();
  private Lane[] lanes = new Lane[0]; // the same, for the scan of each step
  private long scheduled;
  private double now;

  private record Repeat(double time, long order, Runnable action) {}

  /** The pending repeats of one period, oldest first; the first one's key at hand for the next-event scan. */
  private static final class Lane {
    final ArrayDeque<Repeat> repeats = new ArrayDeque<>();
    double headTime;
    long headOrder;

    void add(Repeat r) {
      if (repeats.isEmpty()) {
        headTime = r.time();
        headOrder = r.order();
      }
      repeats.addLast(r);
    }

    Runnable poll() {
      Runnable action = repeats.pollFirst().action();
      Repeat next = repeats.peekFirst();
      if (next != null) {
        headTime = next.time();
        headOrder = next.order();
      }
      return action;
    }

    boolean headBefore(double time, long order) {
      return !repeats.isEmpty() && earlier(headTime, headOrder, time, order);
    }
  }

  double now() {
    return now;
  }

  void at(double time, Runnable action) {
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      orders = Arrays.copyOf(orders, size * 2);
      actions = Arrays.copyOf(actions, size * 2);
    }
    siftUp(size++, Math.max(time, now), scheduled++, action);
  }

  /** Runs {@code step} at {@code first}, then every {@code period} seconds for as long as it returns true. */
  void every(double first, double period, BooleanSupplier step) {
    Lane lane = lanesByPeriod.computeIfAbsent(period, p -> {
      lanes = Arrays.copyOf(lanes, lanes.length + 1);
      return lanes[lanes.length - 1] = new Lane();
    });
    at(first, new Runnable() { // one object for all its runs
      @Override
      public void run() {
        if (step.getAsBoolean()) {
          lane.add(new Repeat(Math.max(now + period, now), scheduled++, this));
        }
      }
    });
  }

  /** Runs events until {@code end}; {@code beforeEach} sees each event's time before the event changes anything. */
  void runUntil(double end, DoubleConsumer beforeEach) {
    while (true) {
      double time = size > 0 ? times[0] : Double.POSITIVE_INFINITY;
      long order = size > 0 ? orders[0] : Long.MAX_VALUE;
      Lane from = null; // null: the heap
      for (Lane lane : lanes) {
        if (lane.headBefore(time, order)) {
          from = lane;
          time = lane.headTime;
          order = lane.headOrder;
        }
      }
      if ((from == null && size == 0) || time > end) {
        break;
      }
      Runnable action;
      if (from == null) {
        action = (Runnable) actions[0];
        removeFirst();
      } else {
        action = from.poll();
      }
      beforeEach.accept(time);
      now = time;
      action.run();
    }
    beforeEach.accept(end);
    now = end;
  }

  private static boolean earlier(double time, long order, double otherTime, long otherOrder) {
    return time < otherTime || (time == otherTime && order < otherOrder);
  }

  /** Puts the event into the hole at {@code slot}, moving parents down while it is earlier than them. */
  private void siftUp(int slot, double time, long order, Object action) {
    double[] times = this.times; // locals: the compiler need not reload the fields on each step
    long[] orders = this.orders;
    Object[] actions = this.actions;
    while (slot > 0) {
      int parent = (slot - 1) >>> 1;
      if (!earlier(time, order, times[parent], orders[parent])) {
        break;
      }
      times[slot] = times[parent];
      orders[slot] = orders[parent];
      actions[slot] = actions[parent];
      slot = parent;
    }
    times[slot] = time;
    orders[slot] = order;
    actions[slot] = action;
  }

  /** Removes the earliest event: the last one fills the root's hole and sinks to its place. */
  private void removeFirst() {
    double[] times = this.times;
    long[] orders = this.orders;
    Object[] actions = this.actions;
    int last = --size;
    double time = times[last];
    long order = orders[last];
    Object action = actions[last];
    actions[last] = null;
    int slot = 0;
    while (true) {
      int child = 2 * slot + 1;
      if (child >= last) {
        break;
      }
      if (child + 1 < last && earlier(times[child + 1], orders[child + 1], times[child], orders[child])) {
        child++;
      }
      if (!earlier(times[child], orders[child], time, order)) {
        break;
      }
      times[slot] = times[child];
      orders[slot] = orders[child];
      actions[slot] = actions[child];
      slot = child;
    }
    if (last > 0) {
      times[slot] = time;
      orders[slot] = order;
      actions[slot] = action;
    }
  }
}
