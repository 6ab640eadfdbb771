package dev.baton.site;

import java.util.Map;

/**
 * @param role the role the site has while it runs this version: a standby does not start the
 *     active-only services (queue workers must not run on both sites)
 * @param images service name to the image by digest the site pulls and runs instead of building
 *     ({@code images.mode: registry}); null: the site builds the version from its checkout
 */
public record DeployRequest(
    String project, String siteId, String version, Role role, Map<String, String> images) {

  /** A deploy that builds on the site. */
  public DeployRequest(String project, String siteId, String version, Role role) {
    this(project, siteId, version, role, null);
  }
}
