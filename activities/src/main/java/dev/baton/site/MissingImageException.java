package dev.baton.site;

/** The registry does not have a version's tag: retrying cannot help until someone pushes it. */
public class MissingImageException extends SiteException {
  public MissingImageException(String siteId, String message) {
    super(siteId, message);
  }
}
