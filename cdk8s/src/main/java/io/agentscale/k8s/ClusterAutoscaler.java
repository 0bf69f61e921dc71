package io.agentscale.k8s;

import io.agentscale.plan.ClusterPlan;
import java.util.List;
import java.util.Map;
import org.cdk8s.plus28.k8s.Container;
import org.cdk8s.plus28.k8s.ContainerPort;
import org.cdk8s.plus28.k8s.DeploymentSpec;
import org.cdk8s.plus28.k8s.HttpGetAction;
import org.cdk8s.plus28.k8s.IntOrString;
import org.cdk8s.plus28.k8s.KubeClusterRole;
import org.cdk8s.plus28.k8s.KubeClusterRoleBinding;
import org.cdk8s.plus28.k8s.KubeDeployment;
import org.cdk8s.plus28.k8s.KubeRole;
import org.cdk8s.plus28.k8s.KubeRoleBinding;
import org.cdk8s.plus28.k8s.KubeServiceAccount;
import org.cdk8s.plus28.k8s.ObjectMeta;
import org.cdk8s.plus28.k8s.PodSpec;
import org.cdk8s.plus28.k8s.PodTemplateSpec;
import org.cdk8s.plus28.k8s.PolicyRule;
import org.cdk8s.plus28.k8s.Probe;
import org.cdk8s.plus28.k8s.RoleRef;
import org.cdk8s.plus28.k8s.Subject;
import software.constructs.Construct;

/**
 * The Kubernetes cluster autoscaler for AWS, as upstream's auto-discovery example installs it (ServiceAccount, its
 * RBAC, one replica) with flags from the cluster plan. It discovers every node group tagged for this cluster (EKS
 * tags managed node groups' Auto Scaling groups itself) and gets its AWS credentials through the EKS Pod Identity
 * association the cluster stack creates for exactly this ServiceAccount. No hostPath: the image carries its CA
 * certificates, so the pod meets the restricted Pod Security Standard.
 */
public class ClusterAutoscaler extends Construct {
  public static final String NAME = ClusterPlan.AUTOSCALER_NAME;
  public static final String NAMESPACE = ClusterPlan.AUTOSCALER_NAMESPACE;
  static final int METRICS_PORT = 8085;

  private final KubeServiceAccount serviceAccount;
  private final KubeDeployment deployment;

  /** @throws IllegalArgumentException naming the first prop that cannot be written */
  public ClusterAutoscaler(Construct scope, String id, ClusterAutoscalerProps autoscaler) {
    super(scope, id);
    autoscaler.validate();
    var labels = Labels.shared(NAME);
    var meta = ObjectMeta.builder().name(NAME).namespace(NAMESPACE).labels(labels).build();
    serviceAccount = KubeServiceAccount.Builder.create(this, "ServiceAccount").metadata(meta).build();

    KubeClusterRole.Builder.create(this, "ClusterRole")
        .metadata(ObjectMeta.builder().name(NAME).labels(labels).build())
        .rules(List.of(
            rule("", List.of("events", "endpoints"), List.of("create", "patch")),
            rule("", List.of("pods/eviction"), List.of("create")),
            rule("", List.of("pods/status"), List.of("update")),
            named("", "endpoints", NAME, List.of("get", "update")),
            rule("", List.of("nodes"), List.of("watch", "list", "get", "update")),
            rule("", List.of("namespaces", "pods", "services", "replicationcontrollers", "persistentvolumeclaims",
                "persistentvolumes"), List.of("watch", "list", "get")),
            rule("extensions", List.of("replicasets", "daemonsets"), List.of("watch", "list", "get")),
            rule("policy", List.of("poddisruptionbudgets"), List.of("watch", "list")),
            rule("apps", List.of("statefulsets", "replicasets", "daemonsets"), List.of("watch", "list", "get")),
            rule("resource.k8s.io", List.of("deviceclasses", "resourceslices", "resourceclaims"),
                List.of("watch", "list", "get")),
            rule("storage.k8s.io", List.of("storageclasses", "csinodes", "csidrivers", "csistoragecapacities",
                "volumeattachments"), List.of("watch", "list", "get")),
            PolicyRule.builder().apiGroups(List.of("batch", "extensions")).resources(List.of("jobs"))
                .verbs(List.of("get", "list", "watch", "patch")).build(),
            rule("coordination.k8s.io", List.of("leases"), List.of("create")),
            named("coordination.k8s.io", "leases", NAME, List.of("get", "update"))))
        .build();
    KubeClusterRoleBinding.Builder.create(this, "ClusterRoleBinding")
        .metadata(ObjectMeta.builder().name(NAME).labels(labels).build())
        .roleRef(RoleRef.builder().apiGroup("rbac.authorization.k8s.io").kind("ClusterRole").name(NAME).build())
        .subjects(List.of(subject()))
        .build();
    KubeRole.Builder.create(this, "Role")
        .metadata(meta)
        .rules(List.of(
            rule("", List.of("configmaps"), List.of("create", "list", "watch")),
            PolicyRule.builder().apiGroups(List.of("")).resources(List.of("configmaps"))
                .resourceNames(List.of("cluster-autoscaler-status", "cluster-autoscaler-priority-expander"))
                .verbs(List.of("delete", "get", "update", "watch")).build()))
        .build();
    KubeRoleBinding.Builder.create(this, "RoleBinding")
        .metadata(meta)
        .roleRef(RoleRef.builder().apiGroup("rbac.authorization.k8s.io").kind("Role").name(NAME).build())
        .subjects(List.of(subject()))
        .build();

    var health = HttpGetAction.builder().path("/health-check").port(IntOrString.fromString("metrics")).build();
    var pod = autoscaler.pod();
    deployment = KubeDeployment.Builder.create(this, "Deployment")
        .metadata(meta)
        .spec(DeploymentSpec.builder()
            .replicas(1)
            .selector(Labels.matching(NAME))
            .template(PodTemplateSpec.builder()
                .metadata(ObjectMeta.builder().labels(labels).annotations(Map.of(
                    "prometheus.io/scrape", "true",
                    "prometheus.io/port", String.valueOf(METRICS_PORT),
                    "prometheus.io/path", "/metrics")).build())
                .spec(PodSpec.builder()
                    .serviceAccountName(NAME)
                    .priorityClassName(SystemPods.PRIORITY_CLASS)
                    .nodeSelector(Labels.nodeSelector(pod.placement()))
                    .tolerations(Labels.tolerations(pod.placement()))
                    .securityContext(Restricted.pod())
                    .containers(List.of(Container.builder()
                        .name("cluster-autoscaler")
                        .image(autoscaler.image())
                        .command(List.of("./cluster-autoscaler"))
                        .args(autoscaler.args())
                        .ports(List.of(ContainerPort.builder().name("metrics").containerPort(METRICS_PORT).build()))
                        .resources(Labels.resources(pod))
                        .livenessProbe(Probe.builder().httpGet(health).initialDelaySeconds(30).periodSeconds(10)
                            .build())
                        .securityContext(Restricted.container())
                        .build()))
                    .build())
                .build())
            .build())
        .build();
  }

  /** The ServiceAccount the cluster stack's Pod Identity association gives AWS credentials. */
  public KubeServiceAccount serviceAccount() {
    return serviceAccount;
  }

  public KubeDeployment deployment() {
    return deployment;
  }

  private static PolicyRule rule(String group, List<String> resources, List<String> verbs) {
    return PolicyRule.builder().apiGroups(List.of(group)).resources(resources).verbs(verbs).build();
  }

  private static PolicyRule named(String group, String resource, String name, List<String> verbs) {
    return PolicyRule.builder().apiGroups(List.of(group)).resources(List.of(resource))
        .resourceNames(List.of(name)).verbs(verbs).build();
  }

  private static Subject subject() {
    return Subject.builder().kind("ServiceAccount").name(NAME).namespace(NAMESPACE).build();
  }
}
