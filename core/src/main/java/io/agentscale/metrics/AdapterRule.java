package io.agentscale.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.agentscale.profile.ScalingProfile;
import java.io.UncheckedIOException;

/**
 * A prometheus-adapter rule exposing one per-pod gauge under the name the HPA asks for; the rules file holds one per
 * distinct metric of the cluster's profiles. No default rules: they would also match the gauge, and overlapping rules
 * are undefined behaviour.
 */
public record AdapterRule(String seriesQuery, String metricsQuery, String name) {
  /** {@code max} rather than {@code sum}: a pod scraped by two jobs must not count twice. No rate(): it is a gauge. */
  public static final String METRICS_QUERY = "max(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

  public static AdapterRule of(ScalingProfile profile) {
    return forMetric(profile.metrics().name());
  }

  public static AdapterRule forMetric(String metric) {
    return new AdapterRule(metric + "{namespace!=\"\",pod!=\"\"}", METRICS_QUERY, metric);
  }

  /**
   * The PromQL prometheus-adapter sends when the HPA asks for this metric on {@code pods} in {@code namespace}: the
   * template with {@code <<.Series>>} = the series name, {@code <<.LabelMatchers>>} = the pod matcher (the pods
   * joined by {@code |}) and the namespace matcher, {@code <<.GroupBy>>} = {@code pod}. With no pods named, every pod
   * in the namespace is matched.
   */
  public String query(String namespace, java.util.List<String> pods) {
    String podMatcher = pods.isEmpty() ? "pod!=\"\"" : "pod=~\"" + String.join("|", pods) + "\"";
    return metricsQuery
        .replace("<<.Series>>", name)
        .replace("<<.LabelMatchers>>", podMatcher + ",namespace=\"" + namespace + "\"")
        .replace("<<.GroupBy>>", "pod");
  }

  /** The rules file as prometheus-adapter reads it from {@code --config}: one rule per metric, in the given order. */
  public static String configYaml(java.util.List<AdapterRule> rules) {
    ObjectNode root = YAML.createObjectNode();
    var list = root.putArray("rules");
    rules.forEach(r -> r.writeTo(list.addObject()));
    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeTo(ObjectNode rule) {
    rule.put("seriesQuery", seriesQuery);
    ObjectNode overrides = rule.putObject("resources").putObject("overrides");
    overrides.putObject("namespace").put("resource", "namespace");
    overrides.putObject("pod").put("resource", "pod");
    ObjectNode names = rule.putObject("name");
    names.put("matches", "^" + name + "$");
    names.put("as", name);
    rule.put("metricsQuery", metricsQuery);
  }
}
