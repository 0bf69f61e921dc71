package io.agentscale.cli;

import io.agentscale.profile.Examples;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.agentscale.synth.AtomicFolder;

/** Exit codes, the atomic-write guarantee, and the CLIs users type. */
class CliTest {

  @Test
  void exitCodesAreZeroForValidOneForInvalidTwoForUsage(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "agent:\n  name: x\n");

    assertThat(Tool.run("validate", Examples.DENTAL)).isZero();
    assertThat(Tool.run("validate", bad.toString())).isEqualTo(1);
    assertThat(Tool.run("synth", "--no-such-flag")).isEqualTo(2);
    assertThat(Tool.run("plan", Examples.DENTAL, "--format", "json")).isZero();
    assertThat(Tool.run("--version")).isZero();
  }

  @Test
  void aFailingProfileLeavesEarlierOutputByteIdentical(@TempDir Path dir) throws Exception {
    Path profile = dir.resolve("p.yaml");
    Files.copy(Examples.file("dental-receptionist"), profile);
    Path out = dir.resolve("out");
    assertThat(Tool.run("synth", profile.toString(), "--out", out.toString(), "--only", "livekit")).isZero();
    Path written = out.resolve("dental-receptionist/livekit-cloud.yaml");
    byte[] before = Files.readAllBytes(written);

    Files.writeString(profile, Files.readString(profile).replace("max_workers: 50", "max_workers: 1"));
    int exit = Tool.run("synth", profile.toString(), "--out", out.toString(), "--only", "livekit");

    assertThat(exit).isEqualTo(1);
    assertThat(Files.readAllBytes(written)).isEqualTo(before);
    try (var left = Files.list(out)) {
      assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("dental-receptionist");
    }
  }

  @Test
  void aFileWhereTheOutputFolderGoesIsAnErrorAndKept(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    Path file = Files.writeString(out.resolve("dental-receptionist"), "mine");
    // (kubernetes: the cluster's folder would be written too)
    assertThat(Tool.run("synth", Examples.DENTAL, "--out", out.toString(), "--only", "kubernetes"))
        .isEqualTo(1);
    assertThat(Files.readString(file)).isEqualTo("mine");
    try (var left = Files.list(out)) {
      assertThat(left.map(p -> p.getFileName().toString()).toList()).as("nothing else written either")
          .containsExactly("dental-receptionist");
    }
  }

  @Test
  void outputFoldersFollowTheUsersUmask(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    assertThat(Tool.run("synth", Examples.DENTAL, "--out", out.toString(), "--only", "livekit"))
        .isZero();
    var mode = Files.getPosixFilePermissions(out.resolve("dental-receptionist"));
    var fresh = Files.getPosixFilePermissions(Files.createDirectory(dir.resolve("plain")));
    assertThat(mode).isEqualTo(fresh);
  }

  @Test
  void anErrorFindingIsPrintedAsAFindingNotAsAFieldProblem(@TempDir Path dir) throws Exception {
    Path profile = dir.resolve("p.yaml");
    Files.writeString(profile, Files.readString(Examples.file("dental-receptionist"))
        + "kubernetes:\n  grace_period: 300s\n  drain_timeout: 300s\n");
    var r = SimulateCommandTest.run("validate", profile.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains(profile + ": 1 problem\n  error drain-outside-grace: kubernetes.drain_timeout 300s "
        + "does not end inside kubernetes.grace_period 300s");
  }

  @Test
  void aBrokenProfileLeavesItsClusterFolderAsItWasAndWritesTheOthers(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("stacks"));
    Path dental = Files.copy(Path.of(Examples.DENTAL), dir.resolve("stacks/dental-receptionist.yaml"));
    Path pizza = Files.copy(Path.of(Examples.PIZZA), dir.resolve("stacks/pizza-orders.yaml"));
    Path out = dir.resolve("out");
    assertThat(Tool.run("synth", dental.toString(), pizza.toString(), "--out", out.toString(), "--only", "kubernetes"))
        .isZero();
    Path clusterManifests = out.resolve("cluster-voice-agents/kubernetes/cluster-voice-agents.k8s.yaml");
    String before = Files.readString(clusterManifests);
    assertThat(before).contains("name: pizza");

    Files.writeString(pizza, "agent:\n  name: pizza-orders\n  scaling: [\n");
    Files.writeString(dental, Files.readString(dental).replace("max_workers: 50", "max_workers: 40"));
    var r = SimulateCommandTest.run("synth", dental.toString(), pizza.toString(), "--out", out.toString(), "--only",
        "kubernetes");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("cluster-voice-agents left as they were: a profile above could not be read");
    assertThat(Files.readString(clusterManifests)).as("the pizza namespace stays").isEqualTo(before);
    assertThat(Files.readString(out.resolve("dental-receptionist/kubernetes/dental-receptionist.k8s.yaml")))
        .contains("maxReplicas: 40");
  }

  @Test
  void controlCharactersFromAFileNeverReachTheTerminalRaw() {
    assertThat(io.agentscale.synth.CheckedProfile.printable("got 'a\u001b[31mb\u202ec'"))
        .isEqualTo("got 'a\\u001B[31mb\\u202Ec'");
  }

  @Test
  void hpaStepSaysWhatIsWrongWithTheJsonNotWhichLibrarySettingWouldAllowIt() {
    assertThat(HpaStepCommand.jsonProblem("Trailing token (of type START_OBJECT) found after value (bound as "
        + "`com.fasterxml.jackson.databind.JsonNode`): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`"))
        .isEqualTo("more than one JSON value: give one object");
    assertThat(HpaStepCommand.jsonProblem("Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` "
        + "to allow")).isEqualTo("NaN and Infinity are not JSON numbers: give a number");
  }

  @Test
  void anEmptyOnlyOrOutIsAUsageError(@TempDir Path dir) {
    assertThat(Tool.run("synth", Examples.DENTAL, "--only", ",", "--out", dir.resolve("o").toString())).isEqualTo(2);
    assertThat(Tool.run("synth", Examples.DENTAL, "--out", "")).isEqualTo(2);
    assertThat(Tool.run("simulate", Examples.DENTAL, "--scenario", "monday-morning", "--report", "")).isEqualTo(2);
    // a usage error is one before any file is read
    assertThat(Tool.run("simulate", dir.resolve("missing.yaml").toString(), "--scenario", "nope")).isEqualTo(2);
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void synthPrintsTheWarningsItSynthesizedPast(@TempDir Path dir) {
    var r = SimulateCommandTest.run("synth", Examples.DENTAL, "--out", dir.toString(), "--only",
        "livekit");
    assertThat(r.exit()).isZero();
    assertThat(r.err()).startsWith("stacks/dental-receptionist.yaml: valid, ")
        .contains("  warning buffer-below-provisioning-burst: ");
    assertThat(r.out()).contains("stacks/dental-receptionist.yaml -> ");
  }

  @Test
  void twoProfilesWithOneAgentNameNameBothFilesAndWriteNothing(@TempDir Path dir) throws Exception {
    Path copy = Files.copy(Examples.file("dental-receptionist"), dir.resolve("copy.yaml"));
    var r = SimulateCommandTest.run("synth", Examples.DENTAL, copy.toString(), "--out",
        dir.resolve("out").toString(), "--only", "livekit");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("agent.name: 'dental-receptionist' names both stacks/dental-receptionist.yaml and "
        + copy);
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void onlyReplacesTheNamedOutputsAndKeepsTheOthers(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    assertThat(Tool.run("synth", Examples.DENTAL, "--out", out.toString())).isZero();
    Path template = out.resolve("dental-receptionist/aws/dental-receptionist-agents.template.json");
    byte[] before = Files.readAllBytes(template);

    assertThat(Tool.run("synth", Examples.DENTAL, "--out", out.toString(), "--only", "livekit"))
        .isZero();
    assertThat(Files.readAllBytes(template)).isEqualTo(before);
    assertThat(out.resolve("dental-receptionist/kubernetes/dental-receptionist.k8s.yaml")).exists();
    assertThat(out.resolve("cluster-voice-agents/aws/voice-agents-cluster.template.json")).exists();
  }

  @Test
  void aFailingSynthesisStepLeavesEarlierOutputInPlace(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    Path target = out.resolve("x");
    Files.createDirectories(target);
    Files.writeString(target.resolve("keep.txt"), "good");

    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> AtomicFolder.replace(target, staging -> {
          Files.writeString(staging.resolve("half.txt"), "half");
          throw new IllegalStateException("boom");
        }));

    assertThat(e).hasMessage("boom");
    assertThat(Files.readString(target.resolve("keep.txt"))).isEqualTo("good");
    try (var left = Files.list(out)) {
      assertThat(left.toList()).containsExactly(target);
    }
  }

  @Test
  void npxCdkSynthRunsTheAppEndToEnd(@TempDir Path dir) throws Exception {
    assertThat(Path.of("node_modules/.bin/cdk")).as("run npm ci first").exists();
    var pb = new ProcessBuilder(List.of("npx", "--no-install", "cdk", "synth", "--quiet", "-o", dir.toString()))
        .redirectErrorStream(true);
    pb.environment().put("CDK_VALIDATION", "false");
    var process = pb.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    for (String name : new String[] {"dental-receptionist", "pizza-orders", "crisis-hotline"}) {
      assertThat(dir.resolve(name + "-agents.template.json")).exists();
    }
  }

  @Test
  void npxCdk8sSynthWritesEveryProfilesManifests(@TempDir Path dir) throws Exception {
    assertThat(Path.of("node_modules/.bin/cdk8s")).as("run npm ci first").exists();
    var process = new ProcessBuilder(List.of("npx", "--no-install", "cdk8s", "synth", "-o", dir.toString()))
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(Files.readString(dir.resolve("dental-receptionist.k8s.yaml")))
        .isEqualTo(Files.readString(Path.of("synth-tests/dental-receptionist/kubernetes/dental-receptionist.k8s.yaml")));
    assertThat(Files.readString(dir.resolve("cluster-voice-agents.k8s.yaml"))).isEqualTo(Files.readString(
        Path.of("synth-tests/cluster-voice-agents/kubernetes/cluster-voice-agents.k8s.yaml")));
  }
}
