package dev.baton.config;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses byte sizes such as {@code 16MB}. Units are powers of 1024, as in PostgreSQL's own
 * settings, because the value is compared with byte offsets PostgreSQL reports.
 */
public final class ByteSizes {

  /** What the parser accepts, for error messages. */
  public static final String ACCEPTED =
      "a byte count like 16777216, or a size like 512kB, 16MB or 1GB, where 1kB is 1024 bytes";

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([A-Za-z]*)");
  private static final Map<String, Integer> SHIFTS =
      Map.ofEntries(
          Map.entry("", 0),
          Map.entry("b", 0),
          Map.entry("kb", 10),
          Map.entry("kib", 10),
          Map.entry("mb", 20),
          Map.entry("mib", 20),
          Map.entry("gb", 30),
          Map.entry("gib", 30),
          Map.entry("tb", 40),
          Map.entry("tib", 40));

  private ByteSizes() {}

  /**
   * @throws IllegalArgumentException saying what is wrong, without {@link #ACCEPTED}
   */
  public static long parse(String text) {
    Matcher m = SIZE.matcher(text == null ? "" : text.strip());
    Integer shift = m.matches() ? SHIFTS.get(m.group(2).toLowerCase(Locale.ROOT)) : null;
    if (shift == null) {
      throw new IllegalArgumentException("\"" + text + "\" is not a size");
    }
    try {
      long n = Long.parseLong(m.group(1));
      if (shift > 0 && n > (Long.MAX_VALUE >> shift)) {
        throw new NumberFormatException();
      }
      return n << shift;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("\"" + text + "\" is too large a size");
    }
  }
}
