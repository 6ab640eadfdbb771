package dev.baton.sites;

import java.util.List;

/**
 * @param siteIds the project's sites, in config order
 * @param replicatedDatabase database mode {@code replicated}: ask each site's database its role and
 *     the replica its lag
 */
public record SitesRequest(String project, List<String> siteIds, boolean replicatedDatabase) {}
