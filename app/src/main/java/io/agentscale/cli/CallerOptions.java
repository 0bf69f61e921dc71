package io.agentscale.cli;

import io.agentscale.simulate.CallLengths;
import io.agentscale.simulate.SimulationSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How callers behave, the same options for {@code simulate} and {@code tune} (a picocli mixin). */
final class CallerOptions {
  @Option(names = "--mean-call", paramLabel = "D", converter = DurationConverter.class, defaultValue = "3m",
      description = "mean call length (default: 3m)")
  Duration meanCall;

  @Option(names = "--call-lengths", paramLabel = "DIST", defaultValue = "lognormal",
      description = "${COMPLETION-CANDIDATES} (default: lognormal, long-tailed)")
  CallLengths callLengths;

  @Option(names = "--patience", paramLabel = "D", converter = DurationConverter.class, defaultValue = "0s",
      description = "how long a caller holds for an agent before the call counts as dropped (default: 0s)")
  Duration patience;

  /** The default settings with these callers. */
  SimulationSettings settings() {
    return SimulationSettings.defaults().withMeanCall(meanCall).withCallLengths(callLengths).withPatience(patience);
  }
}
