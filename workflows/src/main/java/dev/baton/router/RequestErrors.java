package dev.baton.router;

/**
 * @param measured false when the router keeps no log baton can read; the counts are 0 then
 * @param detail one line, e.g. {@code "2 of 1532 requests failed (502 x2)"} or why not measured
 * @param p99Millis the 99th percentile of the requests' times, or -1 when the log has none (its
 *     format lacks {@code rt=$request_time}, or a count recorded before baton read it)
 */
public record RequestErrors(
    boolean measured, long requests, long errors, String detail, long p99Millis) {

  public RequestErrors(boolean measured, long requests, long errors, String detail) {
    this(measured, requests, errors, detail, -1);
  }
}
