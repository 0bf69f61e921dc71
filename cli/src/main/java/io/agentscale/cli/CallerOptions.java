package io.agentscale.cli;

import io.agentscale.traffic.CallLengths;
import io.agentscale.simulate.SimulationSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How callers behave, the same options for {@code simulate} and {@code tune} (a picocli mixin). */
final class CallerOptions {
  @Option(names = "--mean-call", paramLabel = "D", converter = DurationConverter.class,
      description = "mean call length (default: the profile's traffic.mean_call_length, 3m unless it says)")
  Duration meanCall;

  @Option(names = "--call-lengths", paramLabel = "DIST", defaultValue = "lognormal",
      description = "${COMPLETION-CANDIDATES} (default: lognormal, long-tailed)")
  CallLengths callLengths;

  @Option(names = "--patience", paramLabel = "D", converter = DurationConverter.class, defaultValue = "0s",
      description = "how long a caller holds for an agent before the call counts as dropped (default: 0s)")
  Duration patience;

  /** The default settings with these callers; calls as long as the profile's unless --mean-call says. */
  SimulationSettings settings(io.agentscale.profile.ScalingProfile profile) {
    return SimulationSettings.defaults().withMeanCall(meanCall(profile)).withCallLengths(callLengths)
        .withPatience(patience);
  }

  Duration meanCall(io.agentscale.profile.ScalingProfile profile) {
    return meanCall != null ? meanCall : profile.traffic().meanCallLength();
  }

  /** True when --mean-call was given as zero. */
  boolean zeroMeanCall() {
    return meanCall != null && meanCall.isZero();
  }
}
