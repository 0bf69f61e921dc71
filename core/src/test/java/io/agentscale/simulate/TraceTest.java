package io.agentscale.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import io.agentscale.traffic.Trace;
import io.agentscale.traffic.Scenario;

class TraceTest {
  @TempDir Path dir;

  Path csv(String text) throws Exception {
    Path f = dir.resolve("t.csv");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void readsOffsetsInEveryFormAndHoldsEachRateUntilTheNextRow() throws Exception {
    var t = Trace.readCsv(csv("time,arrivals_per_minute\n0s,2\n90,10\n30m,4.5\n2h,0\n"), null);

    assertThat(t.endSeconds()).isEqualTo(7200);
    assertThat(t.perMinuteAt(0)).isEqualTo(2);
    assertThat(t.perMinuteAt(89.9)).isEqualTo(2);
    assertThat(t.perMinuteAt(90)).isEqualTo(10);
    assertThat(t.perMinuteAt(1800)).isEqualTo(4.5);
    assertThat(Trace.readCsv(csv("time,arrivals_per_minute\n0s,2\n1h,3\n"), Duration.ofHours(3)).endSeconds())
        .isEqualTo(3 * 3600);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "time,calls\\n0s,1\\n | line 1: the header must be exactly",
      "time,arrivals_per_minute\\n0s,1\\n10m,-2\\n | line 3: arrivals_per_minute must be a number >= 0, got \"-2\"",
      "time,arrivals_per_minute\\n0s,1\\n10m,2\\n5m,1\\n | line 4: time 5m is not after the previous row (600s)",
      "time,arrivals_per_minute\\n0s,1\\nsoon,2\\n | line 3: time \"soon\" is not a duration",
      "time,arrivals_per_minute\\n5m,1\\n10m,2\\n | the first row must be at time 0s",
      "time,arrivals_per_minute\\n0s,1\\n | add a last row that marks the end",
      "time,arrivals_per_minute\\n0s,1,2\\n | line 2: expected 2 cells",
      "time,arrivals_per_minute\\n0s,5d\\n1h,0\\n | line 2: arrivals_per_minute must be a number >= 0, got \"5d\"",
      "time,arrivals_per_minute\\n0s,0x1p3\\n1h,0\\n | line 2: arrivals_per_minute must be a number >= 0, got \"0x1p3\"",
      "time,arrivals_per_minute\\n0s,NaN\\n1h,0\\n | line 2: arrivals_per_minute must be a number >= 0, got \"NaN\"",
      "time,arrivals_per_minute\\n0s,Infinity\\n1h,0\\n | line 2: arrivals_per_minute must be a number >= 0",
      "time,arrivals_per_minute\\n0s,1\\n99999999999999999999,0\\n | t.csv line 3: time \"99999999999999999999\" is longer than a year (8760h)"})
  void rejectsBadTracesNamingTheLineAndTheFix(String text, String message) throws Exception {
    Path f = csv(text.replace("\\n", "\n"));
    assertThatThrownBy(() -> Trace.readCsv(f, null))
        .isInstanceOf(Trace.InvalidTraceException.class)
        .hasMessageContaining(message);
  }

  @Test
  void aByteOrderMarkBeforeTheHeaderIsIgnored() throws Exception {
    Path f = dir.resolve("excel.csv");
    Files.write(f, "\uFEFFtime,arrivals_per_minute\r\n0s,2.5\r\n1h,0\r\n".getBytes(StandardCharsets.UTF_8));

    var t = Trace.readCsv(f, null);

    assertThat(t.perMinuteAt(0)).isEqualTo(2.5);
    assertThat(t.endSeconds()).isEqualTo(3600);
  }

  @Test
  void decimalRatesWithAnExponentAreRates() throws Exception {
    var t = Trace.readCsv(csv("time,arrivals_per_minute\n0s,1.5e1\n1m,.5\n2m,0\n"), null);
    assertThat(t.perMinuteAt(0)).isEqualTo(15);
    assertThat(t.perMinuteAt(60)).isEqualTo(0.5);
  }

  @Test
  void expectedCallsSumEachRateOverTheTimeItHolds() throws Exception {
    var t = Trace.readCsv(csv("time,arrivals_per_minute\n0s,10\n30m,2\n1h,0\n"), null);
    assertThat(t.expectedCalls()).isEqualTo(10 * 30 + 2 * 30);
    assertThat(t.endingAt(Duration.ofMinutes(15)).expectedCalls()).isEqualTo(150);
  }

  @Test
  void aTraceTooLargeToSimulateIsRefusedWithTheEstimateAndTheLimit() throws Exception {
    var hung = Trace.readCsv(csv("time,arrivals_per_minute\n0s,1e12\n1h,0\n"), null);
    assertThat(Simulation.sizeProblem(hung)).contains("about 6.00e+13 calls").contains("20,000,000");

    var tooLong = Trace.readCsv(csv("time,arrivals_per_minute\n0s,0\n1h,0\n"), Duration.ofDays(400));
    assertThat(Simulation.sizeProblem(tooLong)).contains("400 days").contains("the limit is 366 days");

    assertThat(Simulation.sizeProblem(Trace.readCsv(csv("time,arrivals_per_minute\n0s,60\n168h,0\n"), null)))
        .isNull();
  }

  @Test
  void scenariosAreScaledToTheProfilesDesignLoad() {
    var profile = SimulationTest.dental(); // design load 50 × 5 × 0.8 = 200 concurrent calls
    var t = Scenario.FRIDAY_EVENING.trace(profile, Duration.ofMinutes(4), 1);

    // at 18:30-19:30 the curve holds 85% of design load: 170 Erlangs ÷ 4-minute calls = 42.5 calls a minute
    assertThat(t.perMinuteAt(240 * 60)).isCloseTo(42.5, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(t.perMinuteAt(0)).isCloseTo(5.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(t.endSeconds()).isEqualTo(6 * 3600);
    assertThat(Scenario.HOTLINE_SURGE.trace(profile, Duration.ofMinutes(3), 1))
        .isNotEqualTo(Scenario.HOTLINE_SURGE.trace(profile, Duration.ofMinutes(3), 2));
  }
}
