package io.agentscale.cli;

import io.agentscale.demo.DemoWorker;
import io.agentscale.traffic.CallLengths;
import io.agentscale.traffic.Scenario;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import io.agentscale.synth.CheckedProfile;

/**
 * {@code agentscale demo-worker}: a stand-in agent worker that exports the sessions gauge and drains on SIGTERM like
 * a LiveKit worker, then exits 0. Deploy it in place of an agent to rehearse the whole scaling chain.
 */
@Command(name = "demo-worker", description = "Run a stand-in agent worker: the sessions gauge at /metrics, a health "
    + "endpoint, and LiveKit's drain on SIGTERM.")
final class DemoWorkerCommand implements Callable<Integer> {
  @Mixin Printing printing;

  static final class Sessions {
    @Option(names = "--sessions", paramLabel = "N", required = true,
        description = "hold N sessions: each call that ends is replaced at once")
    Integer fixed;

    @Option(names = "--scenario", paramLabel = "NAME", required = true,
        description = "take calls from a simulator scenario: monday-morning, friday-evening or hotline-surge")
    String scenario;
  }

  @Mixin ProfileArgument profile;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Sessions sessions;

  @Option(names = "--port", paramLabel = "P",
      description = "metrics port, 0 for any free port (default: the profile's metrics.port)")
  Integer port;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "address to bind (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--health-port", paramLabel = "P",
      description = "port of the health endpoint and /worker, 0 for none (default: the profile's "
          + "kubernetes.health_port, or any free port when another worker on this machine holds it)")
  Integer healthPort;

  @Option(names = "--stuck-gauge", description = "keep the gauge at 0 while calls run, as a gauge updated in the "
      + "job's child process does (/worker still counts the calls): rehearses doctor --expect")
  boolean stuckGauge;

  @Option(names = "--workers", paramLabel = "N",
      description = "scenario mode: the scenario's calls are shared by N workers (default: min_workers)")
  Integer workers;

  @Option(names = "--speed", defaultValue = "1", description = "simulated seconds per real second (default: 1)")
  double speed;

  @Option(names = "--seed", defaultValue = "1")
  long seed;

  @Option(names = "--mean-call", paramLabel = "D", converter = DurationConverter.class, defaultValue = "3m")
  Duration meanCall;

  @Option(names = "--call-lengths", paramLabel = "DIST", defaultValue = "lognormal",
      description = "${COMPLETION-CANDIDATES} (default: lognormal)")
  CallLengths callLengths;

  @Option(names = "--drain-timeout", paramLabel = "D", converter = DurationConverter.class,
      description = "how long a drain waits for calls (default: the profile's kubernetes.drain_timeout)")
  Duration drainTimeout;

  @Override
  public Integer call() throws Exception {
    var checked = profile.check();
    if (!checked.valid()) {
      checked.print(printing.err());
      return 1;
    }
    var p = checked.profile();
    String usage = usageProblem();
    if (usage != null) {
      printing.err().println("demo-worker: " + usage);
      return 2;
    }
    var trace = sessions.scenario == null ? null : Scenario.byId(sessions.scenario).trace(p, meanCall, seed);
    var options = new DemoWorker.Options(host,
        port != null ? port : p.metrics().port(),
        healthPort == null ? Integer.valueOf(p.kubernetes().healthPort()) : healthPort == 0 ? null : healthPort,
        p.metrics().name(), p.scaling().sessionsPerWorker(), sessions.fixed, trace,
        workers != null ? workers : p.scaling().minWorkers(), meanCall, callLengths, seed,
        drainTimeout != null ? drainTimeout : p.kubernetes().drainTimeout(), speed, p.name(), stuckGauge);
    DemoWorker worker;
    try {
      worker = start(options);
    } catch (DemoWorker.PortInUse e) {
      printing.err().println("demo-worker: " + e.option + " " + e.port + " is in use on " + host
          + "; stop the process that holds it or pass another " + e.option + " (0 for "
          + (e.option.equals("--port") ? "any free port)" : "none)"));
      return 1;
    } catch (IOException e) {
      printing.err().println("demo-worker: cannot serve on --host \"" + host + "\" ("
          + String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT) + "); pass an address of this machine, such as "
          + "127.0.0.1 or 0.0.0.0");
      return 1;
    }
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        worker.drain();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      worker.close();
      printing.out().flush();
      stopped.countDown();
      Runtime.getRuntime().halt(0); // like a LiveKit worker: a finished drain is a clean exit, even after SIGTERM
    }, "demo-worker-drain"));
    stopped.await();
    return 0;
  }

  /**
   * Starts the worker. When the health port is the profile's default and another worker on this machine holds it,
   * this one serves health and /worker on a free port and says so: in a pod the port is always free, so the probes
   * are unaffected, and several demo workers can run side by side on a laptop with only --port apart.
   */
  private DemoWorker start(DemoWorker.Options options) throws IOException {
    try {
      return DemoWorker.start(options, printing.out());
    } catch (DemoWorker.PortInUse e) {
      if (!e.option.equals("--health-port") || healthPort != null) {
        throw e;
      }
      printing.out().println("demo worker: health port " + e.port + " is in use (another worker?), so health and /worker "
          + "use a free port; pass --health-port to choose");
      return DemoWorker.start(options.withHealthPort(0), printing.out());
    }
  }

  private String usageProblem() {
    if (port != null && (port < 0 || port > 65535)) {
      return "--port must be between 0 and 65535 (0 for any free port), got " + port;
    }
    if (healthPort != null && (healthPort < 0 || healthPort > 65535)) {
      return "--health-port must be between 0 and 65535 (0 for none), got " + healthPort;
    }
    if (sessions.fixed != null && sessions.fixed < 0) {
      return "--sessions must be 0 or more, got " + sessions.fixed;
    }
    if (sessions.scenario != null
        && Arrays.stream(Scenario.values()).noneMatch(s -> s.id().equals(sessions.scenario))) {
      return "--scenario: unknown scenario \"" + sessions.scenario + "\"; choose one of " + Scenario.ids();
    }
    if (workers != null && workers < 1) {
      return "--workers must be at least 1, got " + workers;
    }
    if (!(speed > 0) || Double.isInfinite(speed)) {
      return "--speed must be a positive number, got " + speed;
    }
    if (meanCall.isZero()) {
      return "--mean-call must be longer than 0s";
    }
    return null;
  }
}
