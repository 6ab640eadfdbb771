package dev.baton.failover;

import dev.baton.report.Phase;
import dev.baton.report.PhasedReport;
import java.util.List;

/**
 * What a failover did, and how long users were without service.
 *
 * @param outcome RUNNING (progress query only), SUCCEEDED, or the FailureKind it ended with
 * @param from the failed site (active before); null until known
 * @param to the site that is active now; null until known
 * @param rtoMillis from the failover's start until traffic was verified on {@code to}
 * @param rtoFromDetectionMillis from the monitor's first failed probe until then; null when no
 *     monitor started it
 * @param rpo the data-loss estimate in one line, e.g. "0: site-a's database was fenced and its last
 *     write replayed" or "at most 4 kB (lag last seen 3s before the outage)"
 * @param fenced what could be fenced on the failed site, e.g. "router, active-only services,
 *     database"; what could not is in the phases
 * @param preempted the release or drill the failover terminated, or empty
 */
public record FailoverResult(
    String outcome,
    String from,
    String to,
    long rtoMillis,
    Long rtoFromDetectionMillis,
    String rpo,
    String fenced,
    String preempted,
    List<Phase> phases,
    String message)
    implements PhasedReport {}
