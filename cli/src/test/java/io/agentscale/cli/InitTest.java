package io.agentscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentscale init} in an empty folder, then the CDK and cdk8s CLIs run there as a team would: they see that
 * folder's profiles only, never this checkout's examples.
 */
class InitTest {
  @TempDir Path repo;

  /** Runs a command in a folder; returns its stdout. */
  static String run(Path folder, String... command) throws Exception {
    Path stderr = Files.createTempFile("init-test", ".txt");
    var pb = new ProcessBuilder(command).directory(folder.toFile()).redirectError(stderr.toFile());
    pb.environment().put("CDK_VALIDATION", "false");
    var process = pb.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output + Files.readString(stderr)).isZero();
    Files.delete(stderr);
    return output;
  }

  static List<String> names(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void initWritesAValidStarterAndAppsThatReadOnlyThisFolder() throws Exception {
    assertThat(Tool.run("init", repo.toString(), "--name", "table-booking")).isZero();
    assertThat(names(repo)).containsExactly(".gitignore", "cdk.json", "cdk8s.yaml", "package.json", "stacks");
    assertThat(Tool.run("validate", repo.resolve("stacks/table-booking.yaml").toString())).isZero();
    var cdkJson = new ObjectMapper().readTree(repo.resolve("cdk.json").toFile());
    assertThat(cdkJson.get("app").asText())
        .isEqualTo("AGENTSCALE_MAIN=io.agentscale.cli.CdkMain '" + Install.home().resolve("agentscale") + "'");
    assertThat(cdkJson.get("context")).isEqualTo(new ObjectMapper().readTree(Path.of("cdk.json").toFile())
        .get("context"));

    String checkout = Install.home().toString();
    String stacks = run(repo, checkout + "/node_modules/.bin/cdk", "ls");
    assertThat(stacks.lines().filter(l -> !l.isBlank()).toList())
        .containsExactlyInAnyOrder("voice-agents-cluster", "table-booking-agents");

    run(repo, checkout + "/node_modules/.bin/cdk8s", "synth");
    assertThat(names(repo.resolve("cdk8s.out")))
        .containsExactly("cluster-voice-agents.k8s.yaml", "table-booking.k8s.yaml");
    assertThat(Files.readString(repo.resolve(".gitignore"))).contains("cdk8s.out/", "dist/", "cdk.out/");
  }

  @Test
  void initRefusesToOverwriteAndWritesNothing() throws Exception {
    Files.writeString(repo.resolve("cdk.json"), "{\"app\": \"mine\"}");
    assertThat(Tool.run("init", repo.toString())).isEqualTo(1);
    assertThat(names(repo)).containsExactly("cdk.json");
    assertThat(Files.readString(repo.resolve("cdk.json"))).isEqualTo("{\"app\": \"mine\"}");
  }

  @Test
  void aNameThatCannotNameAnAgentIsAUsageErrorNamingTheOption() throws Exception {
    assertThat(Tool.run("init", repo.toString(), "--name", "Table Booking")).isEqualTo(1);
    assertThat(names(repo)).isEmpty();
  }
}
