package dev.baton.switchover;

import java.time.Duration;
import java.util.List;

/**
 * What a planned switchover needs to know, and no more: a release and a drill both build one from
 * the control worker's rules, so neither has to pretend to be the other.
 *
 * @param activeOnlyServices the services (queue workers) that run on the active site only; they
 *     move with the traffic
 * @param maxLagBytes the replica may be this far behind and still take over (mode replicated)
 * @param maxLag the same, in time
 */
public record SwitchoverInput(
    String project, List<String> activeOnlyServices, long maxLagBytes, Duration maxLag) {

  public SwitchoverInput {
    activeOnlyServices = List.copyOf(activeOnlyServices);
  }
}
