package io.agentscale.plan;

import java.util.Locale;

/**
 * What a rule found.
 *
 * @param rule the rule's id, such as {@code drain-outside-grace}
 * @param message one line for a person
 * @param why why it matters, for the table view and the docs
 */
public record Finding(String rule, Severity severity, String message, String why) {

  public enum Severity {
    ERROR,
    WARNING,
    INFO;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
