package dev.baton.migrate;

/**
 * How a migration ended.
 *
 * @param exitCode the container's exit code; -1 when it was stopped at its timeout
 * @param output the last lines it printed (credentials masked)
 * @param container the container's name, derived from the release's run
 * @param attached this attempt found the container an earlier attempt started and only waited for
 *     it: the migration did not run again
 */
public record MigrateResult(
    String service,
    String siteId,
    boolean passed,
    int exitCode,
    String summary,
    String output,
    long millis,
    String container,
    boolean attached) {

  public MigrateResult {
    output = output == null ? "" : output;
  }

  /** "migrate on primary: passed, exit 0 in 1.2 s". */
  public String describe() {
    return service
        + " on "
        + siteId
        + ": "
        + (passed ? "passed" : "FAILED")
        + ", "
        + summary
        + String.format(" in %.1f s", millis / 1000.0)
        + (attached ? " (an earlier attempt's container, not run again)" : "");
  }
}
