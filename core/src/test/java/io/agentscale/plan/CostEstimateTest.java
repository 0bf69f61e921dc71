package io.agentscale.plan;

import io.agentscale.profile.Examples;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentscale.plan.CostEstimate.Item;
import io.agentscale.profile.CapacityType;
import io.agentscale.profile.ClusterMode;
import io.agentscale.profile.ProfileLoader;
import io.agentscale.profile.ScalingProfile;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Amounts are worked out by hand in the comments from the price table, never by calling the code under test. */
class CostEstimateTest {
  static final ScalingProfile DENTAL = Examples.load("dental-receptionist");

  static ClusterPlan cluster(ScalingProfile p) {
    return ClusterPlan.group(List.of(new ClusterPlan.Agent(p, CapacityPlan.from(p)))).clusters().get(0);
  }

  static BigDecimal usd(String v) {
    return new BigDecimal(v);
  }

  @Test
  void pricesTheDentalClusterAtMinAndMaxByHand() {
    // dental: agent m6i.xlarge 3..9 nodes (CapacityPlanTest); system m6i.large 2..4 (2 × system_nodes); 1 NAT.
    // at min 730 × (0.10 + 0.045 + 2×0.096 + 3×0.192) = 730 × 0.913 = 666.49
    // at max 730 × (0.10 + 0.045 + 4×0.096 + 9×0.192) = 730 × 2.257 = 1647.61
    var cost = CostEstimate.of(cluster(DENTAL), 1);

    assertThat(cost.items()).containsExactly(
        new Item("eks-control-plane", "eks-control-plane", 1, 1, usd("0.10")),
        new Item("nat-gateway", "nat-gateway", 1, 1, usd("0.045")),
        new Item("system-nodes m6i.large", "m6i.large", 2, 4, usd("0.096")),
        new Item("agent-nodes dental-receptionist m6i.xlarge", "m6i.xlarge", 3, 9, usd("0.192")));
    assertThat(cost.monthlyUsdAtMin()).isEqualTo(usd("666.49"));
    assertThat(cost.monthlyUsdAtMax()).isEqualTo(usd("1647.61"));
    // system nodes 4 × 0.096 × 730 = 280.32; agent nodes 9 × 0.192 × 730 = 1261.44
    assertThat(cost.items().get(2).monthlyUsdAtMax()).isEqualTo(usd("280.32"));
    assertThat(cost.items().get(3).monthlyUsdAtMax()).isEqualTo(usd("1261.44"));
    assertThat(cost.unpriced()).isEmpty();
    assertThat(cost.region()).isEqualTo("us-east-1");
    assertThat(cost.pricesDate()).isEqualTo(LocalDate.of(2026, 12, 1));
  }

  @Test
  void chargesEachNatGatewayItIsGiven() {
    // one per zone of a two-zone VPC: 666.49 + 730 × 0.045 = 666.49 + 32.85 = 699.34
    var cost = CostEstimate.of(cluster(DENTAL), 2);

    assertThat(cost.items().get(1).countAtMax()).isEqualTo(2);
    assertThat(cost.monthlyUsdAtMin()).isEqualTo(usd("699.34"));
  }

  @Test
  void aNewClusterHasANatGatewayPerZoneOrOneWhenAskedAndAnExistingOneNone() {
    var existing = DENTAL.toBuilder().clusterMode(ClusterMode.EXISTING).clusterName("prod").build();

    assertThat(cluster(DENTAL).natGateways()).isEqualTo(2);
    assertThat(cluster(DENTAL.toBuilder().singleNatGateway(true).build()).natGateways()).isEqualTo(1);
    assertThat(cluster(existing).natGateways()).isZero();
  }

  @Test
  void everyCatalogInstanceTypeHasAPrice() {
    assertThat(InstanceCatalog.all()).hasSizeGreaterThanOrEqualTo(24);
    for (var type : InstanceCatalog.all()) {
      assertThat(CostEstimate.PRICES.find(type.name())).as(type.name()).hasValueSatisfying(
          price -> assertThat(price).isPositive());
    }
  }

  @Test
  void anExistingClusterPricesOnlyTheAgentNodes() {
    // the control plane, network and system nodes are the user's: 3 × 0.192 × 730 = 420.48, 9 × … = 1261.44
    var existing = DENTAL.toBuilder().clusterMode(ClusterMode.EXISTING).clusterName("prod").build();

    var cost = CostEstimate.of(cluster(existing), 3);

    assertThat(cost.items()).extracting(Item::item).containsExactly("agent-nodes dental-receptionist m6i.xlarge");
    assertThat(cost.monthlyUsdAtMin()).isEqualTo(usd("420.48"));
    assertThat(cost.monthlyUsdAtMax()).isEqualTo(usd("1261.44"));
  }

  @Test
  void theJsonCarriesTheTotalsItemsAndPriceSource() {
    var json = PlanReport.of(DENTAL).toJson();

    // a NAT gateway in each of the two zones: 666.49 + 32.85 and 1647.61 + 32.85
    assertThat(json.at("/cost/monthly_usd/at_min").decimalValue()).isEqualTo(usd("699.34"));
    assertThat(json.at("/cost/monthly_usd/at_max").decimalValue()).isEqualTo(usd("1680.46"));
    var agents = json.at("/cost/items/3");
    assertThat(agents.get("item").asText()).isEqualTo("agent-nodes dental-receptionist m6i.xlarge");
    assertThat(agents.get("count_at_min").asInt()).isEqualTo(3);
    assertThat(agents.get("count_at_max").asInt()).isEqualTo(9);
    assertThat(agents.get("usd_per_hour").decimalValue()).isEqualTo(usd("0.192"));
    // 3 × 0.192 × 730 = 420.48; 9 × 0.192 × 730 = 1261.44
    assertThat(agents.get("monthly_usd_at_min").decimalValue()).isEqualTo(usd("420.48"));
    assertThat(agents.get("monthly_usd_at_max").decimalValue()).isEqualTo(usd("1261.44"));
    assertThat(json.at("/cost/items")).hasSize(4);
    assertThat(json.at("/cost/not_priced")).isEmpty();
    assertThat(json.at("/cost/prices/region").asText()).isEqualTo("us-east-1");
    assertThat(json.at("/cost/prices/date").asText()).isEqualTo("2026-12-01");
  }

  @Test
  void theTableShowsEachLineTheTotalsAndWhatIsLeftOut() {
    var table = PlanReport.of(DENTAL).table();

    assertThat(table).containsPattern("agent-nodes dental-receptionist m6i\\.xlarge +0\\.192 +3 × +420\\.48 +9 × "
        + "+1261\\.44\n");
    assertThat(table).containsPattern("total +699\\.34 +1680\\.46\n");
    assertThat(table).contains("us-east-1 on-demand prices of 2026-12-01; other regions not priced; "
        + "NAT data processing and EBS not included");
  }

  @Test
  void aTypeOutsideThePriceTableIsNotPricedAndLeavesNoTotal() {
    var unknown = DENTAL.toBuilder().instanceType("x9.mega").instanceVcpus(8).instanceMemoryGiB(32).build();

    var report = PlanReport.of(unknown);

    assertThat(report.cost().unpriced()).containsExactly("x9.mega");
    assertThat(report.cost().items().get(3).usdPerHour()).isNull();
    assertThat(report.cost().monthlyUsdAtMin()).isNull();
    assertThat(report.cost().monthlyUsdAtMax()).isNull();
    var json = report.toJson();
    assertThat(json.at("/cost/monthly_usd/at_min").isNull()).isTrue();
    assertThat(json.at("/cost/items/3/monthly_usd_at_max").isNull()).isTrue();
    assertThat(json.at("/cost/not_priced/0").asText()).isEqualTo("x9.mega");
    assertThat(report.table()).contains("total: not priced: x9.mega");
  }

  @Test
  void spotCapacityIsNotPricedAtOnDemandRates() {
    var spot = DENTAL.toBuilder().capacityType(CapacityType.SPOT).build();

    var cost = CostEstimate.of(cluster(spot), 1);

    assertThat(cost.unpriced()).containsExactly("m6i.xlarge spot");
    assertThat(cost.monthlyUsdAtMin()).isNull();
  }
}
