package io.agentscale.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The kubernetes.workload section and the agent role: read, defaulted and checked under the path the user wrote. */
class WorkloadProfilesTest {
  static final String SEED = InvalidProfilesTest.SEED;

  static final String WORKLOAD = """
      kubernetes:
        image_architectures: [amd64, arm64]
        workload:
          command: [python, agent.py]
          args: [start]
          env:
            LOG_LEVEL: info
            PROMETHEUS_MULTIPROC_DIR: /var/run/prometheus
          env_from:
            - {name: OPENAI_API_KEY, secret: provider-keys, key: openai}
            - {name: DEEPGRAM_API_KEY, secret: provider-keys}
            - {name: REGION, config_map: agent-settings, key: region}
            - {secret: more-keys, prefix: X_}
          volumes:
            - {name: model-cache, mount_path: /models, empty_dir: 2Gi}
            - {name: prompts, mount_path: /etc/prompts, config_map: agent-prompts}
            - {name: certs, mount_path: /etc/certs, secret: agent-certs}
          service_account:
            name: voice-agent
            create: false
          ephemeral_storage:
            request: 3Gi
            limit: 4Gi
      aws:
        agent_role_policy_arns: [arn:aws:iam::aws:policy/AmazonPollyReadOnlyAccess]
      """;

  @Test
  void readsEveryWorkloadFieldInTheOrderWritten() {
    var p = ProfileLoader.parse(SEED + WORKLOAD).orThrow();
    var w = p.kubernetes().workload();

    assertThat(p.kubernetes().imageArchitectures()).containsExactly(Architecture.AMD64, Architecture.ARM64);
    assertThat(w.command()).containsExactly("python", "agent.py");
    assertThat(w.args()).containsExactly("start");
    assertThat(w.env()).containsExactly(Map.entry("LOG_LEVEL", "info"),
        Map.entry("PROMETHEUS_MULTIPROC_DIR", "/var/run/prometheus"));
    assertThat(w.envFrom()).containsExactly(
        new ScalingProfile.EnvSource("OPENAI_API_KEY", "provider-keys", null, "openai", null),
        new ScalingProfile.EnvSource("DEEPGRAM_API_KEY", "provider-keys", null, null, null),
        new ScalingProfile.EnvSource("REGION", null, "agent-settings", "region", null),
        new ScalingProfile.EnvSource(null, "more-keys", null, null, "X_"));
    assertThat(w.envFrom().get(1).keyOrName()).isEqualTo("DEEPGRAM_API_KEY");
    assertThat(w.volumes()).containsExactly(
        new ScalingProfile.Volume("model-cache", "/models", "2Gi", null, null),
        new ScalingProfile.Volume("prompts", "/etc/prompts", null, "agent-prompts", null),
        new ScalingProfile.Volume("certs", "/etc/certs", null, null, "agent-certs"));
    assertThat(w.serviceAccount()).isEqualTo(new ScalingProfile.ServiceAccount("voice-agent", false));
    assertThat(w.ephemeralStorage()).isEqualTo(new ScalingProfile.EphemeralStorage("3Gi", "4Gi"));
    assertThat(p.aws().agentRolePolicyArns()).containsExactly("arn:aws:iam::aws:policy/AmazonPollyReadOnlyAccess");
  }

  @Test
  void defaultsLeaveTheContainerAsTheImageBuiltIt() {
    var p = ScalingProfile.ofDefaults("t");
    var w = p.kubernetes().workload();

    assertThat(p.kubernetes().imageArchitectures()).isEqualTo(Defaults.IMAGE_ARCHITECTURES).isEmpty();
    assertThat(w.env()).isEmpty();
    assertThat(w.envFrom()).isEmpty();
    assertThat(w.command()).isEmpty();
    assertThat(w.args()).isEmpty();
    assertThat(w.volumes()).isEmpty();
    assertThat(w.serviceAccount()).isEqualTo(new ScalingProfile.ServiceAccount(null, Defaults.CREATE_SERVICE_ACCOUNT));
    assertThat(Defaults.CREATE_SERVICE_ACCOUNT).isTrue();
    assertThat(w.ephemeralStorage()).isEqualTo(new ScalingProfile.EphemeralStorage(null, null));
    assertThat(p.aws().agentRolePolicyArns()).isEmpty();
  }

  @Test
  void toBuilderKeepsTheWorkload() {
    var p = ProfileLoader.parse(SEED + WORKLOAD).orThrow();

    assertThat(p.toBuilder().build()).isEqualTo(p);
  }

  @Test
  void envOrderIsKeptAndTheCollectionsCannotBeChangedAfterwards() {
    var env = new java.util.LinkedHashMap<String, String>();
    env.put("Z_FIRST", "1");
    env.put("A_SECOND", "2");
    var p = ScalingProfile.builder().name("t").env(env).command(new java.util.ArrayList<>(List.of("run"))).build();
    env.put("LATER", "3");

    assertThat(p.kubernetes().workload().env().keySet()).containsExactly("Z_FIRST", "A_SECOND");
    assertThrows(UnsupportedOperationException.class, () -> p.kubernetes().workload().command().add("x"));
  }

  @Test
  void theBuilderReportsAnOverriddenContractVariableNamingBothFields() {
    var b = ScalingProfile.builder().name("t").env(Map.of("AGENT_SESSIONS_PER_WORKER", "9"));

    var e = assertThrows(InvalidProfileException.class, b::build);

    assertThat(e.problems()).containsExactly(new Problem("kubernetes.workload.env.AGENT_SESSIONS_PER_WORKER",
        "'AGENT_SESSIONS_PER_WORKER' is set by the Deployment from agent.scaling.sessions_per_worker: change that "
            + "field instead, or give your variable another name"));
  }

  @Test
  void everyWorkloadProblemIsReportedAtOnce() {
    var result = ProfileLoader.parse(SEED + """
        kubernetes:
          workload:
            env:
              LIVEKIT_URL: wss://x
              bad-name: 1
            env_from:
              - {name: OPENAI_API_KEY, secret: Provider_Keys}
              - {name: OPENAI_API_KEY, config_map: settings}
            volumes:
              - {name: cache, mount_path: /tmp, empty_dir: lots}
        """);

    assertThat(result.problems()).extracting(Problem::path).containsExactly(
        "kubernetes.workload.env.bad-name",
        "kubernetes.workload.env_from[0].secret",
        "kubernetes.workload.env_from[1].name",
        "kubernetes.workload.volumes[0].empty_dir",
        "kubernetes.workload.volumes[0].mount_path");
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("unknown key in a list item", "kubernetes:\n  workload:\n    env_from:\n"
                + "      - {name: A, secrte: keys}\n",
            "kubernetes.workload.env_from[0].secrte", "unknown key; did you mean 'secret'?"),
        Arguments.of("unknown key far from any item key", "kubernetes:\n  workload:\n    volumes:\n"
                + "      - {name: a, mount_path: /a, empty_dir: 1Gi, colour: blue}\n",
            "kubernetes.workload.volumes[0].colour",
            "unknown key; allowed here: name, mount_path, empty_dir, config_map, secret"),
        Arguments.of("unknown workload key", "kubernetes:\n  workload:\n    evn: {}\n",
            "kubernetes.workload.evn", "unknown key; did you mean 'env'?"),
        Arguments.of("list item of the wrong type", "kubernetes:\n  workload:\n    env_from:\n      - OPENAI_API_KEY\n",
            "kubernetes.workload.env_from[0]",
            "must be a mapping with keys name, secret, config_map, key, prefix, got 'OPENAI_API_KEY'"),
        Arguments.of("item value of the wrong type", "kubernetes:\n  workload:\n    env_from:\n"
                + "      - {name: A, secret: keys}\n      - {name: B, secret: [keys]}\n",
            "kubernetes.workload.env_from[1].secret", "must be a string, got a list"),
        Arguments.of("a list written as one string", "kubernetes:\n  workload:\n    command: python agent.py\n",
            "kubernetes.workload.command", "must be a list such as [python, agent.py], got 'python agent.py'"),
        Arguments.of("a number in a string list", "kubernetes:\n  workload:\n    args: [start, 8]\n",
            "kubernetes.workload.args[1]", "must be a string (quote it: \"8\"), got 8"),
        Arguments.of("an empty command", "kubernetes:\n  workload:\n    command: [python, '']\n    args: []\n",
            "kubernetes.workload.command[1]", "must not be empty"),
        Arguments.of("env as a list", "kubernetes:\n  workload:\n    env: [LOG_LEVEL=info]\n",
            "kubernetes.workload.env",
            "must be a mapping of NAME: value such as {LOG_LEVEL: info}, got a list"),
        Arguments.of("env value unquoted", "kubernetes:\n  workload:\n    env:\n      WORKERS: 4\n",
            "kubernetes.workload.env.WORKERS", "must be a string (quote it: \"4\"), got 4"),
        Arguments.of("env name not an identifier", "kubernetes:\n  workload:\n    env:\n      log-level: info\n",
            "kubernetes.workload.env.log-level",
            "must be a C identifier (letters, digits and '_', not starting with a digit), got 'log-level'"),
        Arguments.of("env overrides a contract variable", "kubernetes:\n  workload:\n    env:\n"
                + "      AGENT_DRAIN_TIMEOUT: '60'\n",
            "kubernetes.workload.env.AGENT_DRAIN_TIMEOUT", "'AGENT_DRAIN_TIMEOUT' is set by the Deployment from "
                + "kubernetes.drain_timeout: change that field instead, or give your variable another name"),
        Arguments.of("env_from overrides the LiveKit credentials", "kubernetes:\n  workload:\n    env_from:\n"
                + "      - {name: LIVEKIT_API_SECRET, secret: other}\n",
            "kubernetes.workload.env_from[0].name", "'LIVEKIT_API_SECRET' is set by the Deployment from "
                + "kubernetes.credentials_secret: change that field instead, or give your variable another name"),
        Arguments.of("a variable set twice", "kubernetes:\n  workload:\n    env:\n      OPENAI_API_KEY: x\n"
                + "    env_from:\n      - {name: OPENAI_API_KEY, secret: keys}\n",
            "kubernetes.workload.env_from[0].name",
            "'OPENAI_API_KEY' is already set at kubernetes.workload.env.OPENAI_API_KEY: set each variable once"),
        Arguments.of("env_from with both sources", "kubernetes:\n  workload:\n    env_from:\n"
                + "      - {name: A, secret: keys, config_map: settings}\n",
            "kubernetes.workload.env_from[0]", "must name exactly one of secret or config_map, got secret and "
                + "config_map"),
        Arguments.of("env_from with no source", "kubernetes:\n  workload:\n    env_from:\n      - {name: A}\n",
            "kubernetes.workload.env_from[0]", "must name exactly one of secret or config_map, got none"),
        Arguments.of("a secret name that is no object name", "kubernetes:\n  workload:\n    env_from:\n"
                + "      - {name: A, secret: Provider_Keys}\n",
            "kubernetes.workload.env_from[0].secret", "must be a Kubernetes object name (lower-case letters, "
                + "digits, '-' and '.', starting and ending with a letter or digit), got 'Provider_Keys'"),
        Arguments.of("a key without a name", "kubernetes:\n  workload:\n    env_from:\n"
                + "      - {secret: keys, key: openai}\n",
            "kubernetes.workload.env_from[0].key", "needs name, the variable to set from it; without name every "
                + "key becomes a variable, got 'openai'"),
        Arguments.of("a prefix with a name", "kubernetes:\n  workload:\n    env_from:\n"
                + "      - {name: A, secret: keys, prefix: X_}\n",
            "kubernetes.workload.env_from[0].prefix", "applies to a whole Secret or ConfigMap: remove it, or remove "
                + "name to take every key, got 'X_'"),
        Arguments.of("a volume at /tmp", "kubernetes:\n  workload:\n    volumes:\n"
                + "      - {name: scratch, mount_path: /tmp, empty_dir: 1Gi}\n",
            "kubernetes.workload.volumes[0].mount_path", "collides with /tmp (the writable scratch directory): choose "
                + "a path outside it, such as /var/cache/agent, got '/tmp'"),
        Arguments.of("a volume above /tmp", "kubernetes:\n  workload:\n    volumes:\n"
                + "      - {name: root, mount_path: /, empty_dir: 1Gi}\n",
            "kubernetes.workload.volumes[0].mount_path", "must be an absolute path below / without '..' or ':', such "
                + "as /models, got '/'"),
        Arguments.of("a relative mount path", "kubernetes:\n  workload:\n    volumes:\n"
                + "      - {name: cache, mount_path: models, empty_dir: 1Gi}\n",
            "kubernetes.workload.volumes[0].mount_path", "must be an absolute path below / without '..' or ':', such "
                + "as /models, got 'models'"),
        Arguments.of("two volumes at one path", "kubernetes:\n  workload:\n    volumes:\n"
                + "      - {name: a, mount_path: /data, empty_dir: 1Gi}\n"
                + "      - {name: b, mount_path: /data/, config_map: settings}\n",
            "kubernetes.workload.volumes[1].mount_path", "collides with /data (volume 'a'): choose a path outside it, "
                + "such as /var/cache/agent, got '/data/'"),
        Arguments.of("a volume named tmp", "kubernetes:\n  workload:\n    volumes:\n"
                + "      - {name: tmp, mount_path: /scratch, empty_dir: 1Gi}\n",
            "kubernetes.workload.volumes[0].name", "is the volume the Deployment mounts at /tmp: choose another "
                + "name, got 'tmp'"),
        Arguments.of("a volume without a source", "kubernetes:\n  workload:\n    volumes:\n"
                + "      - {name: a, mount_path: /a}\n",
            "kubernetes.workload.volumes[0]", "must name exactly one of empty_dir, config_map or secret, got none"),
        Arguments.of("an emptyDir size that is no quantity", "kubernetes:\n  workload:\n    volumes:\n"
                + "      - {name: a, mount_path: /a, empty_dir: 2GB}\n",
            "kubernetes.workload.volumes[0].empty_dir", "must be a positive quantity such as 2Gi or 500Mi, got '2GB'"),
        Arguments.of("ephemeral request above its limit", "kubernetes:\n  workload:\n    ephemeral_storage:\n"
                + "      request: 5Gi\n      limit: 4Gi\n",
            "kubernetes.workload.ephemeral_storage.request",
            "must be <= kubernetes.workload.ephemeral_storage.limit (4Gi), got '5Gi'"),
        Arguments.of("ephemeral storage of the wrong type", "kubernetes:\n  workload:\n    ephemeral_storage:\n"
                + "      limit: [4Gi]\n",
            "kubernetes.workload.ephemeral_storage.limit", "must be a quantity such as 2Gi or 500Mi, got a list"),
        Arguments.of("an unknown architecture", "kubernetes:\n  image_architectures: [x86_64]\n",
            "kubernetes.image_architectures[0]", "must be one of AMD64, ARM64, got 'x86_64'"),
        Arguments.of("an architecture twice", "kubernetes:\n  image_architectures: [amd64, AMD64]\n",
            "kubernetes.image_architectures", "lists an architecture twice, got [amd64, amd64]"),
        Arguments.of("an agent role without a service account", "aws:\n  agent_role_policy_arns:\n"
                + "    - arn:aws:iam::aws:policy/AmazonPollyReadOnlyAccess\n",
            "aws.agent_role_policy_arns", "needs kubernetes.workload.service_account.name: EKS Pod Identity binds the "
                + "role to one ServiceAccount, so name the one the agent pods run as"),
        Arguments.of("a policy ARN that is no policy", "kubernetes:\n  workload:\n    service_account: {name: a}\n"
                + "aws:\n  agent_role_policy_arns: [arn:aws:iam::123456789012:role/agent]\n",
            "aws.agent_role_policy_arns[0]", "must be an IAM managed policy ARN such as "
                + "arn:aws:iam::aws:policy/AmazonBedrockLimitedAccess or arn:aws:iam::123456789012:policy/agent-s3, "
                + "got 'arn:aws:iam::123456789012:role/agent'"),
        Arguments.of("a service account that is no object name", "kubernetes:\n  workload:\n"
                + "    service_account: {name: Agent}\n",
            "kubernetes.workload.service_account.name", "must be a Kubernetes object name (lower-case letters, "
                + "digits, '-' and '.', starting and ending with a letter or digit), got 'Agent'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsPathAndMessage(String title, String yaml, String path, String message) {
    var result = ProfileLoader.parse(SEED + yaml);

    assertThat(result.valid()).isFalse();
    assertThat(result.problems()).contains(new Problem(path, message));
  }
}
