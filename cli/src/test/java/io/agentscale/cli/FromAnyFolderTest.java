package io.agentscale.cli;

import io.agentscale.profile.Examples;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI run in a user's folder (a new JVM whose working folder is a temporary one, as {@code ./agentscale} starts it):
 * every path resolves there, the default {@code stacks/} and {@code dist/} too, never in this checkout.
 */
class FromAnyFolderTest {
  @TempDir Path home;

  record Result(int exit, String stdout, String stderr) {}

  Result run(Path folder, String... args) throws Exception {
    var command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), Tool.class.getName()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    int exit = new ProcessBuilder(command).directory(folder.toFile()).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start().waitFor();
    return new Result(exit, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  Path repo() throws Exception {
    Path repo = Files.createDirectories(home.resolve("repo"));
    Files.createDirectories(repo.resolve("stacks"));
    return repo;
  }

  @Test
  void validateReadsTheFileInTheUsersFolderNotTheBundledOne() throws Exception {
    Path repo = repo();
    String dental = Files.readString(Examples.file("dental-receptionist"));
    Files.writeString(repo.resolve(Examples.DENTAL), dental.replace("max_workers: 50", "max_workers: 1"));
    Files.writeString(repo.resolve("mine.yaml"), dental);

    var broken = run(repo, "validate", Examples.DENTAL);
    assertThat(broken.exit()).isEqualTo(1);
    assertThat(broken.stdout() + broken.stderr()).contains("agent.scaling.max_workers");

    var mine = run(repo, "validate", "mine.yaml");
    assertThat(mine.exit()).isZero();
    assertThat(mine.stdout()).startsWith("mine.yaml: valid");

    // a result printed without a final newline reaches stdout before the JVM exits
    var plan = run(repo, "plan", "mine.yaml", "--format", "json");
    assertThat(plan.stdout().strip()).startsWith("{").contains("\"profile\" : \"dental-receptionist\"").endsWith("}");
  }

  @Test
  void synthWithoutArgumentsUsesTheUsersStacksAndDist() throws Exception {
    Path repo = repo();
    String dental = Files.readString(Examples.file("dental-receptionist"));
    Files.writeString(repo.resolve("stacks/booking.yaml"), dental.replace("name: dental-receptionist", "name: booking"));

    var synth = run(repo, "synth", "--only", "livekit");
    assertThat(synth.exit()).as(synth.stderr()).isZero();
    assertThat(repo.resolve("dist/booking/livekit-cloud.yaml")).exists();
    try (var written = Files.list(repo.resolve("dist"))) {
      assertThat(written.map(p -> p.getFileName().toString()).toList()).containsExactly("booking");
    }
  }

  @Test
  void aFolderWithoutStacksIsAOneLineErrorNamingTheFix() throws Exception {
    Path empty = Files.createDirectories(home.resolve("empty"));
    var synth = run(empty, "synth");
    assertThat(synth.exit()).isEqualTo(1);
    assertThat(synth.stderr().lines().toList()).singleElement().asString()
        .startsWith("agentscale synth: no stacks/ folder in " + empty.toRealPath())
        .contains("agentscale init");
    assertThat(empty.resolve("dist")).doesNotExist();
  }

  @Test
  void watchingAProfileInAMissingFolderIsAOneLineError() throws Exception {
    Path repo = repo();
    var watch = run(repo, "synth", "--watch", "nowhere/p.yaml");
    assertThat(watch.exit()).isEqualTo(1);
    assertThat(watch.stderr().lines().toList()).singleElement().asString()
        .startsWith("agentscale synth: cannot watch nowhere/p.yaml: its folder").contains("does not exist");
  }
}
