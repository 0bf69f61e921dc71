package io.agentscale.synth;

import software.amazon.jsii.JsiiEngine;

/**
 * Starts the jsii engine (a Node process) and loads the construct libraries on a background thread while this JVM
 * reads and checks profiles, so the two start-ups overlap. The engine is used from one thread at a time: callers
 * {@link #await()} before their first construct.
 */
public final class JsiiWarmup {
  private final Thread thread;
  private volatile RuntimeException failure;

  private JsiiWarmup(boolean kubernetes, boolean aws) {
    thread = new Thread(() -> {
      try {
        var engine = JsiiEngine.getInstance();
        if (kubernetes) {
          engine.loadModule(org.cdk8s.plus28.$Module.class);
        }
        if (aws) {
          engine.loadModule(software.amazon.awscdk.$Module.class);
          engine.loadModule(io.github.cdklabs.cdknag.$Module.class);
        }
      } catch (RuntimeException e) {
        failure = e;
      }
    }, "jsii-warmup");
    thread.setDaemon(true);
  }

  /** Starts loading the libraries the given outputs need; loads nothing (and starts no engine) for neither. */
  public static JsiiWarmup start(boolean kubernetes, boolean aws) {
    var warmup = new JsiiWarmup(kubernetes, aws);
    if (kubernetes || aws) {
      warmup.thread.start();
    }
    return warmup;
  }

  private static JsiiWarmup early;

  /**
   * For {@code synth} with every output: starts the engine before the command line is even parsed, which is most of
   * a short run's critical path. Anything else starts nothing here.
   */
  public static void startEarly(String[] args) {
    if (args.length > 0 && args[0].equals("synth") && !java.util.Arrays.asList(args).contains("--only")) {
      early = start(true, true);
    }
  }

  /** The early warm-up if there was one, else a new one for these outputs. */
  public static JsiiWarmup earlyOrStart(boolean kubernetes, boolean aws) {
    return early != null ? early : start(kubernetes, aws);
  }

  /** Waits for the engine; a failure to start it surfaces here, on the caller's thread. */
  public void await() {
    try {
      thread.join(); // returns at once when it never started
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the jsii engine", e);
    }
    if (failure != null) {
      throw failure;
    }
  }
}
