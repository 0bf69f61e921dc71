package io.agentscale.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.agentscale.profile.Durations;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The {@code prometheus.yml} of the Prometheus agentscale installs: one pod-discovery job that keeps pods annotated
 * {@code prometheus.io/scrape: "true"}, scrapes the annotated port and path, and writes the {@code namespace} and
 * {@code pod} labels that the adapter's rule and the HPA's pod selector need (the community chart's convention).
 */
public final class ScrapeConfig {
  public static final String JOB = "kubernetes-pods";
  private static final String ANNOTATION = "__meta_kubernetes_pod_annotation_prometheus_io_";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private ScrapeConfig() {}

  /** The whole file; {@link #document} for a test that swaps the discovery block. */
  public static String yaml(Duration scrapeInterval) {
    try {
      return YAML.writeValueAsString(document(scrapeInterval));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode document(Duration scrapeInterval) {
    ObjectNode root = YAML.createObjectNode();
    String interval = Durations.seconds(scrapeInterval);
    root.putObject("global").put("scrape_interval", interval).put("evaluation_interval", interval);
    ObjectNode job = root.putArray("scrape_configs").addObject();
    job.put("job_name", JOB);
    job.putArray("kubernetes_sd_configs").addObject().put("role", "pod");
    ArrayNode relabel = job.putArray("relabel_configs");
    // Only pods that ask to be scraped; a pod annotated "false" (or not at all) is never scraped.
    ObjectNode keep = relabel.addObject();
    keep.putArray("source_labels").add(ANNOTATION + "scrape");
    keep.put("action", "keep").put("regex", "true");
    // Pods not yet running or already finished have nothing to serve.
    ObjectNode phase = relabel.addObject();
    phase.putArray("source_labels").add("__meta_kubernetes_pod_phase");
    phase.put("action", "drop").put("regex", "Pending|Succeeded|Failed");
    ObjectNode path = relabel.addObject();
    path.putArray("source_labels").add(ANNOTATION + "path");
    path.put("action", "replace").put("target_label", "__metrics_path__").put("regex", "(.+)");
    // Every container port is a discovered target; all of them are pointed at the annotated port (and then are one).
    ObjectNode port = relabel.addObject();
    port.putArray("source_labels").add("__address__").add(ANNOTATION + "port");
    port.put("action", "replace").put("regex", "([^:]+)(?::\\d+)?;(\\d+)").put("replacement", "$1:$2")
        .put("target_label", "__address__");
    ObjectNode namespace = relabel.addObject();
    namespace.putArray("source_labels").add("__meta_kubernetes_namespace");
    namespace.put("action", "replace").put("target_label", "namespace");
    ObjectNode pod = relabel.addObject();
    pod.putArray("source_labels").add("__meta_kubernetes_pod_name");
    pod.put("action", "replace").put("target_label", "pod");
    return root;
  }
}
