package io.agentscale.cli;

import io.agentscale.demo.DemoWorker;
import io.agentscale.traffic.CallLengths;
import io.agentscale.traffic.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code agentscale demo-worker}: a stand-in agent worker that exports the sessions gauge and drains on SIGTERM like
 * a LiveKit worker, then exits 0. Deploy it in place of an agent to rehearse the whole scaling chain.
 */
@Command(name = "demo-worker", description = "Run a stand-in agent worker: the sessions gauge at /metrics, a health "
    + "endpoint, and LiveKit's drain on SIGTERM.")
final class DemoWorkerCommand implements Callable<Integer> {
  static final class Sessions {
    @Option(names = "--sessions", paramLabel = "N", required = true,
        description = "hold N sessions: each call that ends is replaced at once")
    Integer fixed;

    @Option(names = "--scenario", paramLabel = "NAME", required = true,
        description = "take calls from a simulator scenario: monday-morning, friday-evening or hotline-surge")
    String scenario;
  }

  @Parameters(arity = "0..1", paramLabel = "PROFILE", defaultValue = "stacks/dental-receptionist.yaml",
      description = "the profile (metric name, sessions_per_worker, drain timeout; default: ${DEFAULT-VALUE})")
  Path profile;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Sessions sessions;

  @Option(names = "--port", paramLabel = "P", description = "metrics port (default: the profile's metrics.port)")
  Integer port;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "address to bind (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--health-port", paramLabel = "P",
      description = "health endpoint port, 0 for none (default: the profile's kubernetes.health_port)")
  Integer healthPort;

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
    var checked = Profiles.check(profile);
    if (!checked.valid()) {
      checked.print(System.err);
      return 1;
    }
    var p = checked.profile();
    if (sessions.fixed != null && sessions.fixed < 0) {
      System.err.println("demo-worker: --sessions must be 0 or more, got " + sessions.fixed);
      return 2;
    }
    if (speed <= 0 || meanCall.isZero()) {
      System.err.println("demo-worker: --speed and --mean-call must be positive");
      return 2;
    }
    var trace = sessions.scenario == null ? null : Scenario.byId(sessions.scenario).trace(p, meanCall, seed);
    var options = new DemoWorker.Options(host,
        port != null ? port : p.metrics().port(),
        healthPort != null ? healthPort : p.kubernetes().healthPort(),
        p.metrics().name(), p.scaling().sessionsPerWorker(), sessions.fixed, trace,
        workers != null ? workers : p.scaling().minWorkers(), meanCall, callLengths, seed,
        drainTimeout != null ? drainTimeout : p.kubernetes().drainTimeout(), speed);
    var worker = DemoWorker.start(options, System.out);
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        worker.drain();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      worker.close();
      System.out.flush();
      stopped.countDown();
      Runtime.getRuntime().halt(0); // like a LiveKit worker: a finished drain is a clean exit, even after SIGTERM
    }, "demo-worker-drain"));
    stopped.await();
    return 0;
  }
}
