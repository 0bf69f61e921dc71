package io.agentscale.cli;

import io.agentscale.profile.Examples;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo worker as a real process: SIGTERM drains like a LiveKit worker, then the process exits 0. */
class DemoWorkerTest {
  @TempDir Path dir;

  Process start(String... args) throws IOException {
    var all = new ArrayList<>(List.of("--health-port", "0",
        "--port", String.valueOf(io.agentscale.metrics.RealPrometheus.freePort())));
    all.addAll(List.of(args));
    return launch("out.log", all);
  }

  /** {@code agentscale demo-worker --host 127.0.0.1 ARGS} as a process, its output in {@code log}. */
  Process launch(String log, List<String> args) throws IOException {
    String classpath = "cli/target/classes:" + Files.readString(Path.of("cli/target/classpath.txt")).strip();
    var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath, "io.agentscale.cli.Tool", "demo-worker", Examples.DENTAL, "--host", "127.0.0.1"));
    command.addAll(args);
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
  }

  String awaitLine(Process p, String text) throws Exception {
    return awaitLine(p, "out.log", text);
  }

  String awaitLine(Process p, String file, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      String log = Files.readString(dir.resolve(file));
      if (log.contains(text)) {
        return log;
      }
      assertThat(p.isAlive()).as(log).isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError("no \"" + text + "\" in " + Files.readString(dir.resolve(file)));
  }

  @Test
  void sigtermWaitsForActiveCallsThenExitsZero() throws Exception {
    Process p = start("--sessions", "2", "--call-lengths", "fixed", "--mean-call", "3s", "--drain-timeout", "20s");
    try {
      awaitLine(p, "demo worker:");
      long signalled = System.nanoTime();
      p.destroy(); // SIGTERM

      assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
      double seconds = (System.nanoTime() - signalled) / 1e9;
      assertThat(seconds).as("waited for the 3 s calls, not the 20 s timeout").isLessThan(10);
      assertThat(Files.readString(dir.resolve("out.log"))).contains("draining: 2 sessions")
          .contains("drained: no sessions left");
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void callsLongerThanTheDrainTimeoutAreCutAndTheWorkerStillExitsZero() throws Exception {
    Process p = start("--sessions", "3", "--call-lengths", "fixed", "--mean-call", "1h", "--drain-timeout", "1s");
    try {
      awaitLine(p, "demo worker:");
      p.destroy();

      assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
      assertThat(Files.readString(dir.resolve("out.log"))).contains("drain timed out: 3 sessions cut off");
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void twoWorkersRunSideBySideWithTheDefaultHealthPort() throws Exception {
    var ports = List.of(io.agentscale.metrics.RealPrometheus.freePort(), io.agentscale.metrics.RealPrometheus.freePort());
    Process first = launch("first.log", List.of("--sessions", "1", "--port", String.valueOf(ports.get(0))));
    Process second = null;
    try {
      awaitLine(first, "first.log", "demo worker:");
      second = launch("second.log", List.of("--sessions", "1", "--port", String.valueOf(ports.get(1))));

      String log = awaitLine(second, "second.log", "/metrics, health and /worker on port");
      assertThat(log).contains("http://127.0.0.1:" + ports.get(1) + "/metrics");
      assertThat(first.isAlive()).isTrue();
      assertThat(second.isAlive()).isTrue();
    } finally {
      first.destroyForcibly();
      if (second != null) {
        second.destroyForcibly();
      }
    }
  }

  @Test
  void aPortInUseOrOutOfRangeIsAOneLineError() throws Exception {
    try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      var inUse = SimulateCommandTest.run("demo-worker", Examples.DENTAL, "--host", "127.0.0.1", "--sessions", "1", "--health-port", "0",
          "--port", String.valueOf(taken.getLocalPort()));
      assertThat(inUse.exit()).isEqualTo(1);
      assertThat(inUse.err()).isEqualTo("demo-worker: --port " + taken.getLocalPort() + " is in use on 127.0.0.1; "
          + "stop the process that holds it or pass another --port (0 for any free port)\n");
    }
    for (String port : List.of("-1", "65536")) {
      var r = SimulateCommandTest.run("demo-worker", Examples.DENTAL, "--sessions", "1", "--port", port);
      assertThat(r.exit()).as(port).isEqualTo(2);
      assertThat(r.err()).as(port).isEqualTo("demo-worker: --port must be between 0 and 65535 (0 for any free port), "
          + "got " + port + "\n");
    }
    var health = SimulateCommandTest.run("demo-worker", Examples.DENTAL, "--sessions", "1", "--health-port", "70000");
    assertThat(health.exit()).isEqualTo(2);
    assertThat(health.err()).contains("--health-port must be between 0 and 65535 (0 for none), got 70000");
  }
}
