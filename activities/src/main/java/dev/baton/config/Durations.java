package dev.baton.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints durations as written in {@code baton.yml}: {@code 500ms}, {@code 1h30m}. */
public final class Durations {

  /** What the parser accepts, for error messages. */
  public static final String ACCEPTED =
      "a duration like 500ms, 30s, 5m, 2h, 1d, combined like 1h30m, or ISO-8601 like PT5M";

  // "ms" must come before "m" and "s" so that 500ms is not read as 500m followed by garbage.
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");
  private static final List<String> UNITS = List.of("d", "h", "m", "s", "ms");

  private Durations() {}

  /**
   * Parses {@code text}; units must go from largest to smallest, each at most once, so that typos
   * such as {@code 30s1m} or {@code 5m5m} are caught instead of silently summed.
   *
   * @throws IllegalArgumentException saying what is wrong, without {@link #ACCEPTED}
   */
  public static Duration parse(String text) {
    String s = text == null ? "" : text.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty duration");
    }
    if (s.charAt(0) == 'P' || s.charAt(0) == 'p' || s.charAt(0) == '-') {
      return iso(text, s);
    }
    Matcher m = PART.matcher(s);
    Duration total = Duration.ZERO;
    int previousUnit = -1;
    int pos = 0;
    while (pos < s.length()) {
      m.region(pos, s.length());
      if (!m.lookingAt()) {
        throw notADuration(text);
      }
      int unit = UNITS.indexOf(m.group(2));
      if (unit <= previousUnit) {
        throw new IllegalArgumentException(
            "\"" + text + "\" is not a duration: units must go d, h, m, s, ms, each at most once");
      }
      previousUnit = unit;
      total = add(text, total, m.group(1), m.group(2));
      pos = m.end();
    }
    return total;
  }

  /** Prints the shortest form {@link #parse} reads back, e.g. {@code 1h30m}, {@code 0s}. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.isNegative()) {
      return d.toString();
    }
    StringBuilder out = new StringBuilder();
    append(out, d.toDays(), "d");
    append(out, d.toHoursPart(), "h");
    append(out, d.toMinutesPart(), "m");
    append(out, d.toSecondsPart(), "s");
    append(out, d.toMillisPart(), "ms");
    return out.length() == 0 ? d.toString() : out.toString();
  }

  private static void append(StringBuilder out, long amount, String unit) {
    if (amount > 0) {
      out.append(amount).append(unit);
    }
  }

  private static Duration iso(String text, String s) {
    Duration d;
    try {
      d = Duration.parse(s);
    } catch (DateTimeParseException e) {
      throw notADuration(text);
    }
    if (d.isNegative()) {
      throw new IllegalArgumentException("\"" + text + "\" is negative");
    }
    return d;
  }

  private static Duration add(String text, Duration total, String digits, String unit) {
    try {
      long n = Long.parseLong(digits);
      Duration part =
          switch (unit) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            case "m" -> Duration.ofMinutes(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMillis(n);
          };
      return total.plus(part);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("\"" + text + "\" is too long a duration");
    }
  }

  private static IllegalArgumentException notADuration(String text) {
    return new IllegalArgumentException("\"" + text + "\" is not a duration");
  }
}
