package dev.baton.failover;

import java.time.Duration;
import java.util.List;

/**
 * The failover part of {@code baton.yml}, copied into the request when the failover starts.
 *
 * @param confirmProbes failed probes of the active site, {@code confirmInterval} apart, before a
 *     failover acts (the monitor's {@code failuresBeforeAction} and {@code interval})
 * @param fenceTimeout how long each best-effort fencing action of the failed site may take
 * @param activeOnlyServices compose services that run on the active site only
 * @param replicatedDatabase promote the standby's database (database mode replicated)
 */
public record FailoverPolicy(
    int confirmProbes,
    Duration confirmInterval,
    Duration fenceTimeout,
    List<String> activeOnlyServices,
    boolean replicatedDatabase) {}
