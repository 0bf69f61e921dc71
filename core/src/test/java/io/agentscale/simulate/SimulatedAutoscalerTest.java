package io.agentscale.simulate;

import io.agentscale.profile.Examples;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.agentscale.profile.Durations;
import io.agentscale.profile.ProfileLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulator's cluster autoscaler runs on the flags of the autoscaler we deploy: read from the reviewed golden
 * manifest of the bundled profiles' cluster, each timing must be the one the simulator uses for each profile.
 */
class SimulatedAutoscalerTest {
  static final Path MANIFEST = Path.of("synth-tests/cluster-voice-agents/kubernetes/cluster-voice-agents.k8s.yaml");

  static List<String> deployedArgs() throws Exception {
    var yaml = new ObjectMapper(new YAMLFactory());
    try (var parser = yaml.getFactory().createParser(Files.readString(MANIFEST))) {
      var docs = yaml.readValues(parser, JsonNode.class);
      while (docs.hasNext()) {
        var doc = docs.next();
        if (doc.path("kind").asText().equals("Deployment")
            && doc.at("/metadata/name").asText().equals("cluster-autoscaler")) {
          var args = new ArrayList<String>();
          doc.at("/spec/template/spec/containers/0/args").forEach(a -> args.add(a.asText()));
          return args;
        }
      }
    }
    throw new AssertionError("no cluster-autoscaler Deployment in " + MANIFEST);
  }

  @Test
  void theSimulatorsScanAndScaleDownTimingAreTheDeployedFlags() throws Exception {
    var deployed = deployedArgs();
    for (String name : List.of("crisis-hotline", "dental-receptionist", "pizza-orders")) {
      var profile = Examples.load(name);
      var simulated = KubernetesModel.autoscalerOf(profile);
      assertThat(deployed).as(name).contains(
          "--scan-interval=" + Durations.seconds(simulated.scanInterval()),
          "--scale-down-unneeded-time=" + Durations.seconds(simulated.scaleDownUnneededTime()),
          "--scale-down-delay-after-add=" + Durations.seconds(simulated.scaleDownDelayAfterAdd()),
          "--max-graceful-termination-sec=" + simulated.maxGracefulTermination().toSeconds());
    }
  }
}
