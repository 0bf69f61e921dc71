package io.agentscale.traffic;

import io.agentscale.profile.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Offered traffic as a step function: each {@link Step}'s arrival rate holds until the next step begins, and the run
 * ends at {@code endSeconds}. Arrivals are Poisson at the current rate.
 */
public record Trace(String name, List<Step> steps, double endSeconds) {

  /** From {@code atSeconds} on, calls arrive at {@code perMinute} on average. */
  public record Step(double atSeconds, double perMinute) {}

  public Trace {
    steps = List.copyOf(steps);
  }

  /** The arrival rate at {@code seconds}, per minute. */
  public double perMinuteAt(double seconds) {
    int low = 0;
    int high = steps.size() - 1;
    int found = -1;
    while (low <= high) { // the last step that starts at or before seconds
      int mid = (low + high) >>> 1;
      if (steps.get(mid).atSeconds() <= seconds) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found < 0 ? 0 : steps.get(found).perMinute();
  }

  /** The same steps, ending at {@code duration} instead. */
  public Trace endingAt(Duration duration) {
    return new Trace(name, steps, duration.toSeconds());
  }

  /** Thrown for a trace file that cannot be used; the message names the line and the fix. */
  public static final class InvalidTraceException extends RuntimeException {
    InvalidTraceException(String message) {
      super(message);
    }
  }

  /**
   * Reads {@code time,arrivals_per_minute} rows. {@code time} is an offset from the start ({@code 0s}, {@code 90s},
   * {@code 30m}, {@code 2h} or plain seconds). The last row marks the end unless {@code duration} is given.
   */
  public static Trace readCsv(Path file, Duration duration) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new InvalidTraceException(file + ": cannot read the trace (" + e.getMessage() + ")");
    }
    if (lines.isEmpty() || !lines.get(0).strip().equals("time,arrivals_per_minute")) {
      throw new InvalidTraceException(file + " line 1: the header must be exactly \"time,arrivals_per_minute\"");
    }
    var steps = new ArrayList<Step>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      steps.add(row(file, i + 1, line, steps.isEmpty() ? null : steps.get(steps.size() - 1)));
    }
    if (steps.isEmpty()) {
      throw new InvalidTraceException(file + ": no rows after the header; add rows such as \"0s,12\"");
    }
    if (steps.get(0).atSeconds() != 0) {
      throw new InvalidTraceException(file + ": the first row must be at time 0s, got "
          + fmt(steps.get(0).atSeconds()) + "s");
    }
    double end = duration != null ? duration.toSeconds() : steps.get(steps.size() - 1).atSeconds();
    if (end <= 0) {
      throw new InvalidTraceException(file + ": the trace has no length; add a last row that marks the end "
          + "(for example \"1h,0\") or pass --duration");
    }
    return new Trace(file.getFileName().toString(), steps, end);
  }

  private static Step row(Path file, int number, String line, Step previous) {
    String where = file + " line " + number + ": ";
    String[] cells = line.split(",", -1);
    if (cells.length != 2) {
      throw new InvalidTraceException(where + "expected 2 cells \"time,arrivals_per_minute\", got \"" + line + "\"");
    }
    Duration at = Durations.parse(cells[0].strip()).orElseThrow(() -> new InvalidTraceException(where + "time \""
        + cells[0].strip() + "\" is not a duration; write 0s, 90s, 30m, 2h or plain seconds"));
    double rate;
    try {
      rate = Double.parseDouble(cells[1].strip());
    } catch (NumberFormatException e) {
      rate = Double.NaN;
    }
    if (!Double.isFinite(rate) || rate < 0) {
      throw new InvalidTraceException(where + "arrivals_per_minute must be a number >= 0, got \""
          + cells[1].strip() + "\"");
    }
    if (previous != null && at.toSeconds() <= previous.atSeconds()) {
      throw new InvalidTraceException(where + "time " + cells[0].strip() + " is not after the previous row ("
          + fmt(previous.atSeconds()) + "s); rows must be in increasing time order");
    }
    return new Step(at.toSeconds(), rate);
  }

  private static String fmt(double seconds) {
    return Long.toString((long) seconds);
  }
}
