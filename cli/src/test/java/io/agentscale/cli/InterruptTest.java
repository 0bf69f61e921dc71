package io.agentscale.cli;

import io.agentscale.profile.Examples;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT and SIGTERM during {@code synth}, sent to a real JVM at several moments: one line on stderr, exit 128 + the
 * signal, no staging or scratch folder left, and each output folder either the earlier one or the new one, whole.
 */
class InterruptTest {
  @TempDir Path dir;

  /** {@code java … Tool ARGS} in a new JVM with its own temporary folder, its stderr to a file. */
  Process start(Path tmp, Path stderr, String... args) throws Exception {
    var command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), Tool.class.getName()));
    command.addAll(List.of(args));
    var pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(stderr.toFile());
    pb.environment().put("TMPDIR", tmp.toString()); // where Node, and so the jsii kernel, unpacks
    return pb.start();
  }

  static List<String> names(Path folder) throws Exception {
    try (Stream<Path> all = Files.list(folder)) {
      return all.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static String tree(Path folder) throws Exception {
    var text = new StringBuilder();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
        text.append(folder.relativize(f)).append('\n').append(Files.readString(f));
      }
    }
    return text.toString();
  }

  @Test
  void aSignalAtAnyMomentLeavesOneLineAndWholeFolders() throws Exception {
    Path profile = dir.resolve("p.yaml");
    Files.copy(Examples.file("dental-receptionist"), profile);
    Path out = dir.resolve("out");
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path log = dir.resolve("stderr.txt");
    assertThat(start(tmp, log, "synth", profile.toString(), "--out", out.toString()).waitFor()).isZero();
    String before = tree(out.resolve("dental-receptionist"));
    Files.writeString(profile, Files.readString(profile).replace("max_workers: 50", "max_workers: 40"));

    var exits = new ArrayList<Integer>();
    for (long delayMs : new long[] {300, 1200, 2400, 3200, 4000}) {
      String signal = exits.size() % 2 == 0 ? "INT" : "TERM";
      Process synth = start(tmp, log, "synth", profile.toString(), "--out", out.toString());
      Thread.sleep(delayMs);
      new ProcessBuilder("kill", "-" + signal, Long.toString(synth.pid())).start().waitFor();
      assertThat(synth.waitFor(60, TimeUnit.SECONDS)).as("stops after SIG" + signal).isTrue();
      int exit = synth.exitValue();
      exits.add(exit);
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
          .filter(l -> !l.startsWith(profile + ": valid") && !l.startsWith("  warning ")).toList(); // the findings

      if (exit == 0) { // finished before the signal
        assertThat(lines).isEmpty();
      } else {
        assertThat(exit).isEqualTo(signal.equals("INT") ? 130 : 143);
        // (none when the signal came before the JVM had started the command: nothing was written then)
        assertThat(lines).hasSizeLessThanOrEqualTo(1)
            .allMatch(l -> l.startsWith("agentscale: stopped by SIG" + signal + "; unfinished output removed"));
      }
      assertThat(names(out)).as("no staging folder beside the outputs")
          .containsExactly("cluster-voice-agents", "dental-receptionist");
      // (the jsii host removes its own folder as it exits, which may be a moment after the JVM)
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!names(tmp).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(names(tmp)).as("no scratch folder left, the jsii kernel's included").isEmpty();
      String now = tree(out.resolve("dental-receptionist"));
      if (!now.equals(before)) {
        assertThat(now).contains("max_workers: 40").doesNotContain("max_workers: 50");
      }
    }
    assertThat(exits).as("at least one run was interrupted").anyMatch(e -> e != 0);
  }
}
