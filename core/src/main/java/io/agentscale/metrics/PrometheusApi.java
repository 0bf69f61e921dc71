package io.agentscale.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Prometheus' HTTP API, the one call the adapter makes: an instant query. */
public final class PrometheusApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;
  private final HttpClient http;

  public PrometheusApi(URI base) {
    this.base = base;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
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
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      throw new QueryFailed("cannot connect to " + base + " (connection refused)");
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new QueryFailed(base + " answered HTTP " + response.statusCode() + " with something that is not "
          + "Prometheus' API JSON: is this the Prometheus server URL?");
    }
    if (!"success".equals(body.path("status").asText())) {
      throw new QueryFailed("Prometheus refused the query (HTTP " + response.statusCode() + "): "
          + body.path("error").asText());
    }
    var values = new LinkedHashMap<String, Double>();
    for (JsonNode series : body.path("data").path("result")) {
      values.put(series.path("metric").path(label).asText(), Double.parseDouble(series.path("value").get(1).asText()));
    }
    return values;
  }
}
