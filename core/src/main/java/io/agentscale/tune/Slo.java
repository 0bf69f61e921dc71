package io.agentscale.tune;

/**
 * What a configuration must meet on every scenario: the 95% upper bound of its drop rate at most {@code drop}, its
 * interrupted calls (mean per run) at most {@code interrupted}, and its p95 wait at most the callers' patience.
 *
 * @param interrupted null: no more than the current profile interrupts on the same calls
 */
public record Slo(double drop, Double interrupted) {

  /** {@code drop=1%} or {@code drop=0.01,interrupted=0}; a clear message naming the part that is wrong. */
  public static Slo parse(String text) {
    Double drop = null;
    Double interrupted = null;
    for (String part : text.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("--slo: expected key=value such as drop=1%, got '" + part.trim() + "'");
      }
      switch (kv[0].trim()) {
        case "drop" -> drop = fraction(kv[1].trim());
        case "interrupted" -> interrupted = number(kv[1].trim());
        default -> throw new IllegalArgumentException("--slo: unknown key '" + kv[0].trim()
            + "'; known: drop, interrupted");
      }
    }
    if (drop == null) {
      throw new IllegalArgumentException("--slo: drop is required, such as drop=1%");
    }
    return new Slo(drop, interrupted);
  }

  private static double fraction(String v) {
    try {
      double f = v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1)) / 100 : Double.parseDouble(v);
      if (!(f > 0 && f < 1)) {
        throw new IllegalArgumentException("--slo: drop must be between 0 and 100%, got '" + v + "'");
      }
      return f;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--slo: drop must be a percentage such as 1% or a fraction such as 0.01, got '"
          + v + "'");
    }
  }

  private static double number(String v) {
    try {
      double n = Double.parseDouble(v);
      if (!(n >= 0) || Double.isInfinite(n)) {
        throw new IllegalArgumentException("--slo: interrupted must be a number >= 0, got '" + v + "'");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--slo: interrupted must be a number >= 0, got '" + v + "'");
    }
  }
}
