package dev.baton.load;

/**
 * One request's outcome.
 *
 * @param sentAtMillis wall-clock time it was started (epoch ms), comparable with other processes
 * @param millis how long it took
 * @param status HTTP status, or 0 when there was no answer
 * @param upstream the router's {@code X-Baton-Upstream} header: which site answered (or null)
 * @param error why it failed (connection error, timeout, HTTP 5xx), or null when it succeeded
 * @param retried it was sent again because a reused keep-alive connection closed before answering
 */
public record Sample(
    long sentAtMillis, long millis, int status, String upstream, String error, boolean retried) {

  public Sample(long sentAtMillis, long millis, int status, String upstream, String error) {
    this(sentAtMillis, millis, status, upstream, error, false);
  }

  public boolean failed() {
    return error != null;
  }
}
