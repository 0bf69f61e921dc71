package io.agentscale.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The rules a profile must meet, as a plain function from a profile to every problem found. */
public final class ProfileValidator {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern CIDR = Pattern.compile(
      "((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)/(3[0-2]|[12]?\\d)");
  /** The retention periods CloudWatch Logs accepts, in days. */
  static final java.util.Set<Integer> LOG_RETENTIONS = java.util.Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180,
      365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
  private static final Pattern ADMIN_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:(role|user)/[\\w+=,.@/-]{1,512}");
  /** EKS cluster names: letters, digits, '-' and '_', starting with a letter or digit, at most 100 characters. */
  private static final Pattern CLUSTER_NAME = Pattern.compile("[0-9A-Za-z][A-Za-z0-9\\-_]{0,99}");
  /** A container image reference, as the distribution reference grammar defines it: [host[:port]/]path[:tag][@digest]. */
  private static final Pattern IMAGE = Pattern.compile(
      "(?:(?<host>(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*"
          + "[a-zA-Z0-9]))*|\\[[0-9a-fA-F:]+\\])(?::(?<port>[0-9]+))?/)?"
          + "(?<path>[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)"
          + "(?::(?<tag>[\\w][\\w.-]{0,127}))?"
          + "(?:@(?<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?");
  /** An environment variable name that every shell and SDK reads: a C identifier. */
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  /** A key of a Secret or ConfigMap. */
  private static final Pattern OBJECT_KEY = Pattern.compile("[-._a-zA-Z0-9]{1,253}");
  /** A DNS-1123 subdomain: Secret, ConfigMap and ServiceAccount names. */
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  /** A storage quantity: plain bytes or a decimal or binary suffix (the suffixes Kubernetes documents for memory). */
  private static final Pattern QUANTITY = Pattern.compile("(\\d+(\\.\\d+)?)(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?");
  private static final Pattern POLICY_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::(aws|\\d{12}):policy/[\\w+=,.@/-]{1,512}");
  private static final Pattern ADDON_VERSION = Pattern.compile("v\\d+\\.\\d+\\.\\d+-eksbuild\\.\\d+");

  private ProfileValidator() {}

  public static List<Problem> check(ScalingProfile p) {
    var found = new Found();
    checkRanges(p, found);
    checkScaling(p, found);
    checkKubernetes(p, found);
    checkWorkload(p, found);
    checkMetrics(p, found);
    checkAws(p, found);
    checkCluster(p, found);
    checkTraffic(p, found);
    checkSuppressions(p, found);
    return List.copyOf(found.list);
  }

  /**
   * Every field's typed range from {@link ProfileSchema}, in one pass: the limits the field reference documents, and
   * a floor that names another field ({@code max_workers >= min_workers}). A field left unset (null) has nothing to
   * check. The checks below are the ones a range cannot state: formats, choices and other relations.
   */
  private static void checkRanges(ScalingProfile p, Found f) {
    for (ProfileSchema.Field field : ProfileSchema.FIELDS) {
      Object value = field.get().apply(p);
      if (value != null) {
        field.range().problem(value, path -> ProfileSchema.field(path).get().apply(p))
            .ifPresent(message -> f.add(field.path(), message));
      }
    }
  }

  private static void checkScaling(ScalingProfile p, Found f) {
    f.dnsLabel("agent.name", p.name());
    var s = p.scaling();
    if (s.scaleDownThreshold() >= s.scaleUpThreshold() && s.scaleDownThreshold() > 0 && s.scaleUpThreshold() > 0) {
      f.add("agent.scaling.scale_down_threshold",
          "must be below agent.scaling.scale_up_threshold (" + s.scaleUpThreshold() + "), got "
              + s.scaleDownThreshold());
    }
    if (s.sessionsPerWorker() >= 1 && s.scaleUpThreshold() > 0 && s.scaleUpThreshold() <= 1
        && s.targetSessionsPerWorker() < 1) {
      f.add("agent.scaling.scale_up_threshold",
          "sessions_per_worker × scale_up_threshold = " + round(s.targetSessionsPerWorker())
              + " is below one session, so the HPA would scale on an idle worker; raise the threshold to at least "
              + round(1.0 / s.sessionsPerWorker()) + ", got " + s.scaleUpThreshold());
    }
  }

  private static void checkKubernetes(ScalingProfile p, Found f) {
    var k = p.kubernetes();
    f.dnsLabel("kubernetes.namespace", k.namespace());
    f.dnsLabel("kubernetes.deployment", k.deployment());
    f.dnsLabel("kubernetes.credentials_secret", k.credentialsSecret());
    if (!isImageReference(k.image())) {
      f.add("kubernetes.image", "must be a container image reference such as "
          + "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:1.2.3 (lower-case path, optional :tag and "
          + "@sha256:digest), got '" + k.image() + "'");
    }
    if (k.prepullCommand() == null || k.prepullCommand().isBlank()
        || !k.prepullCommand().matches("[\\w./=:,+@-]+( [\\w./=:,+@-]+)*")) {
      f.add("kubernetes.prepull_command", "must be a command and plain arguments separated by single spaces, such as "
          + "'true' or 'python -c pass', got '" + k.prepullCommand() + "'");
    }
    if (k.healthPort() == p.metrics().port()) {
      f.add("kubernetes.health_port", "must differ from metrics.port (" + p.metrics().port() + "), got "
          + k.healthPort());
    }
  }

  private static void checkWorkload(ScalingProfile p, Found f) {
    var w = p.kubernetes().workload();
    String at = "kubernetes.workload.";
    var archs = p.kubernetes().imageArchitectures();
    if (archs.size() != new java.util.HashSet<>(archs).size()) {
      f.add("kubernetes.image_architectures", "lists an architecture twice, got " + archs.stream()
          .map(Architecture::label).toList());
    }
    Map<String, String> contract = ContainerContract.env(p);
    Map<String, String> named = new java.util.HashMap<>(); // variable -> where the profile first sets it
    w.env().keySet().forEach(name -> f.envName(at + "env." + name, name, contract, named));
    for (int i = 0; i < w.envFrom().size(); i++) {
      var e = w.envFrom().get(i);
      String item = at + "env_from[" + i + "]";
      f.oneSource(item, "secret", e.secret(), "config_map", e.configMap(), null, null);
      f.subdomain(item + ".secret", e.secret());
      f.subdomain(item + ".config_map", e.configMap());
      if (e.name() != null) {
        f.envName(item + ".name", e.name(), contract, named);
        if (e.key() != null && !OBJECT_KEY.matcher(e.key()).matches()) {
          f.add(item + ".key", "must be a Secret or ConfigMap key (letters, digits, '-', '_' and '.'), got '"
              + e.key() + "'");
        }
        if (e.prefix() != null) {
          f.add(item + ".prefix", "applies to a whole Secret or ConfigMap: remove it, or remove name to take every "
              + "key, got '" + e.prefix() + "'");
        }
      } else {
        if (e.key() != null) {
          f.add(item + ".key", "needs name, the variable to set from it; without name every key becomes a variable, "
              + "got '" + e.key() + "'");
        }
        if (e.prefix() != null && !ENV_NAME.matcher(e.prefix()).matches()) {
          f.add(item + ".prefix", "must start a C identifier (letters, digits and '_', not starting with a digit), "
              + "got '" + e.prefix() + "'");
        }
      }
    }
    for (int i = 0; i < w.command().size(); i++) {
      if (w.command().get(i).isEmpty()) {
        f.add(at + "command[" + i + "]", "must not be empty");
      }
    }
    checkVolumes(p, f);
    var sa = w.serviceAccount();
    f.subdomain(at + "service_account.name", sa.name());
    var storage = w.ephemeralStorage();
    Long request = f.quantity(at + "ephemeral_storage.request", storage.request());
    Long limit = f.quantity(at + "ephemeral_storage.limit", storage.limit());
    if (request != null && limit != null && request > limit) {
      f.add(at + "ephemeral_storage.request", "must be <= " + at + "ephemeral_storage.limit (" + storage.limit()
          + "), got '" + storage.request() + "'");
    }
    var arns = p.aws().agentRolePolicyArns();
    for (int i = 0; i < arns.size(); i++) {
      if (!POLICY_ARN.matcher(arns.get(i)).matches()) {
        f.add("aws.agent_role_policy_arns[" + i + "]", "must be an IAM managed policy ARN such as "
            + "arn:aws:iam::aws:policy/AmazonBedrockLimitedAccess or arn:aws:iam::123456789012:policy/agent-s3, got '"
            + arns.get(i) + "'");
      }
    }
    if (!arns.isEmpty() && sa.name() == null) {
      f.add("aws.agent_role_policy_arns", "needs kubernetes.workload.service_account.name: EKS Pod Identity binds "
          + "the role to one ServiceAccount, so name the one the agent pods run as");
    }
  }

  private static void checkVolumes(ScalingProfile p, Found f) {
    var volumes = p.kubernetes().workload().volumes();
    Map<String, String> mounts = new java.util.LinkedHashMap<>(ContainerContract.mounts(p));
    var names = new java.util.HashSet<String>();
    for (int i = 0; i < volumes.size(); i++) {
      var v = volumes.get(i);
      String item = "kubernetes.workload.volumes[" + i + "]";
      if (v.name() == null) {
        f.add(item + ".name", "is required: name the volume, such as model-cache");
      } else if (v.name().equals(ContainerContract.TMP_VOLUME)) {
        f.add(item + ".name", "is the volume the Deployment mounts at " + ContainerContract.TMP_PATH
            + ": choose another name, got '" + v.name() + "'");
      } else if (!names.add(v.name())) {
        f.add(item + ".name", "names another volume too: volume names must be unique, got '" + v.name() + "'");
      } else {
        f.dnsLabel(item + ".name", v.name());
      }
      f.oneSource(item, "empty_dir", v.emptyDir(), "config_map", v.configMap(), "secret", v.secret());
      f.quantity(item + ".empty_dir", v.emptyDir());
      f.subdomain(item + ".config_map", v.configMap());
      f.subdomain(item + ".secret", v.secret());
      String path = v.mountPath();
      if (path == null) {
        f.add(item + ".mount_path", "is required: the absolute path the volume appears at, such as /models");
        continue;
      }
      if (!path.startsWith("/") || path.equals("/") || java.util.Arrays.asList(path.split("/")).contains("..")
          || path.contains(":")) {
        f.add(item + ".mount_path", "must be an absolute path below / without '..' or ':', such as /models, got '"
            + path + "'");
        continue;
      }
      String clean = path.replaceAll("/+$", "");
      for (var taken : mounts.entrySet()) {
        if (clean.equals(taken.getKey()) || clean.startsWith(taken.getKey() + "/")
            || taken.getKey().startsWith(clean + "/")) {
          f.add(item + ".mount_path", "collides with " + taken.getKey() + " (" + taken.getValue() + "): choose a "
              + "path outside it, such as /var/cache/agent, got '" + path + "'");
          break;
        }
      }
      mounts.putIfAbsent(clean, "volume '" + v.name() + "'");
    }
  }

  private static void checkMetrics(ScalingProfile p, Found f) {
    var m = p.metrics();
    if (m.name() == null || !METRIC_NAME.matcher(m.name()).matches()) {
      f.add("metrics.name", "must be a Prometheus metric name such as agent_active_sessions, got '" + m.name() + "'");
    }
    String urlProblem = urlProblem(m.prometheusUrl());
    if (urlProblem != null) {
      f.add("metrics.prometheus_url", "must be an http:// or https:// URL such as "
          + "http://prometheus.monitoring.svc:9090 (" + urlProblem + "), got '" + m.prometheusUrl() + "'");
    }
  }

  private static void checkAws(ScalingProfile p, Found f) {
    var a = p.aws();
    if (a.instanceType() == null || !a.instanceType().matches("[a-z0-9-]+\\.[a-z0-9-]+")) {
      f.add("aws.instance_type", "must be an EC2 instance type such as m6i.xlarge, got '" + a.instanceType() + "'");
    }
    if ((a.instanceVcpus() == null) != (a.instanceMemoryGiB() == null)) {
      f.add(a.instanceVcpus() == null ? "aws.instance_vcpus" : "aws.instance_memory_gib",
          "must be given together with " + (a.instanceVcpus() == null ? "aws.instance_memory_gib" : "aws.instance_vcpus")
              + " for an instance type outside the catalog");
    }
    int minZones = a.clusterMode() == ClusterMode.NEW ? 2 : 1;
    if (a.availabilityZones() < minZones || a.availabilityZones() > 6) {
      f.add("aws.availability_zones", "must be between " + minZones + " and 6"
          + (minZones == 2 ? " for a new cluster (EKS needs subnets in two zones)" : "") + ", got "
          + a.availabilityZones());
    }
    if (a.clusterMode() == ClusterMode.EXISTING && (a.clusterName() == null || a.clusterName().isBlank())) {
      f.add("aws.cluster_name", "is required when aws.cluster_mode is EXISTING: name the cluster to join");
    } else if (a.clusterName() != null && !CLUSTER_NAME.matcher(a.clusterName()).matches()) {
      f.add("aws.cluster_name", "must be an EKS cluster name (letters, digits, '-' and '_', starting with a letter "
          + "or digit, at most 100 characters), got '" + a.clusterName() + "'");
    }
    if (a.publicEndpointCidrs() != null) {
      for (String cidr : a.publicEndpointCidrs().split(",", -1)) {
        if (!CIDR.matcher(cidr.trim()).matches()) {
          f.add("aws.public_endpoint_cidrs", "must be comma-separated IPv4 CIDRs such as 203.0.113.7/32, got '"
              + cidr.trim() + "'");
        }
      }
    }
    if (!LOG_RETENTIONS.contains(a.logRetentionDays())) {
      f.add("aws.log_retention_days", "must be a CloudWatch Logs retention such as 30, 90 or 365 days, got "
          + a.logRetentionDays());
    }
    if (a.kubernetesVersion() == null || !a.kubernetesVersion().matches("1\\.(2[89]|3[0-6])")) {
      f.add("aws.kubernetes_version", "must be an EKS version from 1.28 to 1.36, got '" + a.kubernetesVersion() + "'");
    }
  }

  private static void checkSuppressions(ScalingProfile p, Found f) {
    var seen = new java.util.HashSet<String>();
    for (int i = 0; i < p.suppressions().size(); i++) {
      var s = p.suppressions().get(i);
      String at = "suppressions[" + i + "]";
      if (s.rule() == null || s.rule().isBlank()) {
        f.add(at + ".rule", "is required: the id of the finding to suppress, as plan prints it");
      } else if (!seen.add(s.rule())) {
        f.add(at + ".rule", "suppresses '" + s.rule() + "' a second time: keep one entry");
      }
      if (s.reason() == null || s.reason().isBlank()) {
        f.add(at + ".reason", "is required: say why the finding is accepted (a load-test result, a decision)");
      }
    }
  }

  private static void checkTraffic(ScalingProfile p, Found f) {
    var t = p.traffic();
    if (t.peakConcurrentCalls() != null && t.peakCallsPerMinute() != null) {
      f.add("traffic.peak_calls_per_minute", "state the peak once: remove it or traffic.peak_concurrent_calls ("
          + t.peakConcurrentCalls() + "), got " + t.peakCallsPerMinute());
    }
  }

  private static void checkCluster(ScalingProfile p, Found f) {
    var c = p.cluster();
    if (c.systemInstanceType() == null || !c.systemInstanceType().matches("[a-z0-9-]+\\.[a-z0-9-]+")) {
      f.add("cluster.system_instance_type", "must be an EC2 instance type such as m6i.large, got '"
          + c.systemInstanceType() + "'");
    }
    if (c.adminPrincipalArn() != null && !ADMIN_ARN.matcher(c.adminPrincipalArn()).matches()) {
      f.add("cluster.admin_principal_arn", "must be an IAM role or user ARN such as "
          + "arn:aws:iam::123456789012:role/Admin, got '" + c.adminPrincipalArn() + "'");
    }
    var v = c.addonVersions();
    f.addonVersion("cluster.addon_versions.vpc_cni", v.vpcCni());
    f.addonVersion("cluster.addon_versions.coredns", v.coredns());
    f.addonVersion("cluster.addon_versions.kube_proxy", v.kubeProxy());
    f.addonVersion("cluster.addon_versions.eks_pod_identity_agent", v.podIdentityAgent());
  }

  /**
   * An image reference the grammar accepts, its registry port 1 to 65535 and its repository name (registry and path)
   * at most 255 characters, the grammar's limit.
   */
  private static boolean isImageReference(String image) {
    var m = image == null ? null : IMAGE.matcher(image);
    if (m == null || !m.matches()) {
      return false;
    }
    String port = m.group("port");
    boolean portOk = port == null || (port.length() <= 5 && Integer.parseInt(port) >= 1
        && Integer.parseInt(port) <= 65535);
    int nameLength = m.end("path") - (m.group("host") == null ? m.start("path") : m.start("host"));
    return portOk && nameLength <= 255;
  }

  /** What is wrong with a Prometheus URL, or null when it is a usable http(s) URL. */
  static String urlProblem(String url) {
    if (url == null || url.isBlank()) {
      return "it is empty";
    }
    if (!url.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      return "only printable ASCII: write an international host name in its xn-- form";
    }
    java.net.URI uri;
    try {
      uri = new java.net.URI(url);
    } catch (java.net.URISyntaxException e) {
      return e.getReason() + " at index " + e.getIndex();
    }
    if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
      return "the scheme must be http or https";
    }
    if (uri.getHost() == null) {
      boolean badPort = uri.getRawAuthority() != null && uri.getRawAuthority().matches("[^:@]+:[^:]*")
          && !uri.getRawAuthority().matches("[^:@]+:\\d{1,5}");
      return badPort ? "the port must be 1 to 65535" : "it has no valid host name";
    }
    if (uri.getRawUserInfo() != null) {
      return "credentials do not belong in the URL";
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      return "the port must be 1 to 65535";
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return "the adapter adds its own query: remove '?' and '#' parts";
    }
    return null;
  }

  private static String round(double v) {
    return String.valueOf(Math.round(v * 1000) / 1000.0);
  }

  /** The bytes of a storage quantity, or null when it is not one. */
  public static Long bytes(String quantity) {
    var m = quantity == null ? null : QUANTITY.matcher(quantity);
    if (m == null || !m.matches()) {
      return null;
    }
    String suffix = m.group(3) == null ? "" : m.group(3);
    long unit = switch (suffix) {
      case "Ki" -> 1L << 10;
      case "Mi" -> 1L << 20;
      case "Gi" -> 1L << 30;
      case "Ti" -> 1L << 40;
      case "Pi" -> 1L << 50;
      case "k" -> 1_000L;
      case "M" -> 1_000_000L;
      case "G" -> 1_000_000_000L;
      case "T" -> 1_000_000_000_000L;
      case "P" -> 1_000_000_000_000_000L;
      default -> 1L;
    };
    double value = Double.parseDouble(m.group(1)) * unit;
    return value > Long.MAX_VALUE / 2 ? null : (long) Math.ceil(value);
  }

  /** Collects problems; small helpers keep each message in the same shape. */
  private static final class Found {
    final List<Problem> list = new ArrayList<>();

    /** A variable name the profile sets: a C identifier, not one the Deployment sets, not set twice. */
    void envName(String path, String name, Map<String, String> contract, Map<String, String> named) {
      if (!ENV_NAME.matcher(name).matches()) {
        add(path, "must be a C identifier (letters, digits and '_', not starting with a digit), got '" + name + "'");
      } else if (contract.containsKey(name)) {
        add(path, "'" + name + "' is set by the Deployment from " + contract.get(name) + ": change that field "
            + "instead, or give your variable another name");
      } else if (named.containsKey(name)) {
        add(path, "'" + name + "' is already set at " + named.get(name) + ": set each variable once");
      } else {
        named.put(name, path);
      }
    }

    /** Exactly one of two or three sources ({@code c} null when there are two). */
    void oneSource(String path, String a, String aValue, String b, String bValue, String c, String cValue) {
      var given = new ArrayList<String>();
      if (aValue != null) {
        given.add(a);
      }
      if (bValue != null) {
        given.add(b);
      }
      if (cValue != null) {
        given.add(c);
      }
      String choices = c == null ? a + " or " + b : a + ", " + b + " or " + c;
      if (given.size() != 1) {
        add(path, "must name exactly one of " + choices + ", got " + (given.isEmpty() ? "none" : String.join(
            " and ", given)));
      }
    }

    void subdomain(String path, String value) {
      if (value != null && (value.length() > 253 || !DNS_SUBDOMAIN.matcher(value).matches())) {
        add(path, "must be a Kubernetes object name (lower-case letters, digits, '-' and '.', starting and ending "
            + "with a letter or digit), got '" + value + "'");
      }
    }

    /** The bytes of an optional quantity; a problem, and null, when it is not one. */
    Long quantity(String path, String value) {
      if (value == null) {
        return null;
      }
      Long bytes = bytes(value);
      if (bytes == null || bytes == 0) {
        add(path, "must be a positive quantity such as 2Gi or 500Mi, got '" + value + "'");
      }
      return bytes;
    }

    void add(String path, String message) {
      list.add(new Problem(path, message));
    }

    void addonVersion(String path, String value) {
      if (value != null && !ADDON_VERSION.matcher(value).matches()) {
        add(path, "must be an EKS add-on version such as v1.19.2-eksbuild.1 (aws eks describe-addon-versions), "
            + "got '" + value + "'");
      }
    }

    void dnsLabel(String path, String value) {
      if (value == null || value.isEmpty()) {
        add(path, "is required");
      } else if (value.length() > 63 || !DNS_LABEL.matcher(value).matches()) {
        add(path, "must be a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a "
            + "letter or digit, at most 63 characters), got '" + value + "'");
      }
    }
  }
}
