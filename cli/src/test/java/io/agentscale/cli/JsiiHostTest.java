package io.agentscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-process jsii kernel host (cli/src/main/jsii-host/host.js) speaks jsii's protocol on stdin and stdout, the
 * way the Java runtime expects of bin/jsii-runtime.js. (Every synthesis test also runs through it: see the surefire
 * configuration in app/pom.xml.)
 */
class JsiiHostTest {
  static final Path HOST = Path.of("cli/target/jsii-host/host.js");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  Process host;
  Writer requests;
  BufferedReader responses;

  void start(boolean debug) throws Exception {
    var builder = new ProcessBuilder("node", "--preserve-symlinks", HOST.toString())
        .redirectError(dir.resolve("stderr.log").toFile());
    builder.environment().put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
    if (debug) {
      builder.environment().put("JSII_DEBUG", "1");
    }
    host = builder.start();
    requests = new java.io.OutputStreamWriter(host.getOutputStream(), StandardCharsets.UTF_8);
    responses = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
  }

  JsonNode send(String request) throws Exception {
    requests.write(request + "\n");
    requests.flush();
    return JSON.readTree(responses.readLine());
  }

  @AfterEach
  void stop() {
    if (host != null) {
      host.destroyForcibly();
    }
  }

  @Test
  void greetsWithTheVersionOfTheJavaRuntimeItWasBuiltFrom() throws Exception {
    var pom = new Properties();
    try (var in = software.amazon.jsii.JsiiEngine.class.getResourceAsStream(
        "/META-INF/maven/software.amazon.jsii/jsii-runtime/pom.properties")) {
      pom.load(in);
    }
    start(false);

    assertThat(JSON.readTree(responses.readLine()).path("hello").asText())
        .isEqualTo("@jsii/runtime@" + pom.getProperty("version"));
  }

  @Test
  void answersRequestsOnStdoutAndExitsCleanlyWhenAsked() throws Exception {
    start(false);
    responses.readLine(); // hello

    assertThat(send("{\"api\":\"stats\"}").path("ok").path("objectCount").asInt()).isZero();
    assertThat(send("{\"api\":\"naming\",\"assembly\":\"no-such-assembly\"}").path("error").asText())
        .contains("no-such-assembly");

    requests.write("{\"exit\":0}\n");
    requests.flush();
    assertThat(host.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(host.exitValue()).isZero();
    assertThat(responses.readLine()).as("nothing after the exit").isNull();
    assertThat(Files.readString(dir.resolve("stderr.log"))).isEmpty();
  }

  @Test
  void wrapsConsoleOutputTheWayTheJavaRuntimeUnwrapsIt() throws Exception {
    start(true); // the protocol is echoed with raw writes to fd 2, the kernel's own log with console.error
    responses.readLine();
    send("{\"api\":\"naming\",\"assembly\":\"no-such-assembly\"}");
    requests.write("{\"exit\":0}\n");
    requests.flush();
    assertThat(host.waitFor(10, TimeUnit.SECONDS)).isTrue();

    var lines = Files.readAllLines(dir.resolve("stderr.log"));
    var logged = new StringBuilder();
    for (String line : lines) {
      JsonNode wrapped = JSON.readTree(line); // every line is an envelope
      assertThat(wrapped.has("stderr")).as(line).isTrue();
      logged.append(new String(Base64.getDecoder().decode(wrapped.get("stderr").asText()), StandardCharsets.UTF_8));
    }
    assertThat(logged).contains("> {\"api\":\"naming\",\"assembly\":\"no-such-assembly\"}\n")
        .contains("[@jsii/kernel] naming no-such-assembly\n");
  }
}
