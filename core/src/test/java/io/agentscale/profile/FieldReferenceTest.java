package io.agentscale.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FieldReferenceTest {
  @Test
  void readmeCarriesTheGeneratedFieldReference() throws Exception {
    assertThat(Files.readString(Path.of("README.md"))).contains(ProfileSchema.markdownTable());
  }

  /** The profile a field's documented default gives when written out: it must equal the one leaving it out. */
  static ScalingProfile withDefaultWrittenOut(ProfileSchema.Field f) {
    String[] keys = f.path().split("\\.");
    var yaml = new StringBuilder();
    for (int i = 0; i < keys.length; i++) {
      yaml.append("  ".repeat(i)).append(keys[i]).append(':');
      String value = f.kind() == ProfileSchema.Kind.STRING ? "'" + f.defaultText() + "'" : f.defaultText();
      yaml.append(i == keys.length - 1 ? " " + value + "\n" : "\n");
    }
    String text = f.path().startsWith("agent.") ? InvalidProfilesTest.SEED.replace("  scaling:\n",
        "  " + yaml.toString().replace("agent:\n", "").strip() + "\n  scaling:\n") : InvalidProfilesTest.SEED + yaml;
    return ProfileLoader.parse(text).orThrow();
  }

  @Test
  void everyDocumentedDefaultIsTheValueAProfileGetsWithoutTheKey() {
    var omitted = ProfileLoader.parse(InvalidProfilesTest.SEED).orThrow();
    int checked = 0;
    for (var f : ProfileSchema.FIELDS) {
      assertThat(f.why()).as(f.path()).isNotBlank();
      assertThat(f.allowed()).as(f.path()).isNotBlank();
      String documented = f.defaultText();
      if (f.required() || documented.equals("none")) {
        continue;
      }
      var derivedFrom = ProfileSchema.FIELDS.stream().map(ProfileSchema.Field::path)
          .filter(p -> documented.contains(p) || documented.startsWith(p.substring(p.lastIndexOf('.') + 1)))
          .findFirst();
      if (derivedFrom.isPresent() || documented.contains(" for ") || documented.contains(" with ")) {
        continue; // a derived default names what it follows; DerivedDefaultsTest checks that it does
      }
      Object expected = f.get().apply(omitted);
      if (expected == null || expected instanceof java.util.Collection<?> || expected instanceof java.util.Map<?, ?>) {
        continue; // nothing set (the docs describe what happens then) or a list: no scalar default to write out
      }
      assertThat(f.get().apply(withDefaultWrittenOut(f))).as(f.path() + " documented as " + documented)
          .isEqualTo(expected);
      checked++;
    }
    assertThat(checked).as("fields with a plain documented default").isGreaterThan(30);
  }
}
