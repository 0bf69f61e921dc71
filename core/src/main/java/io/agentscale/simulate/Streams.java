package io.agentscale.simulate;

import java.util.SplittableRandom;

/**
 * Random numbers keyed by what they are for: the n-th node a run asks for, the worker with id n, the n-th call. Two
 * configurations replayed on one seed then draw the same delay for their third node and the same dispatch choices for
 * their hundredth call, however differently they got there: common random numbers, so the tuner compares settings,
 * not luck.
 */
final class Streams {
  static final long SCRAPE = 1;
  static final long PROVISIONING = 2;
  static final long BACKOFF = 3;
  static final long DISPATCH = 4;

  private Streams() {}

  /** A generator for one purpose and index under {@code seed}. */
  static SplittableRandom of(long seed, long purpose, long index) {
    return new SplittableRandom(mix(mix(seed) ^ purpose * 0x9E3779B97F4A7C15L) ^ index * 0xBF58476D1CE4E5B9L);
  }

  /** One draw in [0, 1) for a purpose and index. */
  static double uniform(long seed, long purpose, long index) {
    return of(seed, purpose, index).nextDouble();
  }

  /** SplitMix64's finalizer: nearby inputs give unrelated outputs. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
