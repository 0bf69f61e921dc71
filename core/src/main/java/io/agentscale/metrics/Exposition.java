package io.agentscale.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus text exposition format (version 0.0.4, and the OpenMetrics text that shares its shape), read far
 * enough to check one metric: each family's declared type and its samples.
 */
record Exposition(Map<String, Family> families) {

  record Sample(String name, String labels, double value) {}

  record Family(String name, String type, List<Sample> samples) {}

  static Exposition parse(String text) {
    var families = new LinkedHashMap<String, Family>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.substring(7).trim().split("\\s+");
        if (parts.length >= 2) {
          family(families, parts[0], parts[1]);
        }
        continue;
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Sample sample = sample(line);
      if (sample != null) {
        family(families, familyOf(families, sample.name()), null).samples().add(sample);
      }
    }
    return new Exposition(families);
  }

  private static Family family(Map<String, Family> families, String name, String type) {
    Family f = families.get(name);
    if (f == null || (type != null && f.type() == null)) {
      f = new Family(name, type, f == null ? new ArrayList<>() : f.samples());
      families.put(name, f);
    }
    return f;
  }

  /** A counter family {@code x} (OpenMetrics) owns the samples {@code x_total}; otherwise the sample's own name. */
  private static String familyOf(Map<String, Family> families, String sampleName) {
    for (String suffix : new String[] {"_total", "_created", "_count", "_sum", "_bucket"}) {
      if (sampleName.endsWith(suffix)) {
        String base = sampleName.substring(0, sampleName.length() - suffix.length());
        if (families.containsKey(base)) {
          return base;
        }
      }
    }
    return sampleName;
  }

  private static Sample sample(String line) {
    int brace = line.indexOf('{');
    int space;
    String name;
    String labels = "";
    if (brace >= 0 && brace < line.indexOf(' ')) {
      int close = line.lastIndexOf('}');
      if (close < brace) {
        return null;
      }
      name = line.substring(0, brace);
      labels = line.substring(brace + 1, close);
      space = close + 1;
    } else {
      space = line.indexOf(' ');
      if (space < 0) {
        return null;
      }
      name = line.substring(0, space);
    }
    String[] rest = line.substring(space).trim().split("\\s+");
    try {
      return new Sample(name, labels, Double.parseDouble(rest[0].replace("Inf", "Infinity")));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
