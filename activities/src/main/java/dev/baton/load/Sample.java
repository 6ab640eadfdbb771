package dev.baton.load;

/**
 * One request's outcome.
 *
 * @param sentAtMillis wall-clock time it was started (epoch ms), comparable with other processes
 * @param millis how long it took
 * @param status HTTP status, or 0 when there was no answer
 * @param upstream the router's {@code X-Baton-Upstream} header: which site answered (or null)
 * @param error why it failed (connection error, timeout, HTTP 5xx), or null when it succeeded
 */
public record Sample(long sentAtMillis, long millis, int status, String upstream, String error) {

  public boolean failed() {
    return error != null;
  }
}
