package io.agentscale.cli;

import io.agentscale.profile.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Command-line durations written like profile durations: {@code 90s}, {@code 3m}, {@code 1h30m}, plain seconds. */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    Duration parsed;
    try {
      parsed = Durations.parse(value).orElse(null);
    } catch (ArithmeticException | NumberFormatException e) { // more seconds than a long holds
      parsed = null;
    }
    if (Durations.tooLarge(value)) {
      throw new TypeConversionException("\"" + value + "\" is longer than a year (" + Durations.MAX.toHours()
          + "h), the longest duration agentscale reads");
    }
    if (parsed == null || parsed.isNegative()) {
      throw new TypeConversionException("\"" + value + "\" is not a duration; write 90s, 3m, 1h30m or plain seconds");
    }
    return parsed;
  }
}
