package dev.baton.release;

import java.util.List;

/**
 * Starts a release. Carries ids and rules only, never secrets: workers read the sites' files and
 * credentials locally.
 *
 * @param siteIds the project's two sites; which one is active is asked of the router
 */
public record ReleaseRequest(
    String project,
    String version,
    String requestedBy,
    List<String> siteIds,
    ReleasePolicy policy) {}
