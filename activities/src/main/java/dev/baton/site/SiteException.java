package dev.baton.site;

/** Something failed on one site; the message starts with the site id. */
public class SiteException extends RuntimeException {
  public SiteException(String siteId, String message) {
    this(siteId, message, null);
  }

  public SiteException(String siteId, String message, Throwable cause) {
    super(siteId + ": " + message, cause);
  }
}
