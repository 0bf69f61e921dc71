package io.agentscale.k8s;

import io.agentscale.profile.Examples;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentscale.metrics.ScrapeConfig;
import io.agentscale.plan.CapacityPlan;
import io.agentscale.plan.ClusterPlan;
import io.agentscale.plan.Placement;
import io.agentscale.plan.PodShape;
import io.agentscale.profile.ClusterMode;
import io.agentscale.profile.ProfileLoader;
import io.agentscale.profile.ScalingProfile;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a cluster holds once, checked against the cluster plan it comes from: the autoscaler's flags, Prometheus and the
 * adapter, where every pod runs, and that profiles sharing a cluster never write the same object twice.
 */
class ClusterChartTest {
  static final String CLUSTER = KubernetesManifestsTest.CLUSTER;
  static final ObjectMapper JSON = new ObjectMapper();
  static Map<String, List<JsonNode>> docs;
  static ClusterPlan cluster;

  @BeforeAll
  static void synthesize(@TempDir Path out) throws Exception {
    cluster = plan(Examples.load("dental-receptionist"),
        Examples.load("pizza-orders"),
        Examples.load("crisis-hotline"));
    docs = KubernetesManifestsTest.synthesize(cluster, out);
  }

  static ClusterPlan plan(ScalingProfile... profiles) {
    var agents = new ArrayList<ClusterPlan.Agent>();
    for (var p : profiles) {
      agents.add(new ClusterPlan.Agent(p, CapacityPlan.from(p)));
    }
    var grouped = ClusterPlan.group(agents);
    assertThat(grouped.problems()).isEmpty();
    return grouped.clusters().get(0);
  }

  static JsonNode find(Map<String, List<JsonNode>> charts, String kind, String namespace, String name) {
    return charts.values().stream().flatMap(List::stream)
        .filter(d -> d.path("kind").asText().equals(kind) && d.at("/metadata/name").asText().equals(name)
            && d.at("/metadata/namespace").asText().equals(namespace))
        .findFirst().orElseThrow(() -> new AssertionError(kind + " " + namespace + "/" + name + " missing"));
  }

  static List<String> args(JsonNode deployment) {
    var out = new ArrayList<String>();
    deployment.at("/spec/template/spec/containers/0/args").forEach(a -> out.add(a.asText()));
    return out;
  }

  @Test
  void theAutoscalerDiscoversThisClusterWithFlagsFromThePlan() {
    var ca = find(docs, "Deployment", "kube-system", "cluster-autoscaler");
    assertThat(args(ca)).containsExactlyElementsOf(cluster.autoscaler().args()).contains(
        "--cloud-provider=aws",
        "--node-group-auto-discovery=asg:tag=k8s.io/cluster-autoscaler/enabled,k8s.io/cluster-autoscaler/voice-agents",
        "--balance-similar-node-groups", "--expander=least-waste", "--scan-interval=10s",
        "--scale-down-unneeded-time=600s", "--scale-down-delay-after-add=600s");
    // never cuts a drain short, and a preempted balloon (priority -10) still asks for a node
    int maxGrace = cluster.profiles().stream().mapToInt(p -> (int) p.kubernetes().gracePeriod().toSeconds()).max()
        .orElseThrow();
    assertThat(flag(ca, "--max-graceful-termination-sec")).isGreaterThanOrEqualTo(maxGrace);
    assertThat(flag(ca, "--expendable-pods-priority-cutoff")).isLessThan(ClusterPlan.BALLOON_PRIORITY);
    // the image's minor is the cluster's Kubernetes minor
    String image = ca.at("/spec/template/spec/containers/0/image").asText();
    assertThat(image).startsWith("registry.k8s.io/autoscaling/cluster-autoscaler:v"
        + cluster.kubernetesVersion() + ".");
    assertThat(ca.at("/spec/template/spec/serviceAccountName").asText()).isEqualTo(ClusterPlan.AUTOSCALER_NAME);
    find(docs, "ServiceAccount", "kube-system", "cluster-autoscaler");
    find(docs, "ClusterRoleBinding", "", "cluster-autoscaler");
    find(docs, "RoleBinding", "kube-system", "cluster-autoscaler");
  }

  @Test
  void aLongerGracePeriodRaisesTheAutoscalersTerminationCap(@TempDir Path out) throws Exception {
    var longCalls = ScalingProfile.ofDefaults("long-calls").toBuilder().gracePeriod(java.time.Duration.ofMinutes(20))
        .build();
    var charts = KubernetesManifestsTest.synthesize(plan(longCalls), out);
    assertThat(flag(find(charts, "Deployment", "kube-system", "cluster-autoscaler"),
        "--max-graceful-termination-sec")).isEqualTo(1200);
  }

  static int flag(JsonNode deployment, String name) {
    return args(deployment).stream().filter(a -> a.startsWith(name + "=")).map(a -> a.substring(name.length() + 1))
        .mapToInt(Integer::parseInt).findFirst().orElseThrow(() -> new AssertionError(name + " missing"));
  }

  @Test
  void prometheusRunsTheGeneratedScrapeConfigAndTheAdapterQueriesItsService() {
    var config = find(docs, "ConfigMap", "monitoring", "prometheus");
    assertThat(config.at("/data/prometheus.yml").asText())
        .isEqualTo(ScrapeConfig.yaml(cluster.profiles().get(0).metrics().scrapeInterval()));
    var service = find(docs, "Service", "monitoring", "prometheus");
    int port = service.at("/spec/ports/0/port").asInt();
    var url = URI.create(cluster.adapter().prometheusUrl());
    assertThat(url.getHost()).isEqualTo("prometheus.monitoring.svc");
    assertThat(url.getPort()).isEqualTo(port);
    var prometheus = find(docs, "Deployment", "monitoring", "prometheus");
    assertThat(prometheus.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(args(prometheus)).contains("--storage.tsdb.retention.time=2d");
    var reader = find(docs, "ClusterRole", "", "prometheus-pod-reader");
    assertThat(reader.at("/rules/0/resources").toString()).isEqualTo("[\"pods\"]");
    assertThat(reader.at("/rules/0/verbs").toString()).isEqualTo("[\"get\",\"list\",\"watch\"]");
  }

  @Test
  void systemPodsRunOnTheSystemNodesAsClusterCriticalAndAgentsOnlyOnTheirPools() {
    var system = Map.of(Placement.SYSTEM_LABEL_KEY, Placement.SYSTEM_LABEL_VALUE);
    for (var id : List.of(new String[] {"kube-system", "cluster-autoscaler"}, new String[] {"monitoring", "prometheus"},
        new String[] {"custom-metrics", "prometheus-adapter"})) {
      var spec = find(docs, "Deployment", id[0], id[1]).at("/spec/template/spec");
      assertThat(JSON.convertValue(spec.path("nodeSelector"), Map.class)).as(id[1]).isEqualTo(system);
      assertThat(spec.path("tolerations").isMissingNode()).as(id[1]).isTrue();
      assertThat(spec.path("priorityClassName").asText()).as(id[1]).isEqualTo("system-cluster-critical");
    }
    for (var p : cluster.profiles()) {
      for (String name : List.of(p.kubernetes().deployment(), ClusterPlan.balloonName(p))) {
        var spec = find(docs, "Deployment", p.kubernetes().namespace(), name).at("/spec/template/spec");
        assertThat(spec.at("/nodeSelector/agentscale.io~1pool").asText()).as(name).isEqualTo(p.name());
        assertThat(spec.at("/tolerations/0/key").asText()).isEqualTo("agentscale.io/voice-agents");
      }
    }
  }

  @Test
  void everyEmittedPodTemplateIsAShapeTheSchedulabilityCheckWeighed() {
    var emitted = new TreeMap<String, PodShape>();
    docs.values().stream().flatMap(List::stream).filter(d -> d.path("kind").asText().equals("Deployment"))
        .forEach(d -> {
          String name = "Deployment " + d.at("/metadata/namespace").asText() + "/" + d.at("/metadata/name").asText();
          emitted.put(name, shape(name, d.at("/spec/template/spec")));
        });
    var weighed = new TreeMap<String, PodShape>();
    cluster.pods().stream().filter(p -> !p.name().contains("coredns")).forEach(p -> weighed.put(p.name(), p));
    assertThat(emitted).isEqualTo(weighed);
    assertThat(cluster.findings()).noneMatch(f -> f.rule().equals("pod-unschedulable"));
  }

  /** A pod template read back into the check's terms. */
  static PodShape shape(String name, JsonNode spec) {
    @SuppressWarnings("unchecked")
    Map<String, String> selector = spec.has("nodeSelector") ? JSON.convertValue(spec.get("nodeSelector"), Map.class)
        : Map.of();
    var tolerations = new ArrayList<Placement.Toleration>();
    spec.path("tolerations").forEach(t -> tolerations.add(new Placement.Toleration(t.path("key").asText(),
        t.path("operator").asText(), t.path("value").asText(), t.path("effect").asText())));
    var requests = spec.at("/containers/0/resources/requests");
    return new PodShape(name, new Placement(selector, tolerations),
        Integer.parseInt(requests.path("cpu").asText().replace("m", "")),
        Integer.parseInt(requests.path("memory").asText().replace("Mi", "")));
  }

  @Test
  void anyObjectEmittedTwiceAcrossTheOutputsIsByteIdentical(@TempDir Path out) throws Exception {
    assertNoConflictingDuplicates(docs);
    // two profiles in one namespace with default names, and a second metric
    var a = ScalingProfile.ofDefaults("front-desk");
    var b = ScalingProfile.ofDefaults("after-hours").toBuilder().metricName("lk_agents_active_job_count").build();
    var shared = plan(a, b);
    var charts = KubernetesManifestsTest.synthesize(shared, out);
    int duplicates = assertNoConflictingDuplicates(charts);
    assertThat(duplicates).isZero();
    assertThat(find(charts, "Deployment", "livekit", "front-desk")).isNotNull();
    assertThat(find(charts, "Deployment", "livekit", "after-hours")).isNotNull();
    var rules = find(charts, "ConfigMap", "custom-metrics", "prometheus-adapter").at("/data/config.yaml").asText();
    assertThat(rules).contains("agent_active_sessions{").contains("lk_agents_active_job_count{");
  }

  /** Fails when one identity (apiVersion, kind, namespace, name) is written twice with different content. */
  static int assertNoConflictingDuplicates(Map<String, List<JsonNode>> charts) {
    var seen = new HashMap<String, JsonNode>();
    int duplicates = 0;
    for (var doc : charts.values().stream().flatMap(List::stream).toList()) {
      String identity = doc.path("apiVersion").asText() + " " + doc.path("kind").asText() + " "
          + doc.at("/metadata/namespace").asText() + "/" + doc.at("/metadata/name").asText();
      JsonNode before = seen.putIfAbsent(identity, doc);
      if (before != null) {
        duplicates++;
        assertThat(doc).as(identity + " is written twice, differently").isEqualTo(before);
      }
    }
    return duplicates;
  }

  @Test
  void twoProfilesNamingOneDeploymentInOneClusterAreRefused() {
    var a = ScalingProfile.ofDefaults("front-desk").toBuilder().deployment("agent").build();
    var b = ScalingProfile.ofDefaults("after-hours").toBuilder().deployment("agent").build();
    var grouped = ClusterPlan.group(List.of(new ClusterPlan.Agent(a, CapacityPlan.from(a)),
        new ClusterPlan.Agent(b, CapacityPlan.from(b))));
    assertThat(grouped.problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("kubernetes.deployment");
      assertThat(p.message()).contains("after-hours").contains("front-desk").contains("livekit/agent");
    });
  }

  @Test
  void profilesOfOneClusterMustAgreeOnClusterWideFields() {
    var a = ScalingProfile.ofDefaults("front-desk");
    var b = ScalingProfile.ofDefaults("after-hours").toBuilder().kubernetesVersion("1.34").systemNodes(3).build();
    var grouped = ClusterPlan.group(List.of(new ClusterPlan.Agent(a, CapacityPlan.from(a)),
        new ClusterPlan.Agent(b, CapacityPlan.from(b))));
    assertThat(grouped.problems()).extracting(p -> p.path())
        .containsExactlyInAnyOrder("aws.kubernetes_version", "cluster.system_nodes");
    assertThat(grouped.problems().get(0).message()).contains("share cluster voice-agents")
        .contains("or give one another aws.cluster_name");
    var apart = ClusterPlan.group(List.of(new ClusterPlan.Agent(a, CapacityPlan.from(a)),
        new ClusterPlan.Agent(b.toBuilder().clusterName("staging").build(), CapacityPlan.from(b))));
    assertThat(apart.problems()).isEmpty();
    assertThat(apart.clusters()).hasSize(2);
  }

  @Test
  void anExistingClusterGetsTheAdapterButNoAutoscalerOrPrometheusUnlessAsked(@TempDir Path out) throws Exception {
    var existing = ScalingProfile.ofDefaults("front-desk").toBuilder().clusterMode(ClusterMode.EXISTING)
        .clusterName("prod").build();
    var charts = KubernetesManifestsTest.synthesize(plan(existing), out);
    var all = charts.values().stream().flatMap(List::stream).toList();
    assertThat(all).noneMatch(d -> d.at("/metadata/name").asText().equals("cluster-autoscaler"));
    assertThat(all).noneMatch(d -> d.at("/metadata/namespace").asText().equals("monitoring"));
    var adapter = find(charts, "Deployment", "custom-metrics", "prometheus-adapter");
    assertThat(adapter.at("/spec/template/spec/nodeSelector").isMissingNode()).isTrue();
    assertThat(args(adapter)).contains("--prometheus-url=http://prometheus-server.monitoring.svc:80");
    assertThat(plan(existing).findings()).anyMatch(f -> f.rule().equals("no-node-autoscaler"));

    var opted = existing.toBuilder().autoscaler(true).build();
    assertThat(plan(opted).autoscaler()).isNotNull();
    assertThat(plan(opted).findings()).anyMatch(f -> f.rule().equals("autoscaler-needs-aws-role"));
  }
}
