package dev.baton.signature;

import dev.baton.rules.CallerText;

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
    return CallerText.quote(text);
  }
}
