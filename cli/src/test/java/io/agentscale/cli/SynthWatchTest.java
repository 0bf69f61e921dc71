package io.agentscale.cli;

import io.agentscale.profile.Examples;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.agentscale.synth.Synthesizer;

/** {@code synth --watch}: a changed profile is written again; a broken one leaves the last good output in place. */
class SynthWatchTest {
  @TempDir Path dir;
  Path profile;
  Path out;

  @BeforeEach
  void copyTheDentalProfile() throws java.io.IOException {
    profile = dir.resolve("p.yaml");
    Files.copy(Examples.file("dental-receptionist"), profile);
    out = dir.resolve("out");
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  static String read(Path f) {
    try {
      return Files.exists(f) ? Files.readString(f) : "";
    } catch (java.io.IOException e) {
      return "";
    }
  }

  /** Starts {@code synth --watch} of one profile on a thread; interrupting the thread stops it. */
  Thread watch(List<Synthesizer.Output> outputs, ByteArrayOutputStream stdout, ByteArrayOutputStream stderr) {
    var synthesizer = new Synthesizer(outputs);
    Thread watcher = new Thread(() -> {
      try {
        synthesizer.watch(List.of(profile), false, out, new java.io.PrintWriter(new java.io.OutputStreamWriter(stdout, StandardCharsets.UTF_8), true),
            new java.io.PrintWriter(new java.io.OutputStreamWriter(stderr, StandardCharsets.UTF_8), true));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    watcher.start();
    return watcher;
  }

  @Test
  void aChangedProfileIsSynthesizedAgainAndABrokenOneChangesNothing() throws Exception {
    Path yaml = out.resolve("dental-receptionist/livekit-cloud.yaml");
    var stdout = new ByteArrayOutputStream();
    var stderr = new ByteArrayOutputStream();
    Thread watcher = watch(List.of(Synthesizer.Output.livekit), stdout, stderr);
    try {
      await(() -> stdout.toString(StandardCharsets.UTF_8).contains("watching"), "the first synth");
      assertThat(read(yaml)).contains("max_workers: 50");

      Files.writeString(profile, Files.readString(profile).replace("max_workers: 50", "max_workers: 40"));
      await(() -> read(yaml).contains("max_workers: 40"), "the re-synth");
      await(() -> stdout.toString(StandardCharsets.UTF_8).contains("re-synthesized"), "the report line");

      int resyntheses = count(stdout, "re-synthesized");
      Files.writeString(profile, Files.readString(profile).replace("max_workers: 40", "max_workers: 1"));
      await(() -> stderr.toString(StandardCharsets.UTF_8).contains("nothing written"), "the rejection");
      await(() -> stdout.toString(StandardCharsets.UTF_8).contains("nothing written; still watching"), "the note");
      assertThat(read(yaml)).contains("max_workers: 40");
      assertThat(count(stdout, "re-synthesized")).as("said only when something was written").isEqualTo(resyntheses);
      try (var left = Files.list(out)) {
        assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("dental-receptionist");
      }

      // a file that is not YAML at all, then one that is gone: the watch goes on and the next good edit is written
      Files.writeString(profile, "\u0000{{{: [");
      Files.delete(profile);
      Files.writeString(profile, Files.readString(Examples.file("dental-receptionist"))
          .replace("max_workers: 50", "max_workers: 30"));
      await(() -> read(yaml).contains("max_workers: 30"), "the re-synth after the broken edits");
      assertThat(watcher.isAlive()).isTrue();
    } finally {
      watcher.interrupt();
      watcher.join(5000);
    }
    assertThat(watcher.isAlive()).as("stops when interrupted").isFalse();
  }

  @Test
  void anEditOutsideTheAwsInputsKeepsTheTemplateAndAnEditInsideSynthesizesItAgain() throws Exception {
    Path template = out.resolve("dental-receptionist/aws/dental-receptionist-agents.template.json");
    Path manifests = out.resolve("dental-receptionist/kubernetes/dental-receptionist.k8s.yaml");
    var stdout = new ByteArrayOutputStream();
    Thread watcher = watch(List.of(Synthesizer.Output.aws, Synthesizer.Output.kubernetes), stdout,
        new ByteArrayOutputStream());
    try {
      await(() -> stdout.toString(StandardCharsets.UTF_8).contains("watching"), "the first synth and warm-up");
      assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("warmed up: " + Synthesizer.WARM_UP_ROUNDS);
      String firstTemplate = read(template);
      assertThat(firstTemplate).contains("\"MaxSize\": 5"); // zone 1 of 9 nodes over two zones
      assertThat(read(manifests)).contains("averageValue: \"4\"");

      // the HPA target is not an AWS input: the manifests change, the template is kept
      Files.writeString(profile, Files.readString(profile).replace("scale_up_threshold: 0.8", "scale_up_threshold: 0.6"));
      await(() -> read(manifests).contains("averageValue: \"3\""), "the manifests for the new threshold");
      await(() -> stdout.toString(StandardCharsets.UTF_8).lines().anyMatch(ClusterKept::keptAws), "the report");
      assertThat(read(template)).isEqualTo(firstTemplate);

      // max_workers sizes the node group: both are synthesized again
      int resyntheses = count(stdout, "re-synthesized");
      Files.writeString(profile, Files.readString(profile).replace("max_workers: 50", "max_workers: 25"));
      await(() -> !read(template).contains("\"MaxSize\": 5") && !read(template).isEmpty(), "the new template");
      // (an editor's write can raise two events: the second finds the inputs unchanged and keeps both outputs)
      await(() -> stdout.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("re-synthesized"))
          .skip(resyntheses).anyMatch(l -> !ClusterKept.keptAws(l) && !l.contains("kept: kubernetes")),
          "a report line of a re-synthesis that kept neither the template nor the profile's manifests");
    } finally {
      watcher.interrupt();
      watcher.join(5000);
    }
  }

  /** The report of a re-synthesis that wrote the AWS templates again from memory. */
  static final class ClusterKept {
    static boolean keptAws(String line) {
      return line.contains("re-synthesized") && line.matches(".*kept: ([^)]*, )?aws(, [^)]*)?\\).*");
    }
  }

  static int count(ByteArrayOutputStream out, String text) {
    return (int) out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(text)).count();
  }
}
