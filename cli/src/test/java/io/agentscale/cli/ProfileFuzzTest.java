package io.agentscale.cli;

import io.agentscale.profile.Examples;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.agentscale.plan.PlanReport;
import io.agentscale.profile.ProfileLoader;
import io.agentscale.profile.ProfileSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import io.agentscale.synth.Synthesizer;
import io.agentscale.synth.AtomicFolder;

/**
 * Mutations of valid profiles (values swapped for other types, edge numbers and odd strings; keys renamed, dropped or
 * added; raw text spliced in): the loader answers with a valid profile or problems that each name a path, never an
 * exception; a valid one plans without an exception; and synth writes nothing for an invalid one. Seeded, so CI
 * runs the same few hundred cases in a few seconds.
 */
class ProfileFuzzTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> BUNDLED = List.of(Examples.DENTAL, Examples.PIZZA,
      Examples.CRISIS);

  /** One change to a profile's tree: at a field path (existing or from the schema), do something. */
  record Mutation(String profile, String path, int action, JsonNode value, String rename) {}

  @Provide
  Arbitrary<JsonNode> values() {
    return Arbitraries.oneOf(
        Arbitraries.integers().edgeCases(c -> c.includeOnly(Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE))
            .map(i -> (JsonNode) NODES.numberNode(i)),
        Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, (long) Integer.MAX_VALUE + 1).map(l -> NODES.numberNode(l)),
        Arbitraries.of(new BigInteger("18446744073709551916"), new BigInteger("-99999999999999999999"))
            .map(b -> NODES.numberNode(b)),
        Arbitraries.of(0.0, -0.0, 1e-300, 1e300, Double.NaN, Double.POSITIVE_INFINITY, 0.5, 1.0000001)
            .map(d -> NODES.numberNode(d)),
        Arbitraries.strings().withCharRange('\u0000', '\u2000').ofMaxLength(40).map(s -> NODES.textNode(s)),
        Arbitraries.of("", " ", "300s", "1h30m", "99999999999999999999s", "-5m", "NEW", "spot", "*x", "&a", "|",
            "{{}}", "a\nb", "0x1p3", "5d", "true", "null", "~", "1e9", "http://[::1", "Ünïcödé", "\t")
            .map(s -> NODES.textNode(s)),
        Arbitraries.of(true, false).map(b -> NODES.booleanNode(b)),
        Arbitraries.just(NODES.nullNode()),
        Arbitraries.just(NODES.arrayNode().add(1).add("x")),
        Arbitraries.just(NODES.objectNode().put("k", 1)));
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    List<String> paths = ProfileSchema.FIELDS.stream().map(ProfileSchema.Field::path).toList();
    Arbitrary<Mutation> one = Combinators.combine(Arbitraries.of(BUNDLED), Arbitraries.of(paths),
        Arbitraries.integers().between(0, 3), values(),
        Arbitraries.strings().withCharRange('a', 'z').withChars('_', '.', ' ', '-').ofMinLength(1).ofMaxLength(12))
        .as(Mutation::new);
    return one.list().ofMinSize(1).ofMaxSize(4);
  }

  static String mutate(List<Mutation> mutations) throws Exception {
    var root = (ObjectNode) YAML.readTree(Files.readString(Path.of(mutations.get(0).profile())));
    for (Mutation m : mutations) {
      String[] keys = m.path().split("\\.");
      ObjectNode parent = root;
      for (int i = 0; i < keys.length - 1; i++) {
        JsonNode child = parent.get(keys[i]);
        parent = child instanceof ObjectNode o ? o : parent.putObject(keys[i]);
      }
      String key = keys[keys.length - 1];
      switch (m.action()) {
        case 0, 1 -> parent.set(key, m.value());                 // a value of any type
        case 2 -> {                                              // the key renamed
          JsonNode v = parent.remove(key);
          parent.set(key.substring(0, key.length() / 2) + m.rename(), v == null ? m.value() : v);
        }
        default -> parent.remove(key);                           // the key dropped
      }
    }
    return YAML.writeValueAsString(root);
  }

  static void assertAnswered(ProfileLoader.Result r) {
    net.jqwik.api.statistics.Statistics.collect(r.valid() ? "valid" : "problems");
    if (r.valid()) {
      assertThat(r.profile()).isNotNull();
      PlanReport.of(r.profile()); // and a valid profile plans without an exception
    } else {
      assertThat(r.problems()).isNotEmpty().allSatisfy(p -> {
        assertThat(p.path()).as("every problem names a path: " + p).isNotBlank();
        assertThat(p.message()).as("and says what is wrong: " + p).isNotBlank();
      });
    }
  }

  @Property(tries = 400, seed = "20261201", shrinking = ShrinkingMode.BOUNDED)
  void anyMutationOfAValidProfileIsAProfileOrProblemsWithPaths(@ForAll("mutations") List<Mutation> mutations)
      throws Exception {
    assertAnswered(ProfileLoader.parse(mutate(mutations)));
  }

  @Property(tries = 300, seed = "20261201", shrinking = ShrinkingMode.BOUNDED)
  void rawTextSplicedAnywhereIsAProfileOrProblemsWithPaths(
      @ForAll("splices") String splice, @ForAll("positions") int permille) throws Exception {
    String seed = Files.readString(Path.of(BUNDLED.get(0)));
    int i = permille * seed.length() / 1000;
    assertAnswered(ProfileLoader.parse(seed.substring(0, i) + splice + seed.substring(i)));
  }

  @Provide
  Arbitrary<String> splices() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(8),
        Arbitraries.of("\n---\n", ": *a", " &a ", "\n  ", "\t", "!!binary ", "? ", "- ", "{", "]", "\"", "'", "#",
            "%YAML 1.1\n", "\uFEFF", ": 1e999", ": 0x1p3", ": !!float nan", "<<: {}"));
  }

  @Provide
  Arbitrary<Integer> positions() {
    return Arbitraries.integers().between(0, 999);
  }

  @Property(tries = 60, seed = "20261201", shrinking = ShrinkingMode.BOUNDED)
  void synthWritesNothingForAnInvalidProfile(@ForAll("mutations") List<Mutation> mutations) throws Exception {
    String text = mutate(mutations);
    if (ProfileLoader.parse(text).valid()) {
      return; // this property is about the invalid ones
    }
    Path dir = Files.createTempDirectory("agentscale-fuzz-");
    try {
      Path profile = Files.writeString(dir.resolve("p.yaml"), text);
      Path out = dir.resolve("out");
      var sink = new java.io.PrintWriter(java.io.Writer.nullWriter());
      boolean ok = new Synthesizer(List.of(Synthesizer.Output.livekit)).run(List.of(profile), out, sink, sink);
      assertThat(ok).isFalse();
      assertThat(out).doesNotExist();
    } finally {
      AtomicFolder.deleteTree(dir);
    }
  }

}
