package io.agentscale.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every value of the oracle tables in the sizing reference (sizing.md §2–4: 50-digit values, and [PUB] cross-checks
 * against published calculators). A printed value is met to half a unit of its last digit, or to 1e-9 relative.
 */
class ErlangTest {

  /** Half a unit in the last printed digit, or 1e-9 relative if that is looser. */
  private static double printed(String value) {
    var v = new BigDecimal(value);
    return Math.max(v.ulp().doubleValue() / 2, v.doubleValue() * 1e-9);
  }

  /** B(c, R) for integer R from its definition, in exact integers: (R^c / c!) / Σ_{k ≤ c} R^k / k!. */
  private static double exactLoss(int c, int r) {
    // multiply through by c!: R^c / Σ_k R^k · c!/k!
    BigInteger sum = BigInteger.ZERO;
    BigInteger term = BigInteger.valueOf(r).pow(c); // k = c
    BigInteger top = term;
    for (int k = c; k >= 0; k--) {
      sum = sum.add(term);
      if (k > 0) { // R^(k-1) · c!/(k-1)! = term / R · k
        term = term.multiply(BigInteger.valueOf(k)).divide(BigInteger.valueOf(r));
      }
    }
    return new BigDecimal(top).divide(new BigDecimal(sum), MathContext.DECIMAL128).doubleValue();
  }

  @ParameterizedTest(name = "B({0}, {1}) = {2}")
  @CsvSource({
      "1, 1, 0.5", "2, 1, 0.2", "3, 1, 0.0625", "5, 2, 0.0366972477", "5, 3, 0.110054348",
      "10, 5, 0.0183845703", "10, 7, 0.0787408830", "15, 10, 0.0364969455", "20, 10, 0.00186904985",
      "20, 15, 0.0455932156",
      "30, 25, 0.0526031722", "50, 40, 0.0186906711", "100, 80, 0.0039920286", "100, 100, 0.0757004527",
      "200, 180, 0.0103249952"})
  void matchesTheErlangBTable(int c, int r, String b) {
    double loss = Erlang.loss(c, r);

    assertThat(loss).isCloseTo(Double.parseDouble(b), within(printed(b)));
    assertThat(loss).as("the exact sum").isCloseTo(exactLoss(c, r), within(exactLoss(c, r) * 1e-12));
  }

  @Test
  void matchesTheTablesExactFractions() {
    assertThat(Erlang.loss(3, 1)).isCloseTo(1 / 16.0, within(1e-16));
    assertThat(Erlang.loss(5, 2)).isCloseTo(4 / 109.0, within(1e-16));
    // [PUB] Wolfram's 30 lines at 25 E: "about 0.05"
    assertThat(Erlang.loss(30, 25)).isCloseTo(0.05, within(0.005));
  }

  @ParameterizedTest(name = "{0} slots at {1} carry {2} E")
  @CsvSource({
      // [PUB] erlang.com (Westbay) manual: 8.108; Lucent's 2% table: 9.010, 22.827, 77.342
      "15, 0.01, 8.10804", "15, 0.01, 8.108",
      "15, 0.02, 9.0096", "31, 0.02, 22.8268", "89, 0.02, 77.3418",
      "15, 0.02, 9.010", "31, 0.02, 22.827", "89, 0.02, 77.342",
      "10, 0.01, 4.46118", "20, 0.01, 12.0306", "50, 0.02, 40.2551", "100, 0.01, 84.0642", "5, 0.001, 0.762115"})
  void matchesTheMaximumLoads(int c, double epsilon, String load) {
    double r = Erlang.maxLoad(c, epsilon);

    assertThat(r).isCloseTo(Double.parseDouble(load), within(printed(load)));
    assertThat(Erlang.loss(c, r)).isLessThanOrEqualTo(epsilon).isCloseTo(epsilon, within(epsilon * 1e-8));
  }

  @ParameterizedTest(name = "R = {0}: {1} slots for 1%, {2} for 0.1%")
  @CsvSource({"5, 11, 14", "20, 30, 35", "50, 64, 71", "100, 117, 128", "1000, 1029, 1072"})
  void matchesTheAccuracyTablesExactColumns(double r, int onePercent, int oneInAThousand) {
    assertThat(Erlang.slotsFor(r, 0.01)).isEqualTo(onePercent);
    assertThat(Erlang.slotsFor(r, 0.001)).isEqualTo(oneInAThousand);
    // the smallest: one slot fewer misses the target
    assertThat(Erlang.loss(onePercent - 1, r)).isGreaterThan(0.01);
    assertThat(Erlang.loss(oneInAThousand - 1, r)).isGreaterThan(0.001);
  }

  @ParameterizedTest(name = "u*({0}) = {1}")
  @CsvSource({"5, 0.455", "15, 0.625", "30, 0.714", "60, 0.800", "90, 0.841", "150, 0.882", "300, 0.926"})
  void matchesTheUtilizationTargetsAtOnePercent(double r, double target) {
    assertThat(Erlang.utilizationTarget(r, 0.01)).isCloseTo(target, within(0.0005));
  }

  @ParameterizedTest(name = "5 × 0.8 = 4 at R = {0}: {1} slots drop {2}")
  @CsvSource({"15, 20, 0.046", "60, 75, 0.0083", "90, 115, 0.0015"})
  void theTutorialsThresholdDropsMoreAtSmallLoads(double r, int slots, String drop) {
    int c = Erlang.thresholdSlots(r, 5, 0.8);

    assertThat(c).isEqualTo(slots);
    assertThat(Erlang.loss(c, r)).isCloseTo(Double.parseDouble(drop), within(printed(drop)));
  }

  @Test
  void aRoundingErrorAddsNoWorker() {
    double target = 7 * 0.47; // 3 × target ÷ target is 3.0000000000000004 in doubles
    assertThat(Erlang.thresholdSlots(3 * target, 7, 0.47)).isEqualTo(21);
    assertThat(Erlang.thresholdSlots(3 * target + 0.01, 7, 0.47)).isEqualTo(28);
  }

  @Test
  void explainsASizeByItsSafetySlots() {
    // 24 slots at 15 erlangs: (24 − 15) / √15
    assertThat(Erlang.beta(24, 15)).isCloseTo(9 / Math.sqrt(15), within(1e-15));
  }

  @Test
  void handlesNoLoadAndNoSlots() {
    assertThat(Erlang.slotsFor(0, 0.01)).isZero();
    assertThat(Erlang.maxLoad(0, 0.01)).isZero();
    assertThat(Erlang.loss(0, 3)).isEqualTo(1);
    assertThat(Erlang.loss(4, 0)).isZero();
  }

  @Test
  void carriesMoreThanTheBracketAtALooseTarget() {
    // B(1, R) = R / (1 + R) ≤ 0.99 up to R = 99, beyond the first bracket of 1 + 10 + 10 = 21
    assertThat(Erlang.maxLoad(1, 0.99)).isCloseTo(99, within(99 * 1e-9));
  }

  @Test
  void staysFiniteFarAboveTheLoad() {
    // the reciprocal form overflows here; the upward recursion underflows gracefully
    assertThat(Erlang.loss(2000, 1)).isZero();
    assertThat(Erlang.slotsFor(1e-6, 0.5)).isEqualTo(1);
  }

  @Test
  void rejectsBadInputNamingTheParameter() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> Erlang.loss(5, -1)))
        .hasMessage("erlangs must be a finite number >= 0, got -1.0");
    assertThat(assertThrows(IllegalArgumentException.class, () -> Erlang.slotsFor(Double.NaN, 0.01)))
        .hasMessage("erlangs must be a finite number >= 0, got NaN");
    assertThat(assertThrows(IllegalArgumentException.class, () -> Erlang.slotsFor(Double.POSITIVE_INFINITY, 0.01)))
        .hasMessageStartingWith("erlangs must be");
    assertThat(assertThrows(IllegalArgumentException.class, () -> Erlang.slotsFor(5, 0)))
        .hasMessage("epsilon must be between 0 and 1 (exclusive), got 0.0");
    assertThat(assertThrows(IllegalArgumentException.class, () -> Erlang.maxLoad(5, 1)))
        .hasMessage("epsilon must be between 0 and 1 (exclusive), got 1.0");
    assertThat(assertThrows(IllegalArgumentException.class, () -> Erlang.maxLoad(-1, 0.01)))
        .hasMessage("slots must be >= 0, got -1");
    assertThat(assertThrows(IllegalArgumentException.class, () -> Erlang.utilizationTarget(0, 0.01)))
        .hasMessage("erlangs must be a finite number > 0, got 0.0");
  }
}
