package io.agentscale.profile;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The values a {@link ProfileSchema.Field} allows. Its {@link #text()} is the "allowed" column of README's field
 * reference and {@link #problem} is what {@link ProfileValidator} reports, so the documented range and the checked one
 * are the same object.
 *
 * <p>An end of a range may name another field. A floor ({@code atLeast}) is checked here: the value must not be below
 * that field's. A ceiling ({@code atMost}, {@code below}) is shown in the text but checked elsewhere: by the other
 * field's floor ({@code min_workers .. max_workers} is {@code max_workers}' floor), by a hand-written rule in
 * {@link ProfileValidator} or by a plan rule. Either way the fixed limits still apply.
 */
public sealed interface Range {

  /** The allowed values in words, as the field reference shows them. */
  String text();

  /**
   * What is wrong with {@code value}, or empty when it is allowed.
   *
   * @param value the field's value, never null
   * @param field another field's value by path: a floor's
   */
  Optional<String> problem(Object value, Function<String, Object> field);

  static IntRange ints(int min, int max) {
    return new IntRange(min, max, null, null, "");
  }

  static DurationRange durations(Duration min, Duration max) {
    return new DurationRange(min, max, null, null, null);
  }

  /** A share of something: greater than 0, at most 1. */
  static NumberRange fraction() {
    return new NumberRange(0, true, 1, null, "");
  }

  /** Numbers from {@code min} to {@code max}, both allowed. */
  static NumberRange numbers(double min, double max) {
    return new NumberRange(min, false, max, null, "");
  }

  /** Numbers above {@code min}, up to {@code max}. */
  static NumberRange numbersAbove(double min, double max) {
    return new NumberRange(min, true, max, null, "");
  }

  /** A format, a choice or a rule that {@link ProfileValidator} (or the loader) checks by hand. */
  static Described described(String text) {
    return new Described(text);
  }

  /**
   * Whole numbers from {@code min} to {@code max}.
   *
   * @param floor the field this one must not be below, or null
   * @param ceiling the field shown as the upper end, or null
   * @param note added to the text, such as advice
   */
  record IntRange(int min, int max, String floor, String ceiling, String note) implements Range {
    public IntRange atLeast(String field) {
      return new IntRange(min, max, field, ceiling, note);
    }

    public IntRange atMost(String field) {
      return new IntRange(min, max, floor, field, note);
    }

    public IntRange withNote(String text) {
      return new IntRange(min, max, floor, ceiling, text);
    }

    @Override
    public String text() {
      return (floor != null ? key(floor) : String.valueOf(min)) + " .. "
          + (ceiling != null ? key(ceiling) : String.valueOf(max)) + note;
    }

    @Override
    public Optional<String> problem(Object value, Function<String, Object> field) {
      int v = (Integer) value;
      if (floor != null && v < (Integer) field.apply(floor)) {
        return Optional.of("must be >= " + floor + " (" + field.apply(floor) + "), got " + v);
      }
      if (v < min) {
        return Optional.of("must be at least " + min + ", got " + v);
      }
      if (v > max) {
        return Optional.of("must be at most " + max + ", got " + v);
      }
      return Optional.empty();
    }
  }

  /**
   * Durations from {@code min} to {@code max}.
   *
   * @param floor the field this one must not be below, or null
   * @param ceiling the field shown as the upper end, or null
   * @param because why the floor holds, added to its problem; null for none
   */
  record DurationRange(Duration min, Duration max, String floor, String ceiling, String because) implements Range {
    public DurationRange atLeast(String field) {
      return new DurationRange(min, max, field, ceiling, because);
    }

    /** A floor whose problem says what breaks below it. */
    public DurationRange atLeast(String field, String reason) {
      return new DurationRange(min, max, field, ceiling, reason);
    }

    public DurationRange atMost(String field) {
      return new DurationRange(min, max, floor, field, because);
    }

    @Override
    public String text() {
      return (floor != null ? key(floor) : compact(min)) + " .. " + (ceiling != null ? key(ceiling) : compact(max));
    }

    @Override
    public Optional<String> problem(Object value, Function<String, Object> field) {
      Duration v = (Duration) value;
      if (floor != null && v.compareTo((Duration) field.apply(floor)) < 0) {
        return Optional.of("must be >= " + floor + " (" + Durations.seconds((Duration) field.apply(floor)) + ")"
            + (because == null ? "" : " " + because) + ", got " + Durations.seconds(v));
      }
      if (v.compareTo(min) < 0) {
        return Optional.of("must be at least " + Durations.seconds(min) + ", got " + Durations.seconds(v));
      }
      if (v.compareTo(max) > 0) {
        return Optional.of("must be at most " + Durations.seconds(max) + ", got " + Durations.seconds(v));
      }
      return Optional.empty();
    }

    /** The largest whole unit: {@code 0s}, {@code 30s}, {@code 10m}, {@code 1h}. */
    private static String compact(Duration d) {
      long s = d.toSeconds();
      if (s != 0 && s % 3600 == 0) {
        return s / 3600 + "h";
      }
      return s != 0 && s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
  }

  /**
   * Numbers from {@code min} (excluded when {@code minOpen}) to {@code max}.
   *
   * @param ceiling the field the value must stay strictly below, shown as the upper end; or null
   * @param note added to the text, such as the other way to state the value
   */
  record NumberRange(double min, boolean minOpen, double max, String ceiling, String note) implements Range {
    public NumberRange below(String field) {
      return new NumberRange(min, minOpen, max, field, note);
    }

    public NumberRange withNote(String text) {
      return new NumberRange(min, minOpen, max, ceiling, text);
    }

    @Override
    public String text() {
      return (minOpen ? "(" : "[") + plain(min) + ", " + (ceiling != null ? key(ceiling) + ")" : plain(max) + "]")
          + note;
    }

    @Override
    public Optional<String> problem(Object value, Function<String, Object> field) {
      double v = (Double) value;
      boolean aboveMin = minOpen ? v > min : v >= min;
      if (aboveMin && v <= max) {
        return Optional.empty(); // NaN fails both comparisons, so it is reported too
      }
      return Optional.of((minOpen ? "must be greater than " + plain(min) + " and at most "
          : "must be between " + plain(min) + " and ") + plain(max) + ", got " + v);
    }

    /** {@code 0}, {@code 0.9}, {@code 100000}: no trailing {@code .0} and no exponent. */
    private static String plain(double d) {
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
  }

  /** Allowed values in words only: formats, choices and mode-dependent ranges, checked by hand. */
  record Described(String text) implements Range {
    @Override
    public Optional<String> problem(Object value, Function<String, Object> field) {
      return Optional.empty();
    }
  }

  /** A field's key without its section, as ranges name related fields: {@code min_workers}. */
  private static String key(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }
}
