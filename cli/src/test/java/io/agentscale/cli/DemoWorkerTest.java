package io.agentscale.cli;

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
    String classpath = "cli/target/classes:" + Files.readString(Path.of("cli/target/classpath.txt")).strip();
    var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath, "io.agentscale.cli.Tool", "demo-worker", "--host", "127.0.0.1", "--health-port", "0",
        "--port", String.valueOf(io.agentscale.metrics.RealPrometheus.freePort())));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile())
        .start();
  }

  String awaitLine(Process p, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      String log = Files.readString(dir.resolve("out.log"));
      if (log.contains(text)) {
        return log;
      }
      assertThat(p.isAlive()).as(log).isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError("no \"" + text + "\" in " + Files.readString(dir.resolve("out.log")));
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
}
