package io.agentscale.traffic;

import io.agentscale.profile.Durations;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

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

  /** The calls offered on average over the whole run: each step's rate × the time it holds, summed. */
  public double expectedCalls() {
    double calls = 0;
    for (int i = 0; i < steps.size(); i++) {
      double start = steps.get(i).atSeconds();
      double stop = Math.min(endSeconds, i + 1 < steps.size() ? steps.get(i + 1).atSeconds() : endSeconds);
      calls += steps.get(i).perMinute() * Math.max(0, stop - start) / 60;
    }
    return calls;
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

  /** Larger files are refused before they are read: a per-second trace of a month is about 40 MiB. */
  static final long MAX_FILE_BYTES = 64L << 20;

  /** A plain decimal number, optionally with an exponent; not Java's {@code 5d}, {@code 0x1p3}, {@code NaN}. */
  private static final Pattern RATE =
      Pattern.compile("[0-9]+(\\.[0-9]*)?([eE][+-]?[0-9]+)?|\\.[0-9]+([eE][+-]?[0-9]+)?");

  /**
   * Reads {@code time,arrivals_per_minute} rows from a UTF-8 file (a leading byte order mark is ignored). {@code time}
   * is an offset from the start ({@code 0s}, {@code 90s}, {@code 30m}, {@code 2h} or plain seconds). The last row
   * marks the end unless {@code duration} is given.
   */
  public static Trace readCsv(Path file, Duration duration) {
    List<String> lines;
    try {
      if (Files.isDirectory(file)) {
        throw new InvalidTraceException(file + ": is a folder, not a trace file");
      }
      byte[] bytes;
      try (var in = Files.newInputStream(file)) {
        bytes = in.readNBytes((int) MAX_FILE_BYTES + 1); // a device like /dev/zero has no size but never ends
      }
      if (bytes.length > MAX_FILE_BYTES) {
        throw new InvalidTraceException(file + ": the trace is more than the " + (MAX_FILE_BYTES >> 20)
            + " MiB limit; use fewer rows (one a minute is enough for the simulator)");
      }
      lines = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString().lines()
          .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    } catch (CharacterCodingException e) {
      throw new InvalidTraceException(file + ": not UTF-8 text; save the trace as UTF-8 CSV");
    } catch (NoSuchFileException e) {
      throw new InvalidTraceException(file + ": no such file");
    } catch (IOException e) {
      throw new InvalidTraceException(file + ": cannot read the trace (" + e.getMessage() + ")");
    }
    if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
      lines.set(0, lines.get(0).substring(1)); // the byte order mark spreadsheet programs write
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
    Duration at = time(cells[0].strip()).orElseThrow(() -> new InvalidTraceException(where + "time \""
        + cells[0].strip() + (Durations.tooLarge(cells[0].strip())
            ? "\" is longer than a year (" + Durations.MAX.toHours() + "h), more than a trace may run"
            : "\" is not a duration; write 0s, 90s, 30m, 2h or plain seconds")));
    String cell = cells[1].strip();
    double rate = RATE.matcher(cell).matches() ? Double.parseDouble(cell) : Double.NaN;
    if (!Double.isFinite(rate)) {
      throw new InvalidTraceException(where + "arrivals_per_minute must be a number >= 0, got \""
          + cells[1].strip() + "\"");
    }
    if (previous != null && at.toSeconds() <= previous.atSeconds()) {
      throw new InvalidTraceException(where + "time " + cells[0].strip() + " is not after the previous row ("
          + fmt(previous.atSeconds()) + "s); rows must be in increasing time order");
    }
    return new Step(at.toSeconds(), rate);
  }

  /** A duration, or empty when the text is none or too large to count in seconds. */
  private static Optional<Duration> time(String text) {
    try {
      return Durations.parse(text).filter(d -> !d.isNegative());
    } catch (ArithmeticException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String fmt(double seconds) {
    return Long.toString((long) seconds);
  }
}
