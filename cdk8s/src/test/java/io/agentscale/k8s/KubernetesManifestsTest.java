package io.agentscale.k8s;

import io.agentscale.profile.Examples;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.agentscale.plan.CapacityPlan;
import io.agentscale.plan.ClusterPlan;
import io.agentscale.profile.ProfileLoader;
import io.agentscale.profile.ScalingProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Targeted facts about the synthesized manifests, beside the byte-for-byte snapshots. */
class KubernetesManifestsTest {
  static final String[] EXAMPLES = {"dental-receptionist", "pizza-orders", "crisis-hotline"};
  /** The bundled profiles' shared cluster's chart. */
  static final String CLUSTER = "cluster-voice-agents";
  static final Map<String, List<JsonNode>> DOCS = new TreeMap<>();
  static final Map<String, ScalingProfile> PROFILES = new TreeMap<>();
  static ClusterPlan cluster;

  @BeforeAll
  static void synthesize(@TempDir Path out) throws Exception {
    var agents = new ArrayList<ClusterPlan.Agent>();
    for (String name : EXAMPLES) {
      var profile = Examples.load(name);
      PROFILES.put(name, profile);
      agents.add(new ClusterPlan.Agent(profile, CapacityPlan.from(profile)));
    }
    cluster = ClusterPlan.group(agents).clusters().get(0);
    DOCS.putAll(synthesize(cluster, out));
  }

  /** Every chart of one cluster, as parsed documents by chart id. */
  static Map<String, List<JsonNode>> synthesize(ClusterPlan cluster, Path out) throws Exception {
    var app = KubernetesManifests.app(out);
    new ClusterChart(app, cluster);
    cluster.agents().forEach(a -> new AgentChart(app, a.profile(), a.plan()));
    app.synth();
    var yaml = new ObjectMapper(new YAMLFactory());
    var charts = new TreeMap<String, List<JsonNode>>();
    try (var files = Files.list(out)) {
      for (Path file : files.sorted().toList()) {
        var docs = new ArrayList<JsonNode>();
        try (var parser = yaml.getFactory().createParser(Files.readString(file))) {
          yaml.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
        }
        charts.put(file.getFileName().toString().replace(".k8s.yaml", ""), docs);
      }
    }
    return charts;
  }

  static JsonNode find(String profile, String kind, String name) {
    return DOCS.get(profile).stream()
        .filter(d -> d.path("kind").asText().equals(kind) && d.at("/metadata/name").asText().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError(kind + " " + name + " missing in " + profile));
  }

  @Test
  void agentDeploymentLeavesReplicasToTheHpaAndDrainsInsideTheGracePeriod() {
    for (String name : EXAMPLES) {
      var k = PROFILES.get(name).kubernetes();
      var d = find(name, "Deployment", k.deployment());
      assertThat(d.at("/spec/replicas").isMissingNode()).as(name).isTrue();
      assertThat(d.at("/spec/template/spec/terminationGracePeriodSeconds").asInt()).isGreaterThanOrEqualTo(600);
      var env = d.at("/spec/template/spec/containers/0/env");
      var drain = findEnv(env, AgentWorkers.DRAIN_TIMEOUT_ENV).path("value").asInt();
      assertThat(drain).isLessThan(d.at("/spec/template/spec/terminationGracePeriodSeconds").asInt());
      assertThat(d.at("/spec/template/spec/containers/0/ports/0/name").asText()).isEqualTo("metrics");
      assertThat(d.at("/spec/template/spec/containers/0/ports/0/containerPort").asInt()).isEqualTo(9090);
      assertThat(d.at("/spec/template/metadata/annotations/prometheus.io~1scrape").asText()).isEqualTo("true");
    }
  }

  @Test
  void hpaScalesOnSessionsWithBehaviourInBothDirections() {
    var hpa = find("dental-receptionist", "HorizontalPodAutoscaler", "dental-receptionist");
    assertThat(hpa.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
    assertThat(hpa.at("/spec/metrics/0/type").asText()).isEqualTo("Pods");
    assertThat(hpa.at("/spec/metrics/0/pods/metric/name").asText()).isEqualTo("agent_active_sessions");
    assertThat(hpa.at("/spec/metrics/0/pods/target/type").asText()).isEqualTo("AverageValue");
    assertThat(hpa.at("/spec/metrics/0/pods/target/averageValue").asText()).isEqualTo("4");
    assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(2);
    assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(50);
    assertThat(hpa.at("/spec/behavior/scaleUp/stabilizationWindowSeconds").asInt()).isEqualTo(30);
    assertThat(hpa.at("/spec/behavior/scaleUp/policies/0/value").asInt()).isEqualTo(4);
    assertThat(hpa.at("/spec/behavior/scaleUp/policies/0/periodSeconds").asInt()).isEqualTo(60);
    assertThat(hpa.at("/spec/behavior/scaleDown/stabilizationWindowSeconds").asInt()).isEqualTo(300);
    assertThat(hpa.at("/spec/behavior/scaleDown/policies/0/value").asInt()).isEqualTo(2);
    assertThat(hpa.at("/spec/behavior/scaleDown/policies/0/periodSeconds").asInt()).isEqualTo(120);
    // crisis-hotline: 3 × 0.67 = 2.01 sessions ⇒ "2010m"
    var crisis = find("crisis-hotline", "HorizontalPodAutoscaler", "crisis-agent");
    assertThat(crisis.at("/spec/metrics/0/pods/target/averageValue").asText()).isEqualTo("2010m");
  }

  @Test
  void theEmittedHpaIsTheSpecTheSimulatorsControllerReads(@TempDir Path out) throws Exception {
    var profile = PROFILES.get("pizza-orders").toBuilder().configurableTolerance(true).scaleUpPods(3)
        .scaleUpPeriod(java.time.Duration.ofSeconds(30)).scaleDownPods(2).build();
    var plan = CapacityPlan.from(profile);
    var one = ClusterPlan.group(List.of(new ClusterPlan.Agent(profile, plan))).clusters().get(0);
    var hpa = synthesize(one, out).get(profile.name()).stream()
        .filter(d -> d.path("kind").asText().equals("HorizontalPodAutoscaler")).findFirst().orElseThrow();
    var spec = io.agentscale.hpa.HpaSpec.of(profile, plan);

    assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(spec.minReplicas());
    assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(spec.maxReplicas());
    assertThat(Math.round(hpa.at("/spec/metrics/0/pods/target/averageValue").asDouble() * 1000))
        .isEqualTo(spec.targetMilli());
    for (var direction : List.of("scaleUp", "scaleDown")) {
      var emitted = hpa.at("/spec/behavior/" + direction);
      var read = direction.equals("scaleUp") ? spec.behavior().scaleUp() : spec.behavior().scaleDown();
      assertThat(emitted.path("stabilizationWindowSeconds").asInt()).as(direction)
          .isEqualTo(read.windowSeconds());
      assertThat(emitted.path("selectPolicy").asText()).isEqualTo(read.select().name());
      assertThat(emitted.at("/policies/0/value").asInt()).isEqualTo(read.policies().get(0).value());
      assertThat(emitted.at("/policies/0/periodSeconds").asInt()).isEqualTo(read.policies().get(0).periodSeconds());
    }
    assertThat(hpa.at("/spec/behavior/scaleDown/tolerance").decimalValue())
        .isEqualByComparingTo(plan.hpa().scaleDownTolerance());
    assertThat(spec.tolerance().scaleDown()).isEqualTo(io.agentscale.hpa.HpaController.Tolerance.quantity(
        plan.hpa().scaleDownTolerance()));
  }

  @Test
  void theMetricSurvivesASystemNodeLoss() {
    var adapter = find(CLUSTER, "Deployment", PrometheusAdapter.NAME);
    assertThat(adapter.at("/spec/template/spec/topologySpreadConstraints/0/topologyKey").asText())
        .isEqualTo("kubernetes.io/hostname");
    var prometheus = find(CLUSTER, "Deployment", PrometheusServer.NAME);
    assertThat(prometheus.at("/spec/template/metadata/annotations").path(
        "cluster-autoscaler.kubernetes.io/safe-to-evict").asText()).isEqualTo("false");
  }

  @Test
  void adapterServesOneRuleForTheClustersOneMetricOnTheCustomMetricsApi() throws Exception {
    var config = find(CLUSTER, "ConfigMap", PrometheusAdapter.NAME);
    var rules = new ObjectMapper(new YAMLFactory()).readTree(config.at("/data/config.yaml").asText());
    assertThat(rules.path("rules").size()).isEqualTo(1);
    var rule = rules.at("/rules/0");
    assertThat(rule.path("seriesQuery").asText()).isEqualTo("agent_active_sessions{namespace!=\"\",pod!=\"\"}");
    assertThat(rule.at("/resources/overrides/pod/resource").asText()).isEqualTo("pod");
    assertThat(rule.at("/resources/overrides/namespace/resource").asText()).isEqualTo("namespace");
    assertThat(rule.at("/name/as").asText()).isEqualTo("agent_active_sessions");
    assertThat(rule.path("metricsQuery").asText()).isEqualTo("max(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)");

    var api = find(CLUSTER, "APIService", "v1beta1.custom.metrics.k8s.io");
    assertThat(api.at("/spec/insecureSkipTLSVerify").asBoolean()).isTrue();
    assertThat(api.at("/spec/caBundle").isMissingNode()).isTrue();
    assertThat(api.at("/spec/service/name").asText()).isEqualTo(PrometheusAdapter.NAME);

    var adapter = find(CLUSTER, "Deployment", PrometheusAdapter.NAME);
    assertThat(adapter.at("/spec/template/metadata/annotations/checksum~1config").asText()).hasSize(64);
    assertThat(adapter.at("/spec/template/spec/containers/0/args").toString())
        .contains("--metrics-relist-interval=60s")
        .contains("--prometheus-url=http://prometheus.monitoring.svc:9090");
    find(CLUSTER, "RoleBinding", PrometheusAdapter.NAME + "-auth-reader");
    find(CLUSTER, "ClusterRoleBinding", PrometheusAdapter.NAME + "-system-auth-delegator");
    for (String name : EXAMPLES) {
      assertThat(DOCS.get(name)).noneMatch(d -> d.at("/metadata/namespace").asText().equals(PrometheusAdapter.NAMESPACE));
    }
  }

  @Test
  void bufferHoldsThePlannedBalloonsAtTheClustersBalloonPriority() {
    var pc = find(CLUSTER, "PriorityClass", ClusterPlan.BALLOON_PRIORITY_CLASS);
    assertThat(pc.path("value").asInt()).isEqualTo(-10);
    assertThat(pc.path("globalDefault").asBoolean()).isFalse();
    var balloon = find("dental-receptionist", "Deployment", "dental-receptionist-balloon");
    assertThat(balloon.at("/spec/template/spec/priorityClassName").asText()).isEqualTo("agentscale-balloon");
    assertThat(balloon.at("/spec/replicas").asInt()).isEqualTo(13); // ceil(50 / 0.8) − 50
    assertThat(balloon.at("/spec/template/spec/terminationGracePeriodSeconds").asInt()).isZero();
    assertThat(balloon.at("/spec/template/spec/containers/0/resources/requests/cpu").asText()).isEqualTo("500m");
    assertThat(balloon.at("/spec/template/spec/containers/0/resources/requests/memory").asText()).isEqualTo("1000Mi");
    var agent = find("dental-receptionist", "Deployment", "dental-receptionist");
    assertThat(balloon.at("/spec/template/spec/nodeSelector")).isEqualTo(agent.at("/spec/template/spec/nodeSelector"));
    assertThat(balloon.at("/spec/template/spec/tolerations")).isEqualTo(agent.at("/spec/template/spec/tolerations"));
  }

  @Test
  void everyPodSpecMeetsTheRestrictedPodSecurityStandard() {
    int pods = 0;
    for (String name : DOCS.keySet()) {
      for (JsonNode doc : DOCS.get(name)) {
        var spec = doc.at("/spec/template/spec");
        if (spec.isMissingNode()) {
          continue;
        }
        pods++;
        assertThat(spec.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(spec.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        for (JsonNode c : spec.path("containers")) {
          var sc = c.path("securityContext");
          assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
          assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
          assertThat(sc.at("/capabilities/drop/0").asText()).isEqualTo("ALL");
        }
      }
    }
    assertThat(pods).isEqualTo(9); // agent and balloon of three profiles; autoscaler, Prometheus and adapter once
  }

  @Test
  void credentialsComeOnlyFromTheReferencedSecret() {
    for (String name : EXAMPLES) {
      assertThat(DOCS.get(name)).noneMatch(d -> d.path("kind").asText().equals("Secret"));
      var env = find(name, "Deployment", PROFILES.get(name).kubernetes().deployment())
          .at("/spec/template/spec/containers/0/env");
      for (String key : new String[] {"LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"}) {
        var e = findEnv(env, key);
        assertThat(e.has("value")).as(key).isFalse();
        assertThat(e.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo(PROFILES.get(name).kubernetes()
            .credentialsSecret());
      }
    }
  }

  @Test
  void namespacesAreCreatedOnceWithTheCluster() {
    for (String name : EXAMPLES) {
      String ns = PROFILES.get(name).kubernetes().namespace();
      find(CLUSTER, "Namespace", ns);
      assertThat(DOCS.get(name)).noneMatch(d -> d.path("kind").asText().equals("Namespace"));
    }
    find(CLUSTER, "Namespace", PrometheusAdapter.NAMESPACE);
    find(CLUSTER, "Namespace", PrometheusServer.NAMESPACE);
  }

  private static JsonNode findEnv(JsonNode env, String name) {
    for (JsonNode e : env) {
      if (e.path("name").asText().equals(name)) {
        return e;
      }
    }
    throw new AssertionError("env " + name + " missing");
  }

  @Test
  void pizzaOrdersCarriesItsWorkloadByReferenceWithoutASecretValue() {
    var k = PROFILES.get("pizza-orders").kubernetes();
    var spec = find("pizza-orders", "Deployment", k.deployment()).at("/spec/template/spec");
    var agent = spec.at("/containers/0");

    assertThat(agent.at("/command").toString()).isEqualTo("[\"python\",\"agent.py\"]");
    assertThat(agent.at("/args").toString()).isEqualTo("[\"start\"]");
    var names = new ArrayList<String>();
    agent.at("/env").forEach(e -> names.add(e.path("name").asText()));
    assertThat(names).containsExactly("LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET", "AGENT_DRAIN_TIMEOUT",
        "AGENT_METRICS_PORT", "AGENT_SESSIONS_PER_WORKER", "LOG_LEVEL", "PROMETHEUS_MULTIPROC_DIR", "HF_HOME",
        "OPENAI_API_KEY", "DEEPGRAM_API_KEY", "CARTESIA_API_KEY");
    assertThat(findEnv(agent.at("/env"), "PROMETHEUS_MULTIPROC_DIR").path("value").asText())
        .isEqualTo("/var/run/prometheus");
    assertThat(findEnv(agent.at("/env"), "OPENAI_API_KEY").at("/valueFrom/secretKeyRef").toString())
        .isEqualTo("{\"key\":\"openai\",\"name\":\"provider-keys\"}");
    assertThat(findEnv(agent.at("/env"), "OPENAI_API_KEY").has("value")).isFalse();
    assertThat(agent.at("/envFrom").toString())
        .isEqualTo("[{\"configMapRef\":{\"name\":\"order-agent-settings\"},\"prefix\":\"SHOP_\"}]");
    assertThat(agent.at("/volumeMounts").toString()).isEqualTo("[{\"mountPath\":\"/tmp\",\"name\":\"tmp\"},"
        + "{\"mountPath\":\"/var/run/prometheus\",\"name\":\"prometheus-multiproc\"},"
        + "{\"mountPath\":\"/models\",\"name\":\"model-cache\"}]");
    assertThat(spec.at("/volumes/2/emptyDir/sizeLimit").asText()).isEqualTo("2Gi");
    assertThat(agent.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(agent.at("/resources/requests/ephemeral-storage").asText()).isEqualTo("3Gi");
    assertThat(agent.at("/resources/limits/ephemeral-storage").asText()).isEqualTo("4Gi");
    assertThat(spec.at("/serviceAccountName").asText()).isEqualTo("order-agent");
    assertThat(spec.at("/automountServiceAccountToken").asBoolean(true)).isFalse();
    var account = find("pizza-orders", "ServiceAccount", "order-agent");
    assertThat(account.at("/metadata/namespace").asText()).isEqualTo("pizza");
    assertThat(account.at("/automountServiceAccountToken").asBoolean(true)).isFalse();
  }

  @Test
  void profilesWithoutAWorkloadKeepTheImagesCommandAndTheDefaultServiceAccount() {
    for (String name : List.of("dental-receptionist", "crisis-hotline")) {
      var k = PROFILES.get(name).kubernetes();
      var spec = find(name, "Deployment", k.deployment()).at("/spec/template/spec");
      assertThat(spec.has("serviceAccountName")).as(name).isFalse();
      assertThat(spec.at("/containers/0").has("command")).as(name).isFalse();
      assertThat(spec.at("/containers/0").has("envFrom")).as(name).isFalse();
      assertThat(spec.at("/containers/0/resources/requests").has("ephemeral-storage")).as(name).isFalse();
      assertThat(DOCS.get(name).stream().filter(d -> d.path("kind").asText().equals("ServiceAccount"))).isEmpty();
    }
  }

  @Test
  void configMapAndSecretVolumesAreMountedReadOnlyAndAnExistingServiceAccountIsNotEmitted(@TempDir Path out)
      throws Exception {
    var profile = PROFILES.get("pizza-orders").toBuilder().createServiceAccount(false)
        .volumes(List.of(new ScalingProfile.Volume("prompts", "/etc/prompts", null, "agent-prompts", null),
            new ScalingProfile.Volume("certs", "/etc/certs", null, null, "agent-certs")))
        .build();
    var one = ClusterPlan.group(List.of(new ClusterPlan.Agent(profile, CapacityPlan.from(profile))))
        .clusters().get(0);

    var docs = synthesize(one, out).get("pizza-orders");

    var spec = docs.stream().filter(d -> d.path("kind").asText().equals("Deployment")).findFirst().orElseThrow()
        .at("/spec/template/spec");
    assertThat(spec.at("/volumes/1/configMap/name").asText()).isEqualTo("agent-prompts");
    assertThat(spec.at("/volumes/2/secret/secretName").asText()).isEqualTo("agent-certs");
    assertThat(spec.at("/containers/0/volumeMounts/1/readOnly").asBoolean()).isTrue();
    assertThat(spec.at("/containers/0/volumeMounts/2/readOnly").asBoolean()).isTrue();
    assertThat(spec.at("/serviceAccountName").asText()).isEqualTo("order-agent");
    assertThat(docs.stream().filter(d -> d.path("kind").asText().equals("ServiceAccount"))).isEmpty();
  }
}
