package dev.baton.rules;

import dev.baton.failover.FailoverPolicy;
import dev.baton.monitor.MonitorPolicy;
import dev.baton.release.ReleasePolicy;
import java.util.List;

/**
 * Every rule a workflow of the project follows, as the control worker read them. A workflow reads
 * them once, when it plans, so they are recorded in its history: a later change of the file applies
 * to the next operation, never to one already running.
 *
 * @param siteIds the project's sites, in config order
 * @param signers who may approve and how their approvals are proved
 */
public record ControlRules(
    String project,
    List<String> siteIds,
    RulesSource source,
    ReleasePolicy release,
    FailoverPolicy failover,
    MonitorPolicy monitor,
    DrillRules drill,
    ApprovalSigners signers) {

  public ControlRules {
    siteIds = List.copyOf(siteIds);
  }
}
