package io.agentscale.cli;

import io.agentscale.profile.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Command-line durations written like profile durations: {@code 90s}, {@code 3m}, {@code 1h30m}, plain seconds. */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    return Durations.parse(value).orElseThrow(() -> new TypeConversionException(
        "\"" + value + "\" is not a duration; write 90s, 3m, 1h30m or plain seconds"));
  }
}
