package io.agentscale.simulate;

import io.agentscale.traffic.Trace;
import io.agentscale.simulate.Worker.Call;
import io.agentscale.simulate.Worker.State;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import io.agentscale.traffic.Arrivals;

/**
 * The workers of one platform and the callers they serve: Poisson arrivals from the trace, LiveKit's dispatch,
 * callers on hold, graceful drain, and the tallies a run reports. The platform models decide when workers are added,
 * become ready and are removed; the fleet does everything else the same way for both.
 */
final class Fleet {
  private record Waiter(double arrivedAt, Call call) {}

  private final EventLoop loop;
  private final Arrivals arrivals;
  /** Each arrival schedules the next, so they come in time order. */
  private EventLoop.Lane arrivalLane;
  private final SimulationSettings settings;
  /** The settings' durations in seconds, converted once rather than per call. */
  private final double meanCallSeconds;
  private final double patienceSeconds;
  private final int sessionsPerWorker;
  /** Dispatch's weight, 1 − load, for each reported session count below sessions_per_worker: computed once. */
  private final double[] weightAt;
  private final SplittableRandom calls;
  private final SplittableRandom uids;
  private final long seed;
  private final ArrayList<Worker> workers = new ArrayList<>(); // the class, not List: a cheaper call on hot paths
  private final ArrayDeque<Waiter> holding = new ArrayDeque<>();
  /** Dispatch's scratch space, reused for every call: the workers offered a call and their weights, in order. */
  private Worker[] candidates = new Worker[16];
  private double[] weights = new double[16];
  private final Tally tally;
  private Consumer<Worker> onGone = w -> {};
  private int nextId;
  private long callIndex;
  private int sessions;

  Fleet(EventLoop loop, Trace trace, SimulationSettings settings, int sessionsPerWorker) {
    this.loop = loop;
    this.arrivals = new Arrivals(trace, 1);
    this.settings = settings;
    this.meanCallSeconds = settings.meanCall().toMillis() / 1000.0;
    this.patienceSeconds = settings.patience().toMillis() / 1000.0;
    this.sessionsPerWorker = sessionsPerWorker;
    this.weightAt = new double[sessionsPerWorker];
    for (int reported = 0; reported < sessionsPerWorker; reported++) {
      weightAt[reported] = 1 - (double) reported / sessionsPerWorker;
    }
    this.calls = new SplittableRandom(settings.seed());
    this.uids = new SplittableRandom(settings.seed() ^ 0x756964L);
    this.seed = settings.seed();
    this.tally = new Tally(this);
  }

  void onGone(Consumer<Worker> listener) {
    this.onGone = listener;
  }

  Tally tally() {
    return tally;
  }

  int sessionsPerWorker() {
    return sessionsPerWorker;
  }

  /** Live workers (not gone), oldest first. An ArrayList, not a List: C1 inlines the calls of indexed loops then. */
  ArrayList<Worker> workers() {
    return workers;
  }

  int count(State state) {
    int n = 0;
    for (Worker w : workers) {
      if (w.state == state) {
        n++;
      }
    }
    return n;
  }

  /** Calls in progress on all workers. */
  int sessions() {
    return sessions;
  }

  Worker add(State state) {
    var w = new Worker(nextId++, java.util.UUID.nameUUIDFromBytes(Long.toString(uids.nextLong()).getBytes(
        java.nio.charset.StandardCharsets.UTF_8)).toString(), loop.now(), state);
    workers.add(w);
    tally.peak(workers.size());
    return w;
  }

  void ready(Worker w) {
    if (w.state == State.STARTING) {
      w.state = State.READY;
      serveHolding();
    }
  }

  /** Stops sending calls to {@code w}; it leaves when its calls end, or at {@code deadline} with them cut off. */
  void drain(Worker w, double deadline) {
    if (w.state != State.READY) {
      remove(w);
      return;
    }
    w.state = State.DRAINING;
    if (w.calls.isEmpty()) {
      remove(w);
      return;
    }
    loop.at(deadline, () -> {
      if (w.state == State.DRAINING) {
        for (Call c : w.calls) {
          c.ended = true;
          tally.interrupted();
        }
        sessions -= w.calls.size();
        w.calls.clear();
        remove(w);
      }
    });
  }

  /** A worker that never served (or has finished draining) leaves at once. */
  void remove(Worker w) {
    w.state = State.GONE;
    workers.remove(w);
    onGone.accept(w);
  }

  // ---- callers -------------------------------------------------------------------------------------------------

  void start() {
    arrivalLane = loop.lane();
    scheduleArrival(0);
  }

  private void scheduleArrival(double from) {
    double next = arrivals.next(from, calls);
    if (next == Double.POSITIVE_INFINITY) {
      return;
    }
    double length = settings.callLengths().sampleSeconds(meanCallSeconds, calls);
    loop.at(arrivalLane, next, new Arrival(next, length));
  }

  // The two events of every call are named classes, not lambdas: the JVM the CLI runs (C1 only) creates a capturing
  // lambda through a method handle and a native allocation, several times the cost of a plain object.

  /** A caller rings at {@code time}; the next arrival is drawn then. */
  private final class Arrival implements Runnable {
    private final double time;
    private final double lengthSeconds;

    Arrival(double time, double lengthSeconds) {
      this.time = time;
      this.lengthSeconds = lengthSeconds;
    }

    @Override
    public void run() {
      arrive(new Call(callIndex++, lengthSeconds));
      scheduleArrival(time);
    }
  }

  /** A call's scheduled end (it may have been cut off before). */
  private final class CallEnd implements Runnable {
    private final Call call;

    CallEnd(Call call) {
      this.call = call;
    }

    @Override
    public void run() {
      end(call);
    }
  }

  private void arrive(Call call) {
    tally.offered();
    if (dispatch(call)) {
      tally.served(0);
      return;
    }
    if (patienceSeconds <= 0) {
      tally.dropped();
      return;
    }
    var waiter = new Waiter(loop.now(), call);
    holding.add(waiter);
    loop.at(loop.now() + patienceSeconds, () -> {
      if (holding.remove(waiter)) {
        tally.dropped();
      }
    });
  }

  /**
   * LiveKit's dispatch: among ready workers whose last reported load (active sessions ÷ sessions_per_worker, reported
   * every {@value #STATUS_INTERVAL_SECONDS} s) is below 1, one at random weighted by (1 − load); a worker that is in
   * fact full refuses and the server tries another at once; when none takes the call it is not queued.
   */
  boolean dispatch(Call call) {
    double now = loop.now();
    int count = 0;
    double total = 0; // the first offer's total, summed in the same order as a retry's below
    for (int i = 0; i < workers.size(); i++) { // indexed: no iterator per call on this hot path
      Worker w = workers.get(i);
      if (w.state != State.READY) {
        continue; // only ready workers are offered calls, so only their reports are read
      }
      int reported = w.reportedSessions(now, STATUS_INTERVAL_SECONDS);
      if (reported < sessionsPerWorker) { // load below 1
        if (count == candidates.length) {
          candidates = Arrays.copyOf(candidates, count * 2);
          weights = Arrays.copyOf(weights, count * 2);
        }
        candidates[count] = w;
        weights[count] = weightAt[reported];
        total += weights[count];
        count++;
      }
    }
    while (count > 0) {
      double pick = call.picks(seed).nextDouble() * total;
      int chosen = 0;
      while (chosen < count - 1 && pick >= weights[chosen]) {
        pick -= weights[chosen];
        chosen++;
      }
      Worker w = candidates[chosen];
      if (w.sessions() < sessionsPerWorker) {
        call.worker = w;
        w.record(now, STATUS_INTERVAL_SECONDS);
        w.calls.add(call);
        sessions++;
        loop.at(now + call.lengthSeconds, new CallEnd(call));
        return true;
      }
      // at capacity: it refuses, the server tries another
      count--;
      System.arraycopy(candidates, chosen + 1, candidates, chosen, count - chosen);
      System.arraycopy(weights, chosen + 1, weights, chosen, count - chosen);
      total = 0;
      for (int i = 0; i < count; i++) {
        total += weights[i];
      }
    }
    return false;
  }

  /** livekit-agents' worker status update interval (UPDATE_STATUS_INTERVAL). */
  static final double STATUS_INTERVAL_SECONDS = 2.5;

  private void end(Call call) {
    if (call.ended) {
      return;
    }
    call.ended = true;
    Worker w = call.worker;
    w.record(loop.now(), STATUS_INTERVAL_SECONDS);
    w.calls.remove(call);
    sessions--;
    if (w.state == State.DRAINING && w.calls.isEmpty()) {
      remove(w);
    } else if (w.state == State.READY) {
      serveHolding();
    }
  }

  private void serveHolding() {
    while (!holding.isEmpty()) {
      Waiter next = holding.peek();
      if (!dispatch(next.call())) {
        return;
      }
      holding.poll();
      tally.served(loop.now() - next.arrivedAt());
    }
  }

  int holding() {
    return holding.size();
  }
}
