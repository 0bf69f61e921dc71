package io.agentscale.plan;

import io.agentscale.profile.CapacityType;
import io.agentscale.profile.ClusterMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * What one cluster costs a month with every node group at its minimum size and at its maximum: the EKS control
 * plane, NAT gateways and system nodes of a new cluster, and each profile's agent nodes. An EXISTING cluster's
 * control plane, network and own nodes are the user's, so only its agent node groups are priced.
 *
 * <p>Prices come from the bundled, dated {@code prices-us-east-1.csv} (us-east-1, on-demand, Linux). Other regions,
 * EBS volumes and NAT data processing are not priced. A line the table has no price for (an instance type outside
 * the catalog, or spot capacity, whose price changes hourly) keeps a null price and is named by {@link #unpriced};
 * both totals are then null, because a sum without that line would look complete and be too low.
 *
 * @param items one line per thing billed: control plane, NAT gateways, system nodes, then agent nodes by profile
 * @param region where the prices apply
 * @param pricesDate the day the prices were read from AWS's pricing pages
 */
public record CostEstimate(List<Item> items, String region, LocalDate pricesDate) {

  /** AWS's pricing pages' month: 365 days × 24 hours ÷ 12. */
  public static final int HOURS_PER_MONTH = 730;

  /** The bundled price table. */
  public static final Prices PRICES = Prices.read("prices-us-east-1.csv");

  /**
   * One billed line.
   *
   * @param item what is billed, such as {@code system-nodes m6i.large}
   * @param priceKey the row of the price table, such as {@code m6i.large}; a spot group's is {@code m6i.large spot}
   * @param usdPerHour one unit's hourly price from the table; null when the table has no {@code priceKey}
   */
  public record Item(String item, String priceKey, int countAtMin, int countAtMax, BigDecimal usdPerHour) {
    /** Null when not priced. */
    public BigDecimal monthlyUsdAtMin() {
      return cents(monthly(usdPerHour, countAtMin));
    }

    /** Null when not priced. */
    public BigDecimal monthlyUsdAtMax() {
      return cents(monthly(usdPerHour, countAtMax));
    }
  }

  /**
   * The cluster's monthly cost.
   *
   * @param natGateways how many NAT gateways the new cluster's VPC has ({@link ClusterPlan#natGateways()}); ignored
   *     for an EXISTING cluster
   */
  public static CostEstimate of(ClusterPlan cluster, int natGateways) {
    var items = new ArrayList<Item>();
    if (cluster.mode() == ClusterMode.NEW) {
      var system = cluster.systemPool();
      items.add(item("eks-control-plane", "eks-control-plane", 1, 1));
      items.add(item("nat-gateway", "nat-gateway", natGateways, natGateways));
      items.add(item("system-nodes " + system.instanceType(), system.instanceType(), system.minSize(),
          system.maxSize()));
    }
    for (var a : cluster.agents()) {
      // The table holds on-demand prices only: a spot group's key is never found, so it is reported, not guessed.
      String priceKey = a.plan().node().instanceType()
          + (a.profile().aws().capacityType() == CapacityType.SPOT ? " spot" : "");
      var group = a.plan().nodeGroup();
      items.add(item("agent-nodes " + a.profile().name() + " " + priceKey, priceKey, group.minSize(),
          group.maxSize()));
    }
    return new CostEstimate(List.copyOf(items), PRICES.region(), PRICES.date());
  }

  private static Item item(String name, String priceKey, int atMin, int atMax) {
    return new Item(name, priceKey, atMin, atMax, PRICES.find(priceKey).orElse(null));
  }

  /** The price-table rows that are missing, such as {@code x9.mega}; empty when every line is priced. */
  public List<String> unpriced() {
    return items.stream().filter(i -> i.usdPerHour() == null).map(Item::priceKey).distinct().toList();
  }

  /** Every node group at its minimum size, rounded to cents; null when something is {@link #unpriced}. */
  public BigDecimal monthlyUsdAtMin() {
    return total(Item::countAtMin);
  }

  /** Every node group at its maximum size, rounded to cents; null when something is {@link #unpriced}. */
  public BigDecimal monthlyUsdAtMax() {
    return total(Item::countAtMax);
  }

  /** Summed exactly, then rounded once. */
  private BigDecimal total(ToIntFunction<Item> count) {
    if (!unpriced().isEmpty()) {
      return null;
    }
    return cents(items.stream().map(i -> monthly(i.usdPerHour(), count.applyAsInt(i)))
        .reduce(BigDecimal.ZERO, BigDecimal::add));
  }

  private static BigDecimal monthly(BigDecimal usdPerHour, int count) {
    return usdPerHour == null ? null : usdPerHour.multiply(BigDecimal.valueOf((long) count * HOURS_PER_MONTH));
  }

  private static BigDecimal cents(BigDecimal usd) {
    return usd == null ? null : usd.setScale(2, RoundingMode.HALF_UP);
  }

  /**
   * A dated table of hourly prices in USD for one region, read from a CSV whose header comments name the region
   * ({@code # region: us-east-1}), the date ({@code # date: 2026-12-01}) and the sources.
   */
  public record Prices(String region, LocalDate date, Map<String, BigDecimal> usdPerHour) {
    public Optional<BigDecimal> find(String item) {
      return Optional.ofNullable(usdPerHour.get(item));
    }

    static Prices read(String resource) {
      String region = null;
      LocalDate date = null;
      var prices = new LinkedHashMap<String, BigDecimal>();
      var in = CostEstimate.class.getResourceAsStream(resource);
      try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line; (line = reader.readLine()) != null; ) {
          if (line.startsWith("# region: ")) {
            region = line.substring("# region: ".length()).trim();
          } else if (line.startsWith("# date: ")) {
            date = LocalDate.parse(line.substring("# date: ".length()).trim());
          } else if (!line.isBlank() && !line.startsWith("#")) {
            String[] c = line.split(",");
            prices.put(c[0], new BigDecimal(c[1]));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Prices(region, date, Collections.unmodifiableMap(prices));
    }
  }
}
