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

  @Test
  void everyFieldIsDocumentedWithADefault() {
    for (var f : ProfileSchema.FIELDS) {
      assertThat(f.why()).as(f.path()).isNotBlank();
      assertThat(f.range()).as(f.path()).isNotBlank();
      assertThat(f.defaultText()).as(f.path()).isNotBlank();
    }
  }
}
