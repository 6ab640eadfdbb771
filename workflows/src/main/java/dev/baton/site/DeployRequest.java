package dev.baton.site;

/**
 * @param role the role the site has while it runs this version: a standby does not start the
 *     active-only services (queue workers must not run on both sites)
 */
public record DeployRequest(String project, String siteId, String version, Role role) {}
