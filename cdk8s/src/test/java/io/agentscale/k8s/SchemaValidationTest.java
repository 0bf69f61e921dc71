package io.agentscale.k8s;

import io.agentscale.profile.Examples;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.agentscale.plan.CapacityPlan;
import io.agentscale.plan.ClusterPlan;
import io.agentscale.profile.ClusterMode;
import io.agentscale.profile.ProfileLoader;
import io.agentscale.profile.ScalingProfile;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generated manifest against the Kubernetes OpenAPI schema, through the validators that Kubernetes' official
 * Java client (io.kubernetes:client-java-api 20.0.1) generates from the Kubernetes 1.29 OpenAPI spec with
 * openapi-generator: unknown fields, missing required fields and wrong JSON types fail, recursively. 1.29 is the
 * closest version to 1.28 whose client ships these validators (19.x, for 1.28, has none).
 */
class SchemaValidationTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /** Custom resources are not part of the Kubernetes schema. */
  static final String POD_MONITOR = "monitoring.coreos.com/v1 PodMonitor";
  static final Map<String, List<JsonNode>> DOCS = new TreeMap<>();

  static Map<String, ScalingProfile> profiles() {
    var all = new TreeMap<String, ScalingProfile>();
    for (String name : KubernetesManifestsTest.EXAMPLES) {
      all.put(name, Examples.load(name));
    }
    var dental = all.get("dental-receptionist");
    // each variant in a cluster of its own, so its cluster chart is validated too
    all.put("with-pod-monitor", dental.toBuilder().name("with-pod-monitor").clusterName("monitored")
        .podMonitor(true).build());
    all.put("without-adapter", dental.toBuilder().name("without-adapter").clusterName("adapterless")
        .installAdapter(false).metricName("lk_agents_active_job_count").build());
    all.put("no-buffer", dental.toBuilder().name("no-buffer").clusterName("bufferless").bufferFraction(0).build());
    all.put("existing", dental.toBuilder().name("existing").clusterMode(ClusterMode.EXISTING)
        .clusterName("prod").autoscaler(true).build());
    return all;
  }

  @BeforeAll
  static void synthesize(@TempDir Path out) throws Exception {
    var grouped = ClusterPlan.group(profiles().values().stream()
        .map(p -> new ClusterPlan.Agent(p, CapacityPlan.from(p))).toList());
    assertThat(grouped.problems()).isEmpty();
    int dir = 0;
    for (var cluster : grouped.clusters()) {
      DOCS.putAll(KubernetesManifestsTest.synthesize(cluster, Files.createDirectories(out.resolve("" + dir++))));
    }
  }

  /** The client's model class for a manifest: apps/v1 Deployment → V1Deployment, autoscaling/v2 → V2…. */
  static Class<?> modelFor(JsonNode doc) throws ClassNotFoundException {
    String apiVersion = doc.path("apiVersion").asText();
    String version = apiVersion.substring(apiVersion.lastIndexOf('/') + 1);
    return Class.forName("io.kubernetes.client.openapi.models." + Character.toUpperCase(version.charAt(0))
        + version.substring(1) + doc.path("kind").asText());
  }

  static void validate(JsonNode doc) throws Exception {
    JsonObject json = JsonParser.parseString(doc.toString()).getAsJsonObject();
    try {
      modelFor(doc).getMethod("validateJsonObject", JsonObject.class).invoke(null, json);
    } catch (InvocationTargetException e) {
      throw (Exception) e.getCause();
    }
  }

  static String key(JsonNode doc) {
    return doc.path("apiVersion").asText() + " " + doc.path("kind").asText();
  }

  @Test
  void everyManifestOfEveryProfileMatchesTheKubernetesSchema() throws Exception {
    var skipped = new ArrayList<String>();
    int validated = 0;
    for (var entry : DOCS.entrySet()) {
      for (JsonNode doc : entry.getValue()) {
        if (key(doc).equals(POD_MONITOR)) {
          skipped.add(entry.getKey());
          continue;
        }
        try {
          validate(doc);
        } catch (Exception e) {
          throw new AssertionError(entry.getKey() + ": " + key(doc) + " " + doc.at("/metadata/name").asText()
              + " does not match the schema: " + e.getMessage(), e);
        }
        validated++;
      }
    }
    assertThat(validated).isGreaterThan(100);
    assertThat(skipped).containsExactly("with-pod-monitor");
  }

  @Test
  void theValidatorCoversEveryKindWeEmit() {
    var kinds = new TreeMap<String, Boolean>();
    DOCS.values().forEach(docs -> docs.forEach(d -> kinds.put(key(d), true)));
    kinds.remove(POD_MONITOR);
    assertThat(kinds.keySet()).containsExactlyInAnyOrder(
        "v1 Namespace", "v1 ServiceAccount", "v1 ConfigMap", "v1 Service", "apps/v1 Deployment",
        "policy/v1 PodDisruptionBudget", "autoscaling/v2 HorizontalPodAutoscaler",
        "scheduling.k8s.io/v1 PriorityClass", "rbac.authorization.k8s.io/v1 ClusterRole",
        "rbac.authorization.k8s.io/v1 ClusterRoleBinding", "rbac.authorization.k8s.io/v1 RoleBinding",
        "rbac.authorization.k8s.io/v1 Role",
        "apiregistration.k8s.io/v1 APIService");
  }

  @Test
  void aMisspelledOrUnknownFieldFails() throws Exception {
    JsonNode deployment = DOCS.get("dental-receptionist").stream()
        .filter(d -> d.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();

    ObjectNode misspelled = deployment.deepCopy();
    var podSpec = (ObjectNode) misspelled.at("/spec/template/spec");
    podSpec.set("terminationGracePeriodSecond", podSpec.remove("terminationGracePeriodSeconds"));
    assertThatThrownBy(() -> validate(misspelled)).hasMessageContaining("terminationGracePeriodSecond");

    ObjectNode deep = deployment.deepCopy();
    ((ObjectNode) deep.at("/spec/template/spec/containers/0/securityContext")).put("runAsNonRot", true);
    assertThatThrownBy(() -> validate(deep)).hasMessageContaining("runAsNonRot");

    ObjectNode wrongType = deployment.deepCopy();
    ((ObjectNode) wrongType.at("/spec/template/spec/containers/0")).put("command", "python main.py start");
    assertThatThrownBy(() -> validate(wrongType)).hasMessageContaining("Expected the field `command` to be an array");

    ObjectNode topLevel = deployment.deepCopy();
    topLevel.put("replicas", 3);
    assertThatThrownBy(() -> validate(topLevel)).hasMessageContaining("`replicas`");
  }

  @Test
  void theOptInScaleDownToleranceIsTheOneFieldNewerThanThisSchema() throws Exception {
    var p = Examples.load("dental-receptionist").toBuilder().configurableTolerance(true)
        .build();
    Path out = Files.createTempDirectory("tolerance");
    KubernetesManifests.write(p, CapacityPlan.from(p), out);
    var docs = new ArrayList<JsonNode>();
    try (var parser = YAML.getFactory().createParser(Files.readString(out.resolve(p.name() + ".k8s.yaml")))) {
      YAML.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
    }
    JsonNode hpa = docs.stream().filter(d -> d.path("kind").asText().equals("HorizontalPodAutoscaler"))
        .findFirst().orElseThrow();

    // 1 − scale_down_threshold / scale_up_threshold = 1 − 0.3 / 0.8
    assertThat(hpa.at("/spec/behavior/scaleDown/tolerance").asDouble()).isEqualTo(0.625);
    // behavior.scaleDown.tolerance arrived in Kubernetes 1.33 (HPAConfigurableTolerance): older schemas reject it,
    // which is why it is opt-in; without it the HPA validates.
    assertThatThrownBy(() -> validate(hpa)).hasMessageContaining("tolerance");
    ObjectNode without = hpa.deepCopy();
    ((ObjectNode) without.at("/spec/behavior/scaleDown")).remove("tolerance");
    validate(without);
  }
}
