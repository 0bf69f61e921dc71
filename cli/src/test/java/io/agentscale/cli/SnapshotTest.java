package io.agentscale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.agentscale.synth.Synthesizer;
import io.agentscale.synth.CheckedProfile;
import io.agentscale.synth.AtomicFolder;

/**
 * Every example profile's outputs, byte for byte against {@code synth-tests/NAME/}. Regenerate deliberately with
 * {@code mvn test -Dgolden.update=true}, which is refused when CI=true; then read the diff before committing.
 */
class SnapshotTest {
  static final Path GOLDEN = Path.of("synth-tests");
  @TempDir static Path out;

  @BeforeAll
  static void synthesizeEveryExample() {
    var err = new ByteArrayOutputStream();
    boolean ok = new Synthesizer(List.of(Synthesizer.Output.values()))
        .run(CheckedProfile.bundled(), out, new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(err, true));
    assertThat(ok).as(err.toString()).isTrue();
  }

  @Test
  void outputsMatchTheGoldenFiles() throws Exception {
    boolean update = Boolean.getBoolean("golden.update");
    if (update && "true".equals(System.getenv("CI"))) {
      fail("golden.update is refused when CI=true: regenerate locally and review the diff");
    }
    var produced = files(out);
    if (update) {
      AtomicFolder.replace(GOLDEN, staging -> copyTree(out, staging));
      return;
    }
    assertThat(files(GOLDEN)).as("golden files (regenerate with -Dgolden.update=true)").isEqualTo(produced);
    for (Path relative : produced) {
      assertThat(Files.readString(out.resolve(relative.toString())))
          .as("%s differs from its golden file; review, then regenerate with -Dgolden.update=true", relative)
          .isEqualTo(Files.readString(GOLDEN.resolve(relative.toString())));
    }
  }

  @Test
  void synthesisIsDeterministic(@TempDir Path again) throws IOException {
    new Synthesizer(List.of(Synthesizer.Output.values()))
        .run(CheckedProfile.bundled(), again, new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(System.err, true));
    for (Path relative : files(out)) {
      assertThat(Files.readAllBytes(again.resolve(relative.toString())))
          .as(relative.toString()).isEqualTo(Files.readAllBytes(out.resolve(relative.toString())));
    }
  }

  static TreeSet<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(root::relativize).collect(
          java.util.stream.Collectors.toCollection(TreeSet::new));
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    for (Path relative : files(from)) {
      Path target = to.resolve(relative.toString());
      Files.createDirectories(target.getParent());
      Files.copy(from.resolve(relative.toString()), target);
    }
  }
}
