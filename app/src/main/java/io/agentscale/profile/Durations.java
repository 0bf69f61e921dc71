package io.agentscale.profile;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as profiles write them: {@code 300s}, {@code 5m}, {@code 1h30m}; a bare number means seconds. */
public final class Durations {
  private static final Pattern TEXT = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  private Durations() {}

  /** Parses {@code 1h30m}-style text; empty when the text is not such a duration (negative ones included). */
  public static Optional<Duration> parse(String text) {
    String t = text.trim();
    if (t.matches("\\d+")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(t)));
    }
    Matcher m = TEXT.matcher(t);
    if (t.isEmpty() || !m.matches()) {
      return Optional.empty();
    }
    long seconds = group(m, 1) * 3600 + group(m, 2) * 60 + group(m, 3);
    return Optional.of(Duration.ofSeconds(seconds));
  }

  /** Writes whole seconds as {@code 300s}: the form the LiveKit tutorial uses. */
  public static String seconds(Duration d) {
    return d.toSeconds() + "s";
  }

  private static long group(Matcher m, int i) {
    return m.group(i) == null ? 0 : Long.parseLong(m.group(i));
  }
}
