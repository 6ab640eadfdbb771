package dev.baton.router;

/**
 * Epoch milliseconds; both ends included.
 *
 * @param siteId only the requests this site answered; null for all (a drill's switchover counts
 *     what users saw from either site)
 */
public record RequestErrorsRequest(String project, long fromMillis, long toMillis, String siteId) {

  public RequestErrorsRequest(String project, long fromMillis, long toMillis) {
    this(project, fromMillis, toMillis, null);
  }
}
