package io.agentscale.k8s;

import io.agentscale.profile.Examples;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.agentscale.profile.ProfileLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's "use the constructs in your own cdk8s or CDK app" example compiles, runs and says what it does. */
class OwnAppExampleTest {
  static final List<JsonNode> DOCS = new ArrayList<>();

  @BeforeAll
  static void synthesize(@TempDir Path out) throws Exception {
    OwnAppExample.synthesize(out);
    var yaml = new ObjectMapper(new YAMLFactory());
    try (var parser = yaml.getFactory().createParser(Files.readString(out.resolve("voice.k8s.yaml")))) {
      yaml.readValues(parser, JsonNode.class).forEachRemaining(DOCS::add);
    }
  }

  static JsonNode only(String kind) {
    var found = DOCS.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  @Test
  void readmeSnippetIsTheExampleWordForWord() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    var section = Pattern.compile("## Use the constructs in your own cdk8s or CDK app\n.*?```java\n(.*?)```",
        Pattern.DOTALL).matcher(readme);
    assertThat(section.find()).as("README's section and its java block").isTrue();
    String source = Files.readString(Path.of("cdk8s/src/test/java/io/agentscale/k8s/OwnAppExample.java"));
    String region = source.substring(source.indexOf("// BEGIN README\n") + "// BEGIN README\n".length(),
        source.indexOf("    // END README"));
    String dedented = region.lines().map(l -> l.startsWith("    ") ? l.substring(4) : l)
        .reduce("", (a, l) -> a + l + "\n");
    assertThat(section.group(1)).isEqualTo(dedented);
  }

  @Test
  void writesTheWorkersAndTheirAutoscaler() {
    assertThat(DOCS).extracting(d -> d.path("kind").asText())
        .containsExactlyInAnyOrder("ServiceAccount", "Deployment", "PodDisruptionBudget", "HorizontalPodAutoscaler");
  }

  @Test
  void theAutoscaledDeploymentLeavesReplicasToTheHpa() {
    assertThat(only("Deployment").at("/spec").has("replicas")).isFalse();
  }

  @Test
  void theHpaTargetsTheWorkersDeployment() {
    assertThat(only("HorizontalPodAutoscaler").at("/spec/scaleTargetRef/name").asText())
        .isEqualTo(only("Deployment").at("/metadata/name").asText())
        .isEqualTo(Examples.load("pizza-orders").kubernetes().deployment());
  }

  @Test
  void keepsTheLabelAddedThroughTheExposedDeployment() {
    assertThat(only("Deployment").at("/metadata/labels/team").asText()).isEqualTo("voice");
  }
}
