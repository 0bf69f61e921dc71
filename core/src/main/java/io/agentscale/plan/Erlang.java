package io.agentscale.plan;

/**
 * Erlang-B peak sizing for a pool of interchangeable call slots (ready workers × sessions_per_worker). Calls arrive at
 * random (Poisson) and a call that finds every slot busy is dropped, so the pool is one M/G/c/c loss system: the drop
 * rate depends on call length only through its mean, and the offered load R (erlangs) = calls per minute × mean call
 * length in minutes. Steady state only; the simulator covers ramps and autoscaling lag.
 */
public final class Erlang {
  private Erlang() {}

  /**
   * B(c, R): the share of calls dropped when R erlangs are offered to c slots. The upward recursion B_0 = 1,
   * B_k = R·B_{k−1} / (k + R·B_{k−1}) has only positive terms, so it neither cancels nor overflows (error ≈ c × 1e-16).
   */
  public static double loss(int slots, double erlangs) {
    checkSlots(slots);
    checkErlangs(erlangs);
    double b = 1;
    for (int k = 1; k <= slots; k++) {
      b = erlangs * b / (k + erlangs * b);
    }
    return b;
  }

  /** The smallest c with B(c, R) ≤ ε, in one upward pass of the recursion (B falls as c rises); 0 for no load. */
  public static int slotsFor(double erlangs, double epsilon) {
    checkErlangs(erlangs);
    checkEpsilon(epsilon);
    if (erlangs == 0) {
      return 0;
    }
    double b = 1;
    int k = 0;
    while (b > epsilon) {
      k++;
      b = erlangs * b / (k + erlangs * b);
    }
    return k;
  }

  /**
   * The largest R with B(c, R) ≤ ε, by bisection to 1e-10 relative (B rises with R), starting from
   * [0, c + 10√c + 10]; 0 for no slots. The value returned meets ε.
   */
  public static double maxLoad(int slots, double epsilon) {
    checkSlots(slots);
    checkEpsilon(epsilon);
    if (slots == 0) {
      return 0;
    }
    double lo = 0;
    double hi = slots + 10 * Math.sqrt(slots) + 10;
    while (loss(slots, hi) <= epsilon) { // only a loose ε (say 50%) carries more than the bracket
      lo = hi;
      hi *= 2;
    }
    while (hi - lo > 1e-10 * hi) {
      double mid = (lo + hi) / 2;
      if (loss(slots, mid) <= epsilon) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * β in c = R + β√R: the safety slots in units of √R (square-root staffing, QED regime). It explains a size rather
   * than deciding one: β itself depends on both R and ε (2.40 at R = 5, 0.93 at R = 1000 for 1%).
   */
  public static double beta(int slots, double erlangs) {
    checkSlots(slots);
    checkPositive(erlangs);
    return (slots - erlangs) / Math.sqrt(erlangs);
  }

  /**
   * u* = R / slotsFor(R, ε): the utilization target a fixed-threshold autoscaler needs at load R to drop at most ε.
   * It rises with R (0.455 at 5 erlangs, 0.926 at 300 for 1%), which is why one threshold is wrong across loads.
   */
  public static double utilizationTarget(double erlangs, double epsilon) {
    checkPositive(erlangs);
    return erlangs / slotsFor(erlangs, epsilon);
  }

  /**
   * The slots a fixed-threshold autoscaler (the HPA, LiveKit's scale_up_threshold) settles at under a steady load of
   * R busy sessions: ceil(R / (sessions_per_worker × threshold)) workers, each with sessions_per_worker slots. The
   * HPA's tolerance band, which lets utilization drift 10% above the threshold, is left out.
   */
  public static int thresholdSlots(double erlangs, int sessionsPerWorker, double threshold) {
    checkErlangs(erlangs);
    if (sessionsPerWorker < 1) {
      throw new IllegalArgumentException("sessionsPerWorker must be >= 1, got " + sessionsPerWorker);
    }
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
    }
    double workers = erlangs / (sessionsPerWorker * threshold);
    // 3 × (7 × 0.47) / (7 × 0.47) is 3.0000000000000004 in doubles: a rounding error must not add a worker
    return (int) Math.ceil(workers - 1e-9) * sessionsPerWorker;
  }

  private static void checkErlangs(double erlangs) {
    if (!(erlangs >= 0) || Double.isInfinite(erlangs)) {
      throw new IllegalArgumentException("erlangs must be a finite number >= 0, got " + erlangs);
    }
  }

  private static void checkPositive(double erlangs) {
    if (!(erlangs > 0) || Double.isInfinite(erlangs)) {
      throw new IllegalArgumentException("erlangs must be a finite number > 0, got " + erlangs);
    }
  }

  private static void checkEpsilon(double epsilon) {
    if (!(epsilon > 0 && epsilon < 1)) {
      throw new IllegalArgumentException("epsilon must be between 0 and 1 (exclusive), got " + epsilon);
    }
  }

  private static void checkSlots(int slots) {
    if (slots < 0) {
      throw new IllegalArgumentException("slots must be >= 0, got " + slots);
    }
  }
}
