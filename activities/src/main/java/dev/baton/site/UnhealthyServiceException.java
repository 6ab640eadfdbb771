package dev.baton.site;

/** A service exited, turned unhealthy or never became healthy: retrying the deploy cannot help. */
public class UnhealthyServiceException extends SiteException {
  public UnhealthyServiceException(String siteId, String message) {
    super(siteId, message);
  }
}
