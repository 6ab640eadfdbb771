package dev.baton.sites;

import java.util.List;

/**
 * Both sites as one look saw them.
 *
 * @param routerTarget the site the router sends traffic to (the larger share while it is split);
 *     null when the router did not answer
 * @param routerProblem why the router did not answer; empty when it did
 * @param checkedAtMillis when the look started (epoch ms, workflow time)
 * @param tookMillis how long it took
 */
public record SitesReport(
    String project,
    String routerTarget,
    String routerProblem,
    List<SiteReport> sites,
    long checkedAtMillis,
    long tookMillis) {}
