package io.agentscale.simulate;

import java.util.PriorityQueue;

/** Discrete-event time: actions run in time order, ties in the order they were scheduled. Times are seconds. */
final class EventLoop {
  private record Event(double time, long order, Runnable action) implements Comparable<Event> {
    @Override
    public int compareTo(Event o) {
      int byTime = Double.compare(time, o.time);
      return byTime != 0 ? byTime : Long.compare(order, o.order);
    }
  }

  private final PriorityQueue<Event> queue = new PriorityQueue<>();
  private long scheduled;
  private double now;

  double now() {
    return now;
  }

  void at(double time, Runnable action) {
    queue.add(new Event(Math.max(time, now), scheduled++, action));
  }

  /** Runs {@code step} at {@code first}, then every {@code period} seconds for as long as it returns true. */
  void every(double first, double period, java.util.function.BooleanSupplier step) {
    at(first, () -> {
      if (step.getAsBoolean()) {
        every(now + period, period, step);
      }
    });
  }

  /** Runs events until {@code end}; {@code beforeEach} sees each event's time before the event changes anything. */
  void runUntil(double end, java.util.function.DoubleConsumer beforeEach) {
    while (!queue.isEmpty() && queue.peek().time() <= end) {
      Event e = queue.poll();
      beforeEach.accept(e.time());
      now = e.time();
      e.action().run();
    }
    beforeEach.accept(end);
    now = end;
  }
}
