package dev.baton.config;

import java.time.Duration;
import java.util.List;

/**
 * Timings and rules of one release.
 *
 * @param bake how long the new active site is watched after the switch
 * @param probeInterval how often it is probed while baking
 * @param deployTimeout one site deploy, including the wait until healthy
 * @param activeOnlyServices compose services that run on the active site only
 */
public record ReleaseConfig(
    ApprovalConfig approval,
    Duration bake,
    Duration probeInterval,
    Duration deployTimeout,
    List<String> activeOnlyServices) {

  public ReleaseConfig {
    activeOnlyServices = List.copyOf(activeOnlyServices);
  }
}
