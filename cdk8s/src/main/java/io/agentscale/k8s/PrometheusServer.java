package io.agentscale.k8s;

import io.agentscale.metrics.ScrapeConfig;
import io.agentscale.plan.ClusterPlan;
import java.util.List;
import java.util.Map;
import org.cdk8s.plus28.k8s.ConfigMapVolumeSource;
import org.cdk8s.plus28.k8s.Container;
import org.cdk8s.plus28.k8s.ContainerPort;
import org.cdk8s.plus28.k8s.DeploymentSpec;
import org.cdk8s.plus28.k8s.DeploymentStrategy;
import org.cdk8s.plus28.k8s.EmptyDirVolumeSource;
import org.cdk8s.plus28.k8s.HttpGetAction;
import org.cdk8s.plus28.k8s.IntOrString;
import org.cdk8s.plus28.k8s.KubeClusterRole;
import org.cdk8s.plus28.k8s.KubeClusterRoleBinding;
import org.cdk8s.plus28.k8s.KubeConfigMap;
import org.cdk8s.plus28.k8s.KubeDeployment;
import org.cdk8s.plus28.k8s.KubeService;
import org.cdk8s.plus28.k8s.KubeServiceAccount;
import org.cdk8s.plus28.k8s.ObjectMeta;
import org.cdk8s.plus28.k8s.PodSpec;
import org.cdk8s.plus28.k8s.PodTemplateSpec;
import org.cdk8s.plus28.k8s.PolicyRule;
import org.cdk8s.plus28.k8s.Probe;
import org.cdk8s.plus28.k8s.Quantity;
import org.cdk8s.plus28.k8s.RoleRef;
import org.cdk8s.plus28.k8s.ServicePort;
import org.cdk8s.plus28.k8s.ServiceSpec;
import org.cdk8s.plus28.k8s.Subject;
import org.cdk8s.plus28.k8s.Volume;
import org.cdk8s.plus28.k8s.VolumeMount;
import software.constructs.Construct;

/**
 * A Prometheus for clusters that have none: one replica on the system nodes, short retention, a single pod-discovery
 * job ({@link ScrapeConfig}) and read-only RBAC for pods. The adapter queries its Service, which is
 * {@code metrics.prometheus_url}'s default whenever {@code cluster.prometheus} is on.
 */
public class PrometheusServer extends Construct {
  public static final String NAME = ClusterPlan.PROMETHEUS_NAME;
  public static final String NAMESPACE = ClusterPlan.MONITORING_NAMESPACE;
  static final int PORT = 9090;

  private final KubeDeployment deployment;
  private final KubeService service;

  /** @throws IllegalArgumentException naming the first prop that cannot be written */
  public PrometheusServer(Construct scope, String id, PrometheusServerProps prometheus) {
    super(scope, id);
    prometheus.validate();
    var labels = Labels.shared(NAME);
    var meta = ObjectMeta.builder().name(NAME).namespace(NAMESPACE).labels(labels).build();
    String config = ScrapeConfig.yaml(prometheus.scrapeInterval());

    KubeServiceAccount.Builder.create(this, "ServiceAccount").metadata(meta).build();
    // Pod discovery needs to list and watch pods everywhere; nothing else.
    KubeClusterRole.Builder.create(this, "PodReader")
        .metadata(ObjectMeta.builder().name(NAME + "-pod-reader").labels(labels).build())
        .rules(List.of(PolicyRule.builder().apiGroups(List.of("")).resources(List.of("pods"))
            .verbs(List.of("get", "list", "watch")).build()))
        .build();
    KubeClusterRoleBinding.Builder.create(this, "PodReaderBinding")
        .metadata(ObjectMeta.builder().name(NAME + "-pod-reader").labels(labels).build())
        .roleRef(RoleRef.builder().apiGroup("rbac.authorization.k8s.io").kind("ClusterRole")
            .name(NAME + "-pod-reader").build())
        .subjects(List.of(Subject.builder().kind("ServiceAccount").name(NAME).namespace(NAMESPACE).build()))
        .build();
    KubeConfigMap.Builder.create(this, "Config").metadata(meta).data(Map.of("prometheus.yml", config)).build();

    var pod = prometheus.pod();
    var ready = HttpGetAction.builder().path("/-/ready").port(IntOrString.fromString("web")).build();
    var healthy = HttpGetAction.builder().path("/-/healthy").port(IntOrString.fromString("web")).build();
    deployment = KubeDeployment.Builder.create(this, "Deployment")
        .metadata(meta)
        .spec(DeploymentSpec.builder()
            .replicas(1)
            // One writer of the data folder at a time.
            .strategy(DeploymentStrategy.builder().type("Recreate").build())
            .selector(Labels.matching(NAME))
            .template(PodTemplateSpec.builder()
                .metadata(ObjectMeta.builder().labels(labels)
                    // One replica on an emptyDir: the cluster autoscaler must not move it to save a node (the HPA
                    // would lose its metric while it restarts, and the series it holds).
                    .annotations(Map.of("checksum/config", Checksums.sha256(config),
                        "cluster-autoscaler.kubernetes.io/safe-to-evict", "false")).build())
                .spec(PodSpec.builder()
                    .serviceAccountName(NAME)
                    .priorityClassName(SystemPods.PRIORITY_CLASS)
                    .nodeSelector(Labels.nodeSelector(pod.placement()))
                    .tolerations(Labels.tolerations(pod.placement()))
                    .securityContext(Restricted.pod())
                    .containers(List.of(Container.builder()
                        .name("prometheus")
                        .image(prometheus.image())
                        .args(List.of(
                            "--config.file=/etc/prometheus/prometheus.yml",
                            "--storage.tsdb.path=/prometheus",
                            "--storage.tsdb.retention.time=" + prometheus.retention(),
                            "--web.listen-address=:" + PORT))
                        .ports(List.of(ContainerPort.builder().name("web").containerPort(PORT).build()))
                        .resources(Labels.resources(pod))
                        .readinessProbe(Probe.builder().httpGet(ready).periodSeconds(10).build())
                        .livenessProbe(Probe.builder().httpGet(healthy).initialDelaySeconds(30).periodSeconds(15)
                            .build())
                        .securityContext(Restricted.container())
                        .volumeMounts(List.of(
                            VolumeMount.builder().name("config").mountPath("/etc/prometheus").readOnly(true).build(),
                            VolumeMount.builder().name("data").mountPath("/prometheus").build()))
                        .build()))
                    .volumes(List.of(
                        Volume.builder().name("config")
                            .configMap(ConfigMapVolumeSource.builder().name(NAME).build()).build(),
                        Volume.builder().name("data").emptyDir(EmptyDirVolumeSource.builder()
                            .sizeLimit(Quantity.fromString("8Gi")).build()).build()))
                    .build())
                .build())
            .build())
        .build();
    service = KubeService.Builder.create(this, "Service")
        .metadata(meta)
        .spec(ServiceSpec.builder()
            .selector(Labels.selector(NAME))
            .ports(List.of(ServicePort.builder().name("web").port(PORT).targetPort(IntOrString.fromString("web"))
                .build()))
            .build())
        .build();
  }

  public KubeDeployment deployment() {
    return deployment;
  }

  /** The Service the adapter queries. */
  public KubeService service() {
    return service;
  }
}
