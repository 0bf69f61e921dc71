package io.agentscale.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A table of broken profiles, each with the exact path and message the user sees. */
class InvalidProfilesTest {
  static final String SEED = """
      agent:
        name: dental-receptionist
        scaling:
          min_workers: 2
          max_workers: 50
          sessions_per_worker: 5
          scale_up_threshold: 0.8 # Add workers when 80% of capacity is in use
          scale_down_threshold: 0.3 # Remove workers when below 30% utilization
          scale_down_delay: 300s # Wait 5 min before scaling down
          warmup_time: 30s # Time for a new worker to become ready
      """;

  /** The seed with one line replaced. */
  static String seedWith(String line, String replacement) {
    assertThat(SEED).contains(line);
    return SEED.replace(line, replacement);
  }

  static String seedPlus(String extra) {
    return SEED + extra;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("empty file", "",
            "agent", "is required, but the file is empty; start from stacks/dental-receptionist.yaml"),
        Arguments.of("not a mapping", "- agent\n",
            "agent", "is required: the file must be a mapping with an agent section, got a list"),
        Arguments.of("malformed YAML", "agent:\n  name: [a\n",
            "line 2, column 11", "malformed YAML: while parsing a flow sequence; "
                + "expected ',' or ']', but got <stream end>"),
        Arguments.of("unknown key with suggestion", seedWith("    max_workers: 50", "    max_worker: 50"),
            "agent.scaling.max_worker", "unknown key; did you mean 'max_workers'?"),
        Arguments.of("unknown section", seedPlus("kubernets:\n  namespace: x\n"),
            "kubernets", "unknown key; did you mean 'kubernetes'?"),
        Arguments.of("unknown key far from any", seedPlus("kubernetes:\n  colour: blue\n"),
            "kubernetes.colour", "unknown key; allowed here: workload, hpa, namespace, deployment, image, "
                + "credentials_secret, grace_period, drain_timeout, health_port, pod_monitor, prepull_image, "
                + "prepull_command, image_architectures"),
        Arguments.of("missing required field", seedWith("    warmup_time: 30s # Time for a new worker to become ready\n", ""),
            "agent.scaling.warmup_time", "is required"),
        Arguments.of("integer as text", seedWith("min_workers: 2", "min_workers: two"),
            "agent.scaling.min_workers", "must be a whole number, got 'two'"),
        Arguments.of("integer with fraction", seedWith("min_workers: 2", "min_workers: 2.5"),
            "agent.scaling.min_workers", "must be a whole number, got 2.5"),
        Arguments.of("threshold as percent text", seedWith("scale_up_threshold: 0.8", "scale_up_threshold: 80%"),
            "agent.scaling.scale_up_threshold", "must be a number such as 0.8, got '80%'"),
        Arguments.of("threshold above one", seedWith("scale_up_threshold: 0.8", "scale_up_threshold: 1.5"),
            "agent.scaling.scale_up_threshold", "must be greater than 0 and at most 1, got 1.5"),
        Arguments.of("threshold zero", seedWith("scale_down_threshold: 0.3", "scale_down_threshold: 0"),
            "agent.scaling.scale_down_threshold", "must be greater than 0 and at most 1, got 0.0"),
        Arguments.of("down threshold not below up", seedWith("scale_down_threshold: 0.3", "scale_down_threshold: 0.9"),
            "agent.scaling.scale_down_threshold", "must be below agent.scaling.scale_up_threshold (0.8), got 0.9"),
        Arguments.of("min workers zero", seedWith("min_workers: 2", "min_workers: 0"),
            "agent.scaling.min_workers", "must be at least 1, got 0"),
        Arguments.of("max below min", seedWith("max_workers: 50", "max_workers: 1"),
            "agent.scaling.max_workers", "must be >= agent.scaling.min_workers (2), got 1"),
        Arguments.of("zero sessions per worker", seedWith("sessions_per_worker: 5", "sessions_per_worker: 0"),
            "agent.scaling.sessions_per_worker", "must be at least 1, got 0"),
        Arguments.of("unparseable duration", seedWith("scale_down_delay: 300s", "scale_down_delay: five minutes"),
            "agent.scaling.scale_down_delay", "must be a duration such as 30s, 5m or 1h30m, got 'five minutes'"),
        Arguments.of("negative duration", seedWith("warmup_time: 30s", "warmup_time: -30s"),
            "agent.scaling.warmup_time", "must not be negative, got '-30s'"),
        Arguments.of("duration too long", seedWith("scale_down_delay: 300s", "scale_down_delay: 2h"),
            "agent.scaling.scale_down_delay", "must be at most 3600s, got 7200s"),
        Arguments.of("name not a DNS label", seedWith("name: dental-receptionist", "name: Dental_Receptionist"),
            "agent.name", "must be a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a "
                + "letter or digit, at most 63 characters), got 'Dental_Receptionist'"),
        Arguments.of("name missing value", seedWith("name: dental-receptionist", "name:"),
            "agent.name", "has no value; give one or remove the key to use the default (required)"),
        Arguments.of("target below one session", seedWith("sessions_per_worker: 5", "sessions_per_worker: 1"),
            "agent.scaling.scale_up_threshold", "sessions_per_worker × scale_up_threshold = 0.8 is below one "
                + "session, so the HPA would scale on an idle worker; raise the threshold to at least 1.0, got 0.8"),
        Arguments.of("section as scalar", seedPlus("kubernetes: yes\n"),
            "kubernetes", "must be a mapping of fields, got true"),
        Arguments.of("namespace invalid", seedPlus("kubernetes:\n  namespace: Live.Kit\n"),
            "kubernetes.namespace", "must be a DNS-1123 label (lower-case letters, digits and '-', starting and "
                + "ending with a letter or digit, at most 63 characters), got 'Live.Kit'"),
        Arguments.of("boolean as text", seedPlus("metrics:\n  install_adapter: maybe\n"),
            "metrics.install_adapter", "must be true or false, got 'maybe'"),
        Arguments.of("relist below scrape", seedPlus("metrics:\n  scrape_interval: 60s\n  adapter_relist_interval: 30s\n"),
            "metrics.adapter_relist_interval", "must be >= metrics.scrape_interval (60s) or the metric flickers out "
                + "of the adapter's discovery, got 30s"),
        Arguments.of("health port clashes with metrics", seedPlus("kubernetes:\n  health_port: 9090\n"),
            "kubernetes.health_port", "must differ from metrics.port (9090), got 9090"),
        Arguments.of("buffer too large", seedPlus("capacity:\n  buffer_fraction: 0.95\n"),
            "capacity.buffer_fraction", "must be between 0 and 0.9, got 0.95"),
        Arguments.of("provisioning max below min", seedPlus("capacity:\n  node_provisioning_min: 5m\n"),
            "capacity.node_provisioning_max", "must be >= capacity.node_provisioning_min (300s), got 240s"),
        Arguments.of("capacity type misspelt", seedPlus("aws:\n  capacity_type: spots\n"),
            "aws.capacity_type", "must be one of ON_DEMAND, SPOT, got 'spots'"),
        Arguments.of("existing cluster without name", seedPlus("aws:\n  cluster_mode: existing\n"),
            "aws.cluster_name", "is required when aws.cluster_mode is EXISTING: name the cluster to join"),
        Arguments.of("one zone for a new cluster", seedPlus("aws:\n  availability_zones: 1\n"),
            "aws.availability_zones", "must be between 2 and 6 for a new cluster (EKS needs subnets in two zones), "
                + "got 1"),
        Arguments.of("version unquoted", seedPlus("aws:\n  kubernetes_version: 1.30\n"),
            "aws.kubernetes_version", "must be a string (quote it: \"1.3\"), got 1.3"),
        Arguments.of("vcpus without memory", seedPlus("aws:\n  instance_type: x9.huge\n  instance_vcpus: 8\n"),
            "aws.instance_memory_gib", "must be given together with aws.instance_vcpus for an instance type "
                + "outside the catalog"),
        Arguments.of("duplicate key", seedPlus("agent:\n  name: again\n"),
            "line 11, column 6", "malformed YAML: Duplicate field 'agent'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsPathAndMessage(String title, String yaml, String path, String message) {
    var result = ProfileLoader.parse(yaml);

    assertThat(result.valid()).isFalse();
    assertThat(result.problems()).contains(new Problem(path, message));
  }
}
