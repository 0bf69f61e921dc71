package io.agentscale.k8s;

import io.agentscale.profile.Durations;
import io.agentscale.plan.ClusterPlan;
import java.util.List;
import java.util.Map;
import org.cdk8s.plus28.k8s.ApiServiceSpec;
import org.cdk8s.plus28.k8s.ConfigMapVolumeSource;
import org.cdk8s.plus28.k8s.Container;
import org.cdk8s.plus28.k8s.ContainerPort;
import org.cdk8s.plus28.k8s.DeploymentSpec;
import org.cdk8s.plus28.k8s.EmptyDirVolumeSource;
import org.cdk8s.plus28.k8s.HttpGetAction;
import org.cdk8s.plus28.k8s.IntOrString;
import org.cdk8s.plus28.k8s.KubeApiService;
import org.cdk8s.plus28.k8s.KubeClusterRole;
import org.cdk8s.plus28.k8s.KubeClusterRoleBinding;
import org.cdk8s.plus28.k8s.KubeConfigMap;
import org.cdk8s.plus28.k8s.KubeDeployment;
import org.cdk8s.plus28.k8s.KubePodDisruptionBudget;
import org.cdk8s.plus28.k8s.KubeRoleBinding;
import org.cdk8s.plus28.k8s.KubeService;
import org.cdk8s.plus28.k8s.KubeServiceAccount;
import org.cdk8s.plus28.k8s.ObjectMeta;
import org.cdk8s.plus28.k8s.PodDisruptionBudgetSpec;
import org.cdk8s.plus28.k8s.PodSpec;
import org.cdk8s.plus28.k8s.PodTemplateSpec;
import org.cdk8s.plus28.k8s.PolicyRule;
import org.cdk8s.plus28.k8s.Probe;
import org.cdk8s.plus28.k8s.RoleRef;
import org.cdk8s.plus28.k8s.ServicePort;
import org.cdk8s.plus28.k8s.ServiceReference;
import org.cdk8s.plus28.k8s.ServiceSpec;
import org.cdk8s.plus28.k8s.Subject;
import org.cdk8s.plus28.k8s.Volume;
import org.cdk8s.plus28.k8s.VolumeMount;
import software.constructs.Construct;
import io.agentscale.metrics.AdapterRule;

/**
 * A complete prometheus-adapter install serving the sessions gauge on {@code custom.metrics.k8s.io}: service account,
 * RBAC, the rules ConfigMap (one rule per metric of the cluster's profiles), the Deployment on the system nodes, its
 * Service and the APIService. One adapter serves every profile in a cluster, so it is emitted once, with the cluster.
 */
public class PrometheusAdapter extends Construct {
  public static final String NAME = ClusterPlan.ADAPTER_NAME;
  public static final String NAMESPACE = ClusterPlan.ADAPTER_NAMESPACE;

  private final KubeServiceAccount serviceAccount;
  private final KubeConfigMap configMap;
  private final KubeDeployment deployment;
  private final KubeService service;
  private final KubeApiService apiService;

  /** @throws IllegalArgumentException naming the first prop that cannot be written */
  public PrometheusAdapter(Construct scope, String id, PrometheusAdapterProps adapter) {
    super(scope, id);
    adapter.validate();
    var labels = Labels.shared(NAME);
    var meta = ObjectMeta.builder().name(NAME).namespace(NAMESPACE).labels(labels).build();
    String config = AdapterRule.configYaml(adapter.metrics().stream().map(AdapterRule::forMetric).toList());

    serviceAccount = KubeServiceAccount.Builder.create(this, "ServiceAccount").metadata(meta).build();

    KubeClusterRole.Builder.create(this, "ResourceReader")
        .metadata(ObjectMeta.builder().name(NAME + "-resource-reader").labels(labels).build())
        .rules(List.of(PolicyRule.builder().apiGroups(List.of(""))
            .resources(List.of("namespaces", "pods", "services", "configmaps"))
            .verbs(List.of("get", "list", "watch")).build()))
        .build();
    clusterBinding("ResourceReaderBinding", NAME + "-resource-reader", NAME + "-resource-reader", labels);
    // Lets the adapter delegate authentication and authorization (TokenReview, SubjectAccessReview).
    clusterBinding("AuthDelegator", NAME + "-system-auth-delegator", "system:auth-delegator", labels);
    KubeRoleBinding.Builder.create(this, "AuthReader")
        .metadata(ObjectMeta.builder().name(NAME + "-auth-reader").namespace("kube-system").labels(labels).build())
        .roleRef(RoleRef.builder().apiGroup("rbac.authorization.k8s.io").kind("Role")
            .name("extension-apiserver-authentication-reader").build())
        .subjects(List.of(subject()))
        .build();

    configMap = KubeConfigMap.Builder.create(this, "Config").metadata(meta).data(Map.of("config.yaml", config)).build();

    var podLabels = Labels.selector(NAME);
    deployment = KubeDeployment.Builder.create(this, "Deployment")
        .metadata(meta)
        .spec(DeploymentSpec.builder()
            .replicas(2)
            .selector(Labels.matching(NAME))
            .template(PodTemplateSpec.builder()
                .metadata(ObjectMeta.builder().labels(podLabels)
                    // The adapter never reloads its rules: a new checksum rolls the pods when they change.
                    .annotations(Map.of("checksum/config", Checksums.sha256(config))).build())
                .spec(PodSpec.builder()
                    .serviceAccountName(NAME)
                    .priorityClassName(SystemPods.PRIORITY_CLASS)
                    .nodeSelector(Labels.nodeSelector(adapter.pod().placement()))
                    .tolerations(Labels.tolerations(adapter.pod().placement()))
                    // the two replicas on two nodes where it can: losing one node must not stop the metric (and the HPA)
                    .topologySpreadConstraints(List.of(org.cdk8s.plus28.k8s.TopologySpreadConstraint.builder()
                        .topologyKey("kubernetes.io/hostname").maxSkew(1).whenUnsatisfiable("ScheduleAnyway")
                        .labelSelector(Labels.matching(NAME)).build()))
                    .securityContext(Restricted.pod())
                    .containers(List.of(container(adapter)))
                    .volumes(List.of(
                        Volume.builder().name("config")
                            .configMap(ConfigMapVolumeSource.builder().name(NAME).build()).build(),
                        Volume.builder().name("tmp").emptyDir(EmptyDirVolumeSource.builder().build()).build()))
                    .build())
                .build())
            .build())
        .build();
    KubePodDisruptionBudget.Builder.create(this, "Pdb")
        .metadata(meta)
        .spec(PodDisruptionBudgetSpec.builder().minAvailable(IntOrString.fromNumber(1))
            .selector(Labels.matching(NAME)).build())
        .build();

    service = KubeService.Builder.create(this, "Service")
        .metadata(meta)
        .spec(ServiceSpec.builder()
            .selector(podLabels)
            .ports(List.of(ServicePort.builder().name("https").port(443)
                .targetPort(IntOrString.fromString("https")).build()))
            .build())
        .build();

    apiService = KubeApiService.Builder.create(this, "ApiService")
        .metadata(ObjectMeta.builder().name("v1beta1.custom.metrics.k8s.io").labels(labels).build())
        .spec(ApiServiceSpec.builder()
            .group("custom.metrics.k8s.io")
            .version("v1beta1")
            .service(ServiceReference.builder().name(NAME).namespace(NAMESPACE).port(443).build())
            .groupPriorityMinimum(100)
            .versionPriority(100)
            // The adapter serves a self-signed certificate from its writable cert dir; never also set caBundle.
            .insecureSkipTlsVerify(true)
            .build())
        .build();
  }

  public KubeServiceAccount serviceAccount() {
    return serviceAccount;
  }

  /** The rules ConfigMap; the Deployment's checksum annotation rolls the pods when it changes. */
  public KubeConfigMap configMap() {
    return configMap;
  }

  public KubeDeployment deployment() {
    return deployment;
  }

  public KubeService service() {
    return service;
  }

  /** The APIService registering {@code custom.metrics.k8s.io}; a cluster has one. */
  public KubeApiService apiService() {
    return apiService;
  }

  private static Container container(PrometheusAdapterProps adapter) {
    var health = HttpGetAction.builder().path("/healthz").port(IntOrString.fromString("https")).scheme("HTTPS").build();
    return Container.builder()
        .name("adapter")
        .image(adapter.image())
        .args(List.of(
            "--secure-port=6443",
            "--cert-dir=/tmp/cert",
            "--prometheus-url=" + adapter.prometheusUrl(),
            "--metrics-relist-interval=" + Durations.seconds(adapter.relistInterval()),
            "--config=/etc/adapter/config.yaml",
            "--v=2"))
        .ports(List.of(ContainerPort.builder().name("https").containerPort(6443).build()))
        .resources(Labels.resources(adapter.pod()))
        .livenessProbe(Probe.builder().httpGet(health).initialDelaySeconds(30).timeoutSeconds(5).build())
        .readinessProbe(Probe.builder().httpGet(health).initialDelaySeconds(30).timeoutSeconds(5).build())
        .securityContext(Restricted.container())
        .volumeMounts(List.of(
            VolumeMount.builder().name("config").mountPath("/etc/adapter/").readOnly(true).build(),
            VolumeMount.builder().name("tmp").mountPath("/tmp").build()))
        .build();
  }

  private void clusterBinding(String id, String name, String role, Map<String, String> labels) {
    KubeClusterRoleBinding.Builder.create(this, id)
        .metadata(ObjectMeta.builder().name(name).labels(labels).build())
        .roleRef(RoleRef.builder().apiGroup("rbac.authorization.k8s.io").kind("ClusterRole").name(role).build())
        .subjects(List.of(subject()))
        .build();
  }

  private static Subject subject() {
    return Subject.builder().kind("ServiceAccount").name(NAME).namespace(NAMESPACE).build();
  }
}
