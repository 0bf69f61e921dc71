package io.agentscale.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Prometheus' HTTP API, the one call the adapter makes: an instant query. */
public final class PrometheusApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;
  private final Http http = new Http();

  public PrometheusApi(URI base) {
    this.base = base;
  }

  /** Thrown when Prometheus cannot be reached or refuses the query; the message says which. */
  public static final class QueryFailed extends IOException {
    QueryFailed(String message) {
      super(message);
    }
  }

  /** Runs {@code promql} at the current time; returns each series' {@code label} value mapped to its sample. */
  public Map<String, Double> query(String promql, String label) throws IOException, InterruptedException {
    URI uri = URI.create(base.toString().replaceAll("/+$", "") + "/api/v1/query?query="
        + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    Http.Response response;
    try {
      response = http.get(uri);
    } catch (Http.Failure e) {
      throw new QueryFailed(e.getMessage());
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      throw new QueryFailed(base + " answered HTTP " + response.status() + " with something that is not "
          + "Prometheus' API JSON: is this the Prometheus server URL?");
    }
    if (!"success".equals(body.path("status").asText())) {
      throw new QueryFailed("Prometheus refused the query (HTTP " + response.status() + "): "
          + body.path("error").asText());
    }
    var values = new LinkedHashMap<String, Double>();
    for (JsonNode series : body.path("data").path("result")) {
      values.put(series.path("metric").path(label).asText(), number(series.path("value").path(1).asText()));
    }
    return values;
  }

  /** Prometheus writes sample values as strings: {@code "5"}, {@code "NaN"}, {@code "+Inf"}. */
  private static double number(String text) {
    try {
      return Double.parseDouble(text.replace("Inf", "Infinity"));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
