package io.agentscale.k8s;

import java.time.Duration;
import java.util.Collection;

/**
 * The checks a construct runs on its props before it writes anything. Each throws {@link IllegalArgumentException}
 * whose message starts with the prop's name, as {@code AgentWorkersProps.sessions must be at least 1, got 0}.
 */
final class Props {
  private Props() {}

  static void notNull(String prop, Object value) {
    if (value == null) {
      throw new IllegalArgumentException(prop + " is required");
    }
  }

  static void notBlank(String prop, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(prop + " must not be blank, got " + quoted(value));
    }
  }

  static void notEmpty(String prop, Collection<?> value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(prop + " must hold at least one entry, got " + value);
    }
  }

  static void atLeast(String prop, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(prop + " must be at least " + min + ", got " + value);
    }
  }

  static void port(String prop, int value) {
    if (value < 1 || value > 65535) {
      throw new IllegalArgumentException(prop + " must be a port from 1 to 65535, got " + value);
    }
  }

  static void positive(String prop, Duration value) {
    notNull(prop, value);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(prop + " must be positive, got " + value.toSeconds() + "s");
    }
  }

  private static String quoted(String value) {
    return value == null ? "null" : "'" + value + "'";
  }
}
