package io.agentscale.simulate;

import java.util.ArrayList;

/** One agent worker (a pod on Kubernetes) and the calls it carries. */
final class Worker {
  enum State {
    /** Created, waiting for a node (Kubernetes only). */
    UNSCHEDULED,
    /** Placed or launched: starting, then warming up. */
    STARTING,
    /** Accepts calls. */
    READY,
    /** Stopped accepting calls; leaves when its last call ends or its drain deadline passes. */
    DRAINING,
    GONE
  }

  /** A call in progress. */
  static final class Call {
    /** The call's place among the run's arrivals: its dispatch draws are keyed by it (common random numbers). */
    final long index;
    final double lengthSeconds;
    Worker worker;
    boolean ended;
    private java.util.SplittableRandom picks;

    Call(double lengthSeconds) {
      this(-1, lengthSeconds);
    }

    Call(long index, double lengthSeconds) {
      this.index = index;
      this.lengthSeconds = lengthSeconds;
    }

    /** The draws the server makes for this call, the same in every configuration replayed on {@code seed}. */
    java.util.SplittableRandom picks(long seed) {
      if (picks == null) {
        picks = Streams.of(seed, Streams.DISPATCH, index);
      }
      return picks;
    }
  }

  final int id;
  /** The pod's UID as the ReplicaSet compares it: random, so ties inside a log bucket fall pseudo-randomly. */
  final String uid;
  /** When the pod was created. */
  final double createdAt;
  State state;
  /** When the container runs (Kubernetes: phase Running, scraped from then on); infinite until placed. */
  double runningAt = Double.POSITIVE_INFINITY;
  double readyAt = Double.POSITIVE_INFINITY;
  final ArrayList<Call> calls = new ArrayList<>(); // the class, not List: a cheaper call on hot paths
  /** The last value Prometheus scraped, in milli-sessions; null before the first scrape. */
  Long scrapedMilli;
  /** The node it runs on (Kubernetes only). */
  Object node;
  /** When it last became unschedulable (Kubernetes only). */
  double pendingSince;

  Worker(int id, String uid, double createdAt, State state) {
    this.id = id;
    this.uid = uid;
    this.createdAt = createdAt;
    this.state = state;
  }

  int sessions() {
    return calls.size();
  }

  /** Session counts before each change of the last status interval: (time, sessions before it). */
  private final java.util.ArrayDeque<double[]> changes = new java.util.ArrayDeque<>();
  /** The time of the last change, kept apart so most look-ups read nothing but this worker's fields. */
  private double lastChangeAt = Double.NEGATIVE_INFINITY;

  /** Notes that the session count is about to change at {@code now}. */
  void record(double now, double interval) {
    while (!changes.isEmpty() && changes.peekFirst()[0] <= now - interval) {
      changes.pollFirst();
    }
    changes.addLast(new double[] {now, calls.size()});
    lastChangeAt = now;
  }

  /**
   * The session count the LiveKit server last heard: workers report every {@code interval} from when they became
   * ready, so the server sees the count of the last report, not the current one.
   */
  int reportedSessions(double now, double interval) {
    // Most look-ups find no change in the last two intervals, so none since the last report (less than one interval
    // ago; rounding is far below an interval): this test alone is small enough for the JIT to inline into dispatch.
    if (now - lastChangeAt > 2 * interval) {
      return calls.size();
    }
    return reportedSinceRecentChange(now, interval);
  }

  private int reportedSinceRecentChange(double now, double interval) {
    if (now < readyAt) {
      return calls.size();
    }
    long reports = (long) ((now - readyAt) / interval); // not negative, so the cast is floor (and cheaper)
    double lastReport = readyAt + reports * interval;
    if (lastChangeAt <= lastReport) {
      return calls.size(); // nothing changed since the last report: skip the scan
    }
    for (double[] change : changes) {
      if (change[0] > lastReport) {
        return (int) change[1];
      }
    }
    return calls.size();
  }
}
