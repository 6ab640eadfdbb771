package dev.baton.process;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes credentials out of text before it becomes an exception message, a log line or a history
 * entry: the user-info part of any URL ({@code https://user:token@host/…} becomes {@code
 * https://***@host/…}) and the value of every secret this process has read ({@link #secret}, called
 * by {@code Secrets} for each {@code …Env}/{@code …File} value). Encrypted or not, a history is no
 * place for a token.
 *
 * <p>The secrets are process-wide on purpose: the text that leaks one (a command line, a tool's
 * output, a driver's message) is written far from where the secret was read, and a secret this
 * process never read cannot be in its own text.
 */
public final class Redaction {
  public static final String MASK = "***";

  /**
   * Shorter values are not masked: a 3-character password would turn every word it occurs in into
   * noise and hide nothing worth hiding.
   */
  static final int MIN_SECRET_LENGTH = 6;

  /** Scheme, then everything up to the last {@code @} before the host's end. */
  private static final Pattern USER_INFO =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/\\s'\"<>]*@");

  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

  private Redaction() {}

  /** Masks {@code value} (and each of its lines) wherever it appears from now on. */
  public static void secret(String value) {
    if (value == null) {
      return;
    }
    add(value.strip());
    for (String line : value.split("\\R")) {
      add(line.strip());
    }
  }

  private static void add(String value) {
    if (value.length() >= MIN_SECRET_LENGTH) {
      SECRETS.add(value);
    }
  }

  /** {@code text} without URL credentials and known secret values; null stays null. */
  public static String apply(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out =
        USER_INFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1)) + MASK + "@");
    // Longest first, so a secret that contains another is masked whole.
    List<String> secrets =
        SECRETS.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    for (String secret : secrets) {
      out = out.replace(secret, MASK);
    }
    return out;
  }

  /**
   * {@link #apply Redacted} and at most {@code maxChars} long, keeping the end (where a tool says
   * why it failed): for command output and container logs put into a failure.
   */
  public static String excerpt(String text, int maxChars) {
    String redacted = apply(text);
    if (redacted == null || redacted.length() <= maxChars) {
      return redacted;
    }
    int cut = redacted.length() - maxChars;
    return "[" + cut + " characters cut]…" + redacted.substring(cut);
  }
}
