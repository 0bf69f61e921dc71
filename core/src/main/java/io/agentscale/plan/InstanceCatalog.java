package io.agentscale.plan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The built-in catalog of common instance types, read from {@code instance-types.csv} (its sources are noted there). */
public final class InstanceCatalog {
  private static final Map<String, InstanceType> TYPES = read();

  private InstanceCatalog() {}

  public static Optional<InstanceType> find(String name) {
    return Optional.ofNullable(TYPES.get(name));
  }

  /** Spot pools for a spot node group: six types of one shape spread the reclaim risk enough. */
  public static final int MAX_SPOT_TYPES = 6;

  /**
   * {@code type} first, then the catalog's other types of the same vCPUs, memory and architecture, up to
   * {@link #MAX_SPOT_TYPES}: each is its own spot pool, so a reclaim in one leaves the others.
   */
  public static java.util.List<InstanceType> sameShape(InstanceType type) {
    var out = new java.util.ArrayList<InstanceType>();
    out.add(type);
    for (InstanceType t : TYPES.values()) {
      if (out.size() < MAX_SPOT_TYPES && !t.name().equals(type.name()) && t.vcpus() == type.vcpus()
          && t.memoryGiB() == type.memoryGiB() && t.arm64() == type.arm64()) {
        out.add(t);
      }
    }
    return java.util.List.copyOf(out);
  }

  /** Every type, in catalog order. */
  public static java.util.Collection<InstanceType> all() {
    return TYPES.values();
  }

  private static Map<String, InstanceType> read() {
    var out = new LinkedHashMap<String, InstanceType>();
    var in = InstanceCatalog.class.getResourceAsStream("instance-types.csv");
    try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] c = line.split(",");
        out.put(c[0], new InstanceType(c[0], Integer.parseInt(c[1]), Integer.parseInt(c[2]),
            Integer.parseInt(c[3]), Integer.parseInt(c[4]), c[5].equals("arm64")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return java.util.Collections.unmodifiableMap(out);
  }
}
