package dev.baton.cli.drill;

import java.util.regex.Pattern;

/**
 * Checks the shape of a cron expression before Temporal sees it: five fields (minute, hour, day of
 * month, month, day of week), each made of digits, names, {@code * / , -}. Temporal checks the
 * values; this gives a clear error for the common mistakes (a quoted expression split by the shell,
 * six fields with seconds, a typo).
 */
final class CronExpression {
  static final String EXPECTED =
      "5 fields: minute hour day-of-month month day-of-week, in UTC, e.g. \"0 3 * * 1\""
          + " for Mondays at 03:00";
  private static final Pattern FIELD = Pattern.compile("[0-9A-Za-z*/,?-]+");

  private CronExpression() {}

  /** The expression with single spaces, or IllegalArgumentException saying what is wrong. */
  static String check(String expression) {
    String trimmed = expression == null ? "" : expression.trim();
    String[] fields = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException(
          "--cron \""
              + expression
              + "\" has "
              + fields.length
              + " field"
              + (fields.length == 1 ? "" : "s")
              + "; expected "
              + EXPECTED);
    }
    for (String field : fields) {
      if (!FIELD.matcher(field).matches()) {
        throw new IllegalArgumentException(
            "--cron \""
                + expression
                + "\": \""
                + field
                + "\" is not a cron field; expected "
                + EXPECTED);
      }
    }
    return String.join(" ", fields);
  }
}
