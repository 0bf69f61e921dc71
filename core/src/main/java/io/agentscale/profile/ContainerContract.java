package io.agentscale.profile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the agent Deployment imposes on the container, named once: the Kubernetes side writes it, the validator keeps
 * a profile from overriding it, and README's "The container contract" describes it.
 *
 * <ul>
 *   <li>It runs as uid and gid {@value #UID}, non-root, without capabilities, with a read-only root filesystem: only
 *       {@value #TMP_PATH} ({@value #TMP_SIZE_GIB} GiB emptyDir) and the profile's own volumes are writable.
 *   <li>It serves /metrics on the port named {@code metrics} and its health endpoint on the port named {@code health}.
 *   <li>It receives SIGTERM when a scale-in or rollout removes it, then has the grace period to drain.
 * </ul>
 */
public final class ContainerContract {
  private ContainerContract() {}

  /** A non-root uid; the LiveKit agent images and the adapter both run as 10001. */
  public static final int UID = 10001;
  /** The writable scratch directory every agent pod has; Python's tempfile and most SDK caches use it. */
  public static final String TMP_PATH = "/tmp";
  /** The name of the {@value #TMP_PATH} volume in the pod. */
  public static final String TMP_VOLUME = "tmp";
  /** Size limit of the {@value #TMP_PATH} emptyDir; the node's root volume holds this much per worker. */
  public static final int TMP_SIZE_GIB = 1;

  /** The worker's drain timeout in seconds; README shows how an agent reads it. */
  public static final String DRAIN_TIMEOUT_ENV = "AGENT_DRAIN_TIMEOUT";
  public static final String METRICS_PORT_ENV = "AGENT_METRICS_PORT";
  public static final String SESSIONS_PER_WORKER_ENV = "AGENT_SESSIONS_PER_WORKER";
  /** The LiveKit credentials, read by key from {@code kubernetes.credentials_secret}. */
  public static final java.util.List<String> LIVEKIT_ENV =
      java.util.List.of("LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET");

  /** Where EKS Pod Identity mounts the token the AWS SDKs exchange for the agent role's credentials. */
  public static final String POD_IDENTITY_PATH = "/var/run/secrets/pods.eks.amazonaws.com/serviceaccount";
  /** The variables EKS Pod Identity sets, which point the AWS SDKs at the agent role. */
  public static final java.util.List<String> POD_IDENTITY_ENV =
      java.util.List.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");

  /** Every variable the container receives from the Deployment (or EKS), with the profile field it comes from. */
  public static Map<String, String> env(ScalingProfile p) {
    var env = new LinkedHashMap<String, String>();
    LIVEKIT_ENV.forEach(name -> env.put(name, "kubernetes.credentials_secret"));
    env.put(DRAIN_TIMEOUT_ENV, "kubernetes.drain_timeout");
    env.put(METRICS_PORT_ENV, "metrics.port");
    env.put(SESSIONS_PER_WORKER_ENV, "agent.scaling.sessions_per_worker");
    if (!p.aws().agentRolePolicyArns().isEmpty()) {
      POD_IDENTITY_ENV.forEach(name -> env.put(name, "aws.agent_role_policy_arns (EKS Pod Identity)"));
    }
    return env;
  }

  /** Every path the pod mounts before the profile's volumes, with what it is. */
  public static Map<String, String> mounts(ScalingProfile p) {
    var mounts = new LinkedHashMap<String, String>();
    mounts.put(TMP_PATH, "the writable scratch directory");
    if (!p.aws().agentRolePolicyArns().isEmpty()) {
      mounts.put(POD_IDENTITY_PATH, "the EKS Pod Identity token");
    }
    return mounts;
  }
}
