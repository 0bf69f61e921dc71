package io.agentscale.metrics;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Debian's real Prometheus for the tests, on loopback only: found, started and waited for in one place. */
public final class RealPrometheus {
  private RealPrometheus() {}

  /** The binary; skips the test without one, and fails it when CI=true (.ci/run installs it). */
  public static Path binary() {
    for (String candidate : List.of("/usr/bin/prometheus", "/usr/local/bin/prometheus")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    String message = "needs a real Prometheus: apt-get install prometheus (.ci/run does)";
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError(message);
    }
    Assumptions.abort(message);
    return null;
  }

  /** Starts it with {@code config} in {@code dir} on 127.0.0.1:{@code port} and waits up to 30 s for /-/ready. */
  public static Process start(Path binary, Path dir, String config, int port) throws IOException, InterruptedException {
    Path file = Files.writeString(dir.resolve("prometheus.yml"), config, StandardCharsets.UTF_8);
    Path log = dir.resolve("prometheus.log");
    var process = new ProcessBuilder(binary.toString(), "--config.file=" + file,
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    var http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        var ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return process;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    process.destroyForcibly();
    throw new AssertionError("Prometheus did not become ready:\n" + Files.readString(log));
  }

  /** Stops it, forcibly after 10 s. */
  public static void stop(Process prometheus) throws InterruptedException {
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly().waitFor();
      }
    }
  }

  public static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
