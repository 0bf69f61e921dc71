package io.agentscale.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README carries each model's rules exactly as the simulator lists them in its JSON. */
class AssumptionsTest {
  @Test
  void readmeCarriesBothModelsRules() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    assertThat(readme).contains(Assumptions.markdownTable(Assumptions.KUBERNETES))
        .contains(Assumptions.markdownTable(Assumptions.LIVEKIT_CLOUD));
  }

  @Test
  void everyModelRuleNamesASource() {
    assertThat(Assumptions.KUBERNETES).allMatch(r -> !r.source().isBlank());
    assertThat(Assumptions.LIVEKIT_CLOUD).extracting(Assumptions.Rule::basis)
        .contains(Assumptions.Basis.tutorial, Assumptions.Basis.assumed, Assumptions.Basis.source);
  }
}
