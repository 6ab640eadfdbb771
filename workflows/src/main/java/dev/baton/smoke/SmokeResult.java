package dev.baton.smoke;

/**
 * What one smoke test found.
 *
 * @param summary one line: "exit 0", "exit 3", "HTTP 200", "expected HTTP 200, got 503"
 * @param output the last lines a service printed (credentials masked), or the start of an HTTP
 *     answer's body when it failed; empty when there is nothing worth showing
 */
public record SmokeResult(
    String name,
    SmokeKind kind,
    String target,
    boolean passed,
    String summary,
    String output,
    long millis) {

  public SmokeResult {
    output = output == null ? "" : output;
  }

  /** "e2e (service smoke): passed, exit 0 in 1.2 s". */
  public String describe() {
    return name
        + " ("
        + kind.name().toLowerCase()
        + " "
        + target
        + "): "
        + (passed ? "passed" : "FAILED")
        + ", "
        + summary
        + String.format(" in %.1f s", millis / 1000.0);
  }
}
