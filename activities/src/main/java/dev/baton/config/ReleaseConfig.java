package dev.baton.config;

import dev.baton.release.TrafficLimits;
import java.time.Duration;
import java.util.List;

/**
 * Timings and rules of one release.
 *
 * @param bake how long the new active site is watched after the switch
 * @param probeInterval how often it is probed while baking
 * @param deployTimeout one site deploy, including the wait until healthy
 * @param activeOnlyServices compose services that run on the active site only
 * @param shift the new site's share of traffic step by step (e.g. 10, 50, 100); empty for a
 *     one-step switch
 * @param shiftPause how long each partial step of a shift lasts while the new site is probed
 * @param outageWait how long a step waits, across attempts, for a Docker engine or database that
 *     does not answer (restarting) before it fails
 * @param bakeTraffic limits on the new site's real traffic while it bakes ({@code bake: {duration,
 *     maxErrorRate, maxP99, minRequests}}); null when {@code bake} is only a duration
 * @param smoke the smoke tests run against the standby after validate, before the approval
 * @param migrate the schema migration run on the active site before the standby's deploy; null when
 *     there is none
 */
public record ReleaseConfig(
    ApprovalConfig approval,
    Duration bake,
    Duration probeInterval,
    Duration deployTimeout,
    List<String> activeOnlyServices,
    List<Integer> shift,
    Duration shiftPause,
    Duration outageWait,
    TrafficLimits bakeTraffic,
    List<SmokeConfig> smoke,
    MigrateConfig migrate) {

  public ReleaseConfig {
    activeOnlyServices = List.copyOf(activeOnlyServices);
    shift = List.copyOf(shift);
    smoke = smoke == null ? List.of() : List.copyOf(smoke);
  }

  /** The smoke test named {@code name}, or null. */
  public SmokeConfig smoke(String name) {
    return smoke.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }
}
