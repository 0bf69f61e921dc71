package io.agentscale.profile;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as profiles write them: {@code 300s}, {@code 5m}, {@code 1h30m}; a bare number means seconds. */
public final class Durations {
  private static final Pattern TEXT = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
  /** The longest duration any field accepts as input: a year. Fields have tighter ranges of their own. */
  public static final Duration MAX = Duration.ofDays(365);

  private Durations() {}

  /**
   * Parses {@code 1h30m}-style text (a bare number is seconds); empty when the text is not such a duration (negative
   * ones included) or is longer than {@link #MAX}.
   */
  public static Optional<Duration> parse(String text) {
    String t = text.trim();
    Matcher m = TEXT.matcher(t);
    if (t.isEmpty() || !(t.matches("\\d+") || m.matches())) {
      return Optional.empty();
    }
    var seconds = t.matches("\\d+") ? new java.math.BigInteger(t)
        : group(m, 1).multiply(HOUR).add(group(m, 2).multiply(MINUTE)).add(group(m, 3));
    if (seconds.compareTo(java.math.BigInteger.valueOf(MAX.toSeconds())) > 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofSeconds(seconds.longValueExact()));
  }

  /** True when the text has a duration's form but is longer than {@link #MAX}. */
  public static boolean tooLarge(String text) {
    String t = text.trim();
    return (t.matches("\\d+") || (!t.isEmpty() && TEXT.matcher(t).matches())) && parse(t).isEmpty();
  }

  /** Writes whole seconds as {@code 300s}: the form the LiveKit tutorial uses. */
  public static String seconds(Duration d) {
    return d.toSeconds() + "s";
  }

  private static final java.math.BigInteger HOUR = java.math.BigInteger.valueOf(3600);
  private static final java.math.BigInteger MINUTE = java.math.BigInteger.valueOf(60);

  private static java.math.BigInteger group(Matcher m, int i) {
    return m.group(i) == null ? java.math.BigInteger.ZERO : new java.math.BigInteger(m.group(i));
  }
}
