package dev.baton.drill;

import dev.baton.report.Phase;
import dev.baton.report.PhasedReport;
import java.util.List;

/**
 * What a drill proved and measured.
 *
 * @param outcome RUNNING (progress query only), SUCCEEDED, or the FailureKind it ended with
 * @param from the site active when the drill started
 * @param to the standby the drill switched to
 * @param activeSite where traffic is at the end
 * @param switchMillis how long the switch to the standby took (0 if it did not happen)
 * @param switchBackMillis how long the switch back took (0 if it did not happen)
 * @param requestErrors the request errors users saw during the drill, as the router logged them,
 *     e.g. "0 of 1532 requests failed", or "not measured: " and why
 */
public record DrillReport(
    String outcome,
    String from,
    String to,
    String activeSite,
    long switchMillis,
    long switchBackMillis,
    String requestErrors,
    List<Phase> phases,
    String message)
    implements PhasedReport {}
