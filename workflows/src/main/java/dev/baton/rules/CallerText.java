package dev.baton.rules;

import java.text.Normalizer;

/**
 * Text a caller typed (a name, a comment, a reason, a workflow id), made safe to show. Whatever is
 * not printable ASCII is written as {@code \\uXXXX}, so two names that look alike never look alike
 * in a message, and no escape sequence reaches an operator's terminal.
 */
public final class CallerText {
  public static final int MAX_NAME = 64;

  private CallerText() {}

  /** {@code "alice"}, {@code "\u0430lice"} for a Cyrillic a; {@code null} as null. */
  public static String quote(String text) {
    return text == null ? "null" : "\"" + escape(text) + "\"";
  }

  /**
   * The text with every character outside printable ASCII written as {@code \\uXXXX}, and a quote
   * or a backslash behind a backslash.
   */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else {
        out.append(unicodeEscape(c));
      }
    }
    return out.toString();
  }

  /** {@code c} as a backslash, {@code u} and four lower-case hex digits, whatever the locale. */
  public static String unicodeEscape(char c) {
    String hex = Integer.toHexString(c);
    return "\\u" + "0000".substring(hex.length()) + hex;
  }

  /**
   * A name as baton compares it: without surrounding white space (only white space: a leading
   * control character stays, to be refused) and in Unicode NFC; null stays null.
   */
  public static String normalizeName(String name) {
    return name == null ? null : Normalizer.normalize(name.strip(), Normalizer.Form.NFC);
  }

  /** Why {@code name} (normalized) is not acceptable as a person's name, or null when it is. */
  public static String nameProblem(String name) {
    if (name == null || name.isEmpty()) {
      return "a name is required";
    }
    if (name.length() > MAX_NAME) {
      return "the name " + quote(name.substring(0, 16)) + "… is longer than " + MAX_NAME;
    }
    int bad = name.codePoints().filter(c -> !printable(c)).findFirst().orElse(-1);
    if (bad >= 0) {
      return "the name " + quote(name) + " holds a character that is not printable";
    }
    return null;
  }

  private static boolean printable(int c) {
    int type = Character.getType(c);
    return !Character.isISOControl(c)
        && type != Character.FORMAT
        && type != Character.UNASSIGNED
        && type != Character.PRIVATE_USE
        && type != Character.SURROGATE
        && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR;
  }
}
