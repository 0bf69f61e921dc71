package io.agentscale.simulate;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * Discrete-event time: actions run in time order, ties in the order they were scheduled. Times are seconds.
 *
 * <p>A week is about half a million events, so pending events wait in one of two structures, both ordered by (time,
 * scheduling order): most in a binary heap; those scheduled in time order in a first-in-first-out {@link Lane}, which
 * costs no heap work. The repeats of {@link #every} have a lane per period, since a repeat is always scheduled at the
 * current time plus its period (most events are such repeats: Prometheus scrapes, HPA and autoscaler loops). The next
 * event is the earliest of the heap's top and the lanes' heads.
 */
final class EventLoop {
  // The heap in parallel arrays: an event costs no object beyond its action and is compared on primitives.
  private double[] times = new double[256];
  private long[] orders = new long[256];
  private Object[] actions = new Object[256]; // Object[]: storing into an interface-typed array costs a type check
  private int size;
  private Lane[] lanes = new Lane[0];
  private final Map<Double, Lane> repeatsByPeriod = new HashMap<>();
  private long scheduled;
  private double now;

  /**
   * Events scheduled in time order, in parallel arrays like the heap's: pending ones from {@code head} to {@code tail}.
   * The first one's key is copied out for the scan of every step; an empty lane's key comes after every event's.
   */
  static final class Lane {
    private double[] times = new double[16];
    private long[] orders = new long[16];
    private Object[] actions = new Object[16];
    private int head;
    private int tail;
    private double firstTime = Double.POSITIVE_INFINITY;
    private long firstOrder = Long.MAX_VALUE;

    private void add(double time, long order, Runnable action) {
      if (head < tail && time < times[tail - 1]) {
        throw new IllegalArgumentException("a lane's events must come in time order: " + time + " is too early");
      }
      if (tail == times.length) { // at the end: move the pending ones to the front (of arrays twice the size if crowded)
        int pending = tail - head;
        if (pending > times.length / 2) {
          times = Arrays.copyOf(times, times.length * 2);
          orders = Arrays.copyOf(orders, orders.length * 2);
          actions = Arrays.copyOf(actions, actions.length * 2);
        }
        System.arraycopy(times, head, times, 0, pending);
        System.arraycopy(orders, head, orders, 0, pending);
        System.arraycopy(actions, head, actions, 0, pending);
        Arrays.fill(actions, pending, tail, null);
        head = 0;
        tail = pending;
      }
      times[tail] = time;
      orders[tail] = order;
      actions[tail] = action;
      tail++;
      if (tail - head == 1) {
        firstTime = time;
        firstOrder = order;
      }
    }

    private Runnable poll() {
      Runnable action = (Runnable) actions[head];
      actions[head++] = null;
      firstTime = head < tail ? times[head] : Double.POSITIVE_INFINITY;
      firstOrder = head < tail ? orders[head] : Long.MAX_VALUE;
      return action;
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

  /** A new lane, for events the caller schedules in time order. */
  Lane lane() {
    lanes = Arrays.copyOf(lanes, lanes.length + 1);
    return lanes[lanes.length - 1] = new Lane();
  }

  /** As {@link #at(double, Runnable)}, in {@code lane}; {@code time} must not be before that of the lane's last event. */
  void at(Lane lane, double time, Runnable action) {
    lane.add(Math.max(time, now), scheduled++, action);
  }

  /** Runs {@code step} at {@code first}, then every {@code period} seconds for as long as it returns true. */
  void every(double first, double period, BooleanSupplier step) {
    Lane repeats = repeatsByPeriod.computeIfAbsent(period, p -> lane());
    at(first, new Runnable() { // one object for all its runs
      @Override
      public void run() {
        if (step.getAsBoolean()) {
          at(repeats, now + period, this);
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
        if (earlier(lane.firstTime, lane.firstOrder, time, order)) {
          from = lane;
          time = lane.firstTime;
          order = lane.firstOrder;
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
