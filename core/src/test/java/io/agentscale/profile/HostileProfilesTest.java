package io.agentscale.profile;

import static io.agentscale.profile.InvalidProfilesTest.SEED;
import static io.agentscale.profile.InvalidProfilesTest.seedPlus;
import static io.agentscale.profile.InvalidProfilesTest.seedWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a careless or hostile file gets: what is read is what was written, or a problem that says so. */
class HostileProfilesTest {

  static List<String> paths(ProfileLoader.Result r) {
    return r.problems().stream().map(Problem::path).toList();
  }

  @Test
  void anAliasIsRefusedNotReadAsTheAnchorsName() {
    var r = ProfileLoader.parse("x: &n dental\n" + SEED.replace("name: dental-receptionist", "name: *n"));
    assertThat(r.valid()).isFalse();
    assertThat(r.problems()).singleElement().isEqualTo(new Problem("line 3",
        "YAML aliases are not supported in profiles: write the value out instead of *n"));
  }

  @Test
  void anAliasBombIsRefusedAtOnce() {
    var bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'z'; c++) {
      char p = (char) (c - 1);
      bomb.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p).append(", *")
          .append(p).append(", *").append(p).append("]\n");
    }
    var r = ProfileLoader.parse(bomb + SEED);
    assertThat(r.valid()).isFalse();
    assertThat(r.problems()).isNotEmpty().allMatch(p -> p.path().startsWith("line "));
  }

  @Test
  void textAfterADocumentEndMarkerIsAnErrorNotDropped() {
    var r = ProfileLoader.parse(SEED + "...\nkubernetes:\n  image: 'NOT VALID'\n");
    assertThat(r.problems()).singleElement().isEqualTo(new Problem("line 12",
        "text after the document end marker '...' (line 11) would be ignored: remove the marker or what follows it"));
  }

  @Test
  void aSecondDocumentIsAnErrorNamingItsLine() {
    var r = ProfileLoader.parse(SEED + "---\nagent:\n  name: other\n");
    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("line 12");
      assertThat(p.message()).startsWith("a second YAML document: a profile file holds one");
    });
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      scale_down_delay: 300s | scale_down_delay: 18446744073709551916 | agent.scaling.scale_down_delay | is too long (at most 31536000s), got 18446744073709551916
      scale_down_delay: 300s | scale_down_delay: 99999999999999999999s | agent.scaling.scale_down_delay | is too long (at most 31536000s), got '99999999999999999999s'
      warmup_time: 30s | warmup_time: 9999999999h | agent.scaling.warmup_time | is too long (at most 31536000s), got '9999999999h'
      min_workers: 2 | min_workers: 99999999999 | agent.scaling.min_workers | is out of range (1 .. max_workers), got 99999999999
      max_workers: 50 | max_workers: -99999999999999999999 | agent.scaling.max_workers | is out of range (min_workers .. 1000), got -99999999999999999999
      scale_up_threshold: 0.8 | scale_up_threshold: 1e400 | agent.scaling.scale_up_threshold | write the number in plain decimal, such as 50 or 0.8 (YAML would read '1e400' as something else), got '1e400'
      max_workers: 50 | max_workers: 062 | agent.scaling.max_workers | write the number in plain decimal, such as 50 or 0.8 (YAML would read '062' as something else), got '062'
      max_workers: 50 | max_workers: 0x32 | agent.scaling.max_workers | write the number in plain decimal, such as 50 or 0.8 (YAML would read '0x32' as something else), got '0x32'
      max_workers: 50 | max_workers: 5_0 | agent.scaling.max_workers | write the number in plain decimal, such as 50 or 0.8 (YAML would read '5_0' as something else), got '5_0'
      scale_up_threshold: 0.8 | scale_up_threshold: .nan | agent.scaling.scale_up_threshold | write the number in plain decimal, such as 50 or 0.8 (YAML would read '.nan' as something else), got '.nan'
      scale_up_threshold: 0.8 | scale_up_threshold: 1.0000000000000001 | agent.scaling.scale_up_threshold | has more digits than a profile number holds (about 15), got '1.0000000000000001'
      """)
  void numbersOutOfRangeQuoteWhatWasWrittenUnderItsOwnKey(String line, String replacement, String path,
      String message) {
    var r = ProfileLoader.parse(seedWith(line, replacement));
    assertThat(r.problems()).as("only the key the user wrote").singleElement()
        .isEqualTo(new Problem(path, message));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Registry.example.com/Agent:1", "agent:", "agent:1 extra", "agent@sha256:abc",
      "registry.example.com//agent", "-agent", "agent:tag@sha256", "http://registry/agent", "host:99999/a:1",
      "host:0/a:1"})
  void anImageOutsideTheReferenceGrammarIsAProblem(String image) {
    var r = ProfileLoader.parse(seedPlus("kubernetes:\n  image: '" + image + "'\n"));
    assertThat(paths(r)).containsExactly("kubernetes.image");
    assertThat(r.problems().get(0).message()).endsWith("got '" + image + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"agent", "ghcr.io/acme/agent:v1.2.3", "localhost:5000/a/b_c/d-e:latest",
      "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent@sha256:"
          + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      "[::1]:5000/agent:1", "docker.io/library/python:3.12-slim"})
  void referencesInTheGrammarAreAccepted(String image) {
    assertThat(ProfileLoader.parse(seedPlus("kubernetes:\n  image: '" + image + "'\n")).problems()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      http://                               | Expected authority at index 7
      ftp://prometheus:9090                 | the scheme must be http or https
      http://prometheus:99999               | the port must be 1 to 65535
      http://admin:secret@prometheus:9090   | credentials do not belong in the URL
      http://prometheus:9090/?q=up          | the adapter adds its own query: remove '?' and '#' parts
      http://prom etheus:9090               | only printable ASCII: write an international host name in its xn-- form
      prometheus:9090                       | the scheme must be http or https
      http://prometheus:0                   | the port must be 1 to 65535
      http://prometheus:-1                  | the port must be 1 to 65535
      http://prometheus\u202e:9090          | only printable ASCII: write an international host name in its xn-- form
      """)
  void aPrometheusUrlIsParsedAndChecked(String url, String why) {
    var r = ProfileLoader.parse(seedPlus("metrics:\n  prometheus_url: '" + url + "'\n"));
    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("metrics.prometheus_url");
      assertThat(p.message()).contains("(" + why + ")").endsWith("got '" + url + "'");
    });
  }

  @Test
  void aMissingFileAFolderAndEndlessInputAreNamedProblems(@TempDir Path dir) {
    assertThat(ProfileLoader.read(dir.resolve("nope.yaml")).problems()).singleElement()
        .satisfies(p -> assertThat(p.message()).startsWith("no such file (check the path; it is read from "));
    assertThat(ProfileLoader.read(dir).problems()).singleElement()
        .satisfies(p -> assertThat(p.message()).isEqualTo("is a folder, not a profile file: name a .yaml file in it"));
    assertThat(ProfileLoader.read(Path.of("/dev/zero")).problems()).singleElement()
        .satisfies(p -> assertThat(p.message()).startsWith("is larger than 1024 KiB"));
  }

  @Test
  void utf8WithOrWithoutAMarkAndUtf16AreReadUtf32AndBrokenBytesAreRefusedByName(@TempDir Path dir)
      throws Exception {
    byte[] utf8 = SEED.getBytes(StandardCharsets.UTF_8);
    assertThat(readBytes(dir, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8)).valid()).isTrue();
    assertThat(readBytes(dir, concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, SEED.getBytes(StandardCharsets.UTF_16LE)))
        .valid()).isTrue();
    assertThat(readBytes(dir, SEED.getBytes(StandardCharsets.UTF_16BE)).valid()).isTrue();
    assertThat(readBytes(dir, SEED.getBytes(StandardCharsets.UTF_16LE)).valid()).isTrue();
    assertThat(readBytes(dir, concat(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF}, SEED.getBytes(
        java.nio.charset.Charset.forName("UTF-32BE")))).problems()).singleElement()
        .satisfies(p -> assertThat(p.message()).isEqualTo("is UTF-32 text: save it as UTF-8"));
    assertThat(readBytes(dir, SEED.getBytes(java.nio.charset.Charset.forName("UTF-32LE"))).problems()).singleElement()
        .satisfies(p -> assertThat(p.message()).isEqualTo("is UTF-32 text: save it as UTF-8"));
    assertThat(readBytes(dir, concat(utf8, new byte[] {(byte) 0xC3, (byte) 0x28})).problems()).singleElement()
        .satisfies(p -> assertThat(p.message()).isEqualTo("is not valid UTF-8 text: save it as UTF-8"));
  }

  static ProfileLoader.Result readBytes(Path dir, byte[] bytes) throws Exception {
    Path f = Files.createTempFile(dir, "p", ".yaml");
    Files.write(f, bytes);
    return ProfileLoader.read(f);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void aSuppressionNeedsARuleAndAReasonEachUnderItsPath() {
    var r = ProfileLoader.parse(seedPlus("suppressions:\n  - {rule: threshold-drop-rate}\n  - {reason: ok, rul: x}\n"
        + "  - {rule: threshold-drop-rate, reason: twice}\n"));
    assertThat(r.problems()).containsExactlyInAnyOrder(
        new Problem("suppressions[0].reason",
            "is required: say why the finding is accepted (a load-test result, a decision)"),
        new Problem("suppressions[1].rul", "unknown key; did you mean 'rule'?"),
        new Problem("suppressions[1].rule", "is required: the id of the finding to suppress, as plan prints it"),
        new Problem("suppressions[2].rule", "suppresses 'threshold-drop-rate' a second time: keep one entry"));
  }

  @Test
  void anImageNameLongerThanTheGrammarAllowsIsAProblem() {
    String image = "registry.example.com/" + "a".repeat(240) + ":1";
    var r = ProfileLoader.parse(seedPlus("kubernetes:\n  image: '" + image + "'\n"));
    assertThat(paths(r)).containsExactly("kubernetes.image");
  }

  @Test
  void aDecimalBeyondTheDoubleRangeIsAProblemNotAnException() {
    String huge = "1" + "0".repeat(400) + ".5";
    var r = ProfileLoader.parse(seedWith("scale_up_threshold: 0.8", "scale_up_threshold: " + huge));
    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("agent.scaling.scale_up_threshold");
      assertThat(p.message()).startsWith("has more digits than a profile number holds");
    });
  }
}
