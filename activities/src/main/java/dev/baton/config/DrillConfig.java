package dev.baton.config;

import java.time.Duration;

/**
 * A failover drill: switch to the standby, bake, and optionally switch back.
 *
 * @param bake how long the standby serves traffic during the drill
 * @param switchBack whether the drill returns traffic to the original site
 */
public record DrillConfig(Duration bake, boolean switchBack) {}
