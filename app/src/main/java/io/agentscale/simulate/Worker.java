package io.agentscale.simulate;

import java.util.ArrayList;
import java.util.List;

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
    final double lengthSeconds;
    Worker worker;
    boolean ended;

    Call(double lengthSeconds) {
      this.lengthSeconds = lengthSeconds;
    }
  }

  final int id;
  State state;
  /** When the container runs (Kubernetes: phase Running, scraped from then on); infinite until placed. */
  double runningAt = Double.POSITIVE_INFINITY;
  double readyAt = Double.POSITIVE_INFINITY;
  final List<Call> calls = new ArrayList<>();
  /** The last value Prometheus scraped, in milli-sessions; null before the first scrape. */
  Long scrapedMilli;
  /** The node it runs on (Kubernetes only). */
  Object node;

  Worker(int id, State state) {
    this.id = id;
    this.state = state;
  }

  int sessions() {
    return calls.size();
  }
}
