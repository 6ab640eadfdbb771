package dev.baton.signature;

/**
 * Why a signature, a public key or an allowed-signers file was refused. The message is written for
 * the operator: it says what is wrong and, where it helps, what to do; callers show it as is.
 */
public class SignatureProblem extends RuntimeException {

  public SignatureProblem(String message) {
    super(message);
  }

  public SignatureProblem(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * {@code text} quoted for a message: anything outside printable ASCII becomes <code>&#92;uXXXX
   * </code>, so a name cannot smuggle newlines, terminal escapes or look-alike letters into what
   * people read.
   */
  public static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        out.append(c);
      } else if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else {
        out.append(unicodeEscape(c));
      }
    }
    return out.append('"').toString();
  }

  /** {@code c} as a backslash, {@code u} and four lower-case hex digits, whatever the locale. */
  static String unicodeEscape(char c) {
    String hex = Integer.toHexString(c);
    return "\\u" + "0000".substring(hex.length()) + hex;
  }
}
