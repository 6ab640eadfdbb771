package dev.baton.drill;

import dev.baton.release.ReleasePolicy;
import java.time.Duration;
import java.util.List;

/**
 * Starts a drill: a planned, reversible switchover to the standby site.
 *
 * @param policy the release rules (probe interval, active-only services, database mode and lag
 *     limits); approvals do not apply to drills
 * @param bake how long the standby serves traffic before the drill switches back
 * @param keep stay on the standby (no switch back): the roles stay swapped
 */
public record DrillRequest(
    String project,
    List<String> siteIds,
    String requestedBy,
    ReleasePolicy policy,
    Duration bake,
    boolean keep) {}
