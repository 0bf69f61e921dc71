package io.agentscale.profile;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a profile has problems; carries every one of them, not only the first. */
public final class InvalidProfileException extends RuntimeException {
  private final transient List<Problem> problems;

  public InvalidProfileException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
