package io.agentscale.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.agentscale.profile.Defaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The worker snippets in worker/: they parse, README shows them verbatim, and they read what the Deployment sets. */
class WorkerSnippetsTest {
  static final Path PYTHON = Path.of("worker/python/agent_worker.py");
  static final Path NODE = Path.of("worker/node/agent_worker.mjs");

  @Test
  void thePythonSnippetCompiles(@TempDir Path cache) throws Exception {
    assumeTrue(runs("python3", "--version"), "python3 is not installed");

    // the byte code goes to a temporary folder, not beside the snippet
    var result = run(List.of("python3", "-m", "py_compile", PYTHON.toString()), "PYTHONPYCACHEPREFIX", cache);

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void theNodeSnippetPassesNodeCheck() throws Exception {
    assumeTrue(runs("node", "--version"), "node is not installed");

    var result = run(List.of("node", "--check", NODE.toString()), null, null);

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"worker/python/agent_worker.py", "worker/node/agent_worker.mjs"})
  void readmeShowsTheSnippetFileVerbatim(String file) throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String begin = "<!-- begin " + file + " -->\n";
    String end = "<!-- end " + file + " -->";
    assertThat(readme).contains(begin).contains(end);

    String block = readme.substring(readme.indexOf(begin) + begin.length(), readme.indexOf(end));
    String code = block.substring(block.indexOf('\n') + 1, block.lastIndexOf("```"));

    assertThat(code).isEqualTo(Files.readString(Path.of(file)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"worker/python/agent_worker.py", "worker/node/agent_worker.mjs"})
  void theSnippetReadsTheVariablesTheDeploymentSetsAndExportsTheGauge(String file) throws IOException {
    String code = Files.readString(Path.of(file));

    assertThat(code).contains("AGENT_SESSIONS_PER_WORKER", AgentWorkers.DRAIN_TIMEOUT_ENV, "AGENT_METRICS_PORT",
        Defaults.METRIC_NAME);
  }

  record Result(int exitCode, String output) {}

  private static Result run(List<String> command, String envName, Path envValue) throws Exception {
    var builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
    if (envName != null) {
      builder.environment().put(envName, envValue.toString());
    }
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished in time").isTrue();
    return new Result(p.exitValue(), output);
  }

  private static boolean runs(String... command) {
    try {
      return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
