package io.agentscale.simulate;

import io.agentscale.simulate.Worker.Call;
import io.agentscale.simulate.Worker.State;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The workers of one platform and the callers they serve: Poisson arrivals from the trace, LiveKit's dispatch,
 * callers on hold, graceful drain, and the tallies a run reports. The platform models decide when workers are added,
 * become ready and are removed; the fleet does everything else the same way for both.
 */
final class Fleet {
  private record Waiter(double arrivedAt, Call call) {}

  private final EventLoop loop;
  private final Arrivals arrivals;
  private final SimulationSettings settings;
  private final int sessionsPerWorker;
  private final SplittableRandom calls;
  private final SplittableRandom uids;
  private final SplittableRandom dispatchRandom;
  private final List<Worker> workers = new ArrayList<>();
  private final ArrayDeque<Waiter> holding = new ArrayDeque<>();
  private final Tally tally;
  private Consumer<Worker> onGone = w -> {};
  private int nextId;
  private int sessions;

  Fleet(EventLoop loop, Trace trace, SimulationSettings settings, int sessionsPerWorker) {
    this.loop = loop;
    this.arrivals = new Arrivals(trace, 1);
    this.settings = settings;
    this.sessionsPerWorker = sessionsPerWorker;
    this.calls = new SplittableRandom(settings.seed());
    this.uids = new SplittableRandom(settings.seed() ^ 0x756964L);
    this.dispatchRandom = new SplittableRandom(settings.seed() ^ 0x6469737061L);
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

  /** Live workers (not gone), oldest first. */
  List<Worker> workers() {
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
    scheduleArrival(0);
  }

  private void scheduleArrival(double from) {
    double next = arrivals.next(from, calls);
    if (next == Double.POSITIVE_INFINITY) {
      return;
    }
    double length = settings.callLengths().sampleSeconds(settings.meanCall().toMillis() / 1000.0, calls);
    loop.at(next, () -> {
      arrive(new Call(length));
      scheduleArrival(next);
    });
  }

  private void arrive(Call call) {
    tally.offered();
    if (dispatch(call)) {
      tally.served(0);
      return;
    }
    double patience = settings.patience().toMillis() / 1000.0;
    if (patience <= 0) {
      tally.dropped();
      return;
    }
    var waiter = new Waiter(loop.now(), call);
    holding.add(waiter);
    loop.at(loop.now() + patience, () -> {
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
    var candidates = new ArrayList<Worker>();
    var weights = new ArrayList<Double>();
    for (Worker w : workers) {
      double load = (double) w.reportedSessions(now, STATUS_INTERVAL_SECONDS) / sessionsPerWorker;
      if (w.state == State.READY && load < 1) {
        candidates.add(w);
        weights.add(1 - load);
      }
    }
    while (!candidates.isEmpty()) {
      double total = 0;
      for (double weight : weights) {
        total += weight;
      }
      double pick = dispatchRandom.nextDouble() * total;
      int chosen = 0;
      while (chosen < candidates.size() - 1 && pick >= weights.get(chosen)) {
        pick -= weights.get(chosen);
        chosen++;
      }
      Worker w = candidates.get(chosen);
      if (w.sessions() < sessionsPerWorker) {
        call.worker = w;
        w.record(now, STATUS_INTERVAL_SECONDS);
        w.calls.add(call);
        sessions++;
        loop.at(now + call.lengthSeconds, () -> end(call));
        return true;
      }
      candidates.remove(chosen); // at capacity: it refuses, the server tries another
      weights.remove(chosen);
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
