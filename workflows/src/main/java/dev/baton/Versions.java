package dev.baton;

import java.util.regex.Pattern;

/**
 * What a version may be. It becomes an image tag, a git ref and a compose variable, so it must be a
 * valid image tag (Docker's rule), which also keeps option-like ({@code -rm}) and shell-like
 * ({@code $(id)}, {@code v1;rm}) strings out. The CLI checks it as it parses; the workflows check
 * it again, since a start through Temporal's API or Web UI never passes the CLI.
 */
public final class Versions {
  private static final Pattern IMAGE_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  private Versions() {}

  /** Null when {@code version} is valid, else the one-line reason. */
  public static String problem(String version) {
    if (version != null && IMAGE_TAG.matcher(version).matches()) {
      return null;
    }
    return (version == null ? "no version" : "'" + printable(version) + "'")
        + " is not a valid version: use an image tag (letters, digits, _ . -,"
        + " at most 128, not starting with . or -)";
  }

  /**
   * A hostile value (a version, a config value) can be megabytes of control characters: a short,
   * safe prefix of it, control characters escaped, cut after 60 characters.
   */
  public static String printable(String version) {
    String shown = version.length() > 60 ? version.substring(0, 60) + "..." : version;
    StringBuilder out = new StringBuilder();
    shown
        .codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }
}
