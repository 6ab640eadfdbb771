package dev.baton.monitor;

import dev.baton.database.ReplicationStatus;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the monitor knows, mutable inside the workflow and carried over continue-as-new as a {@link
 * MonitorStatus}. Events keep the latest changes only, so the state (and the history) stays small.
 */
final class MonitorState {
  static final int MAX_EVENTS = 20;

  String activeSite;
  SiteHealth activeHealth = SiteHealth.UNKNOWN;
  int consecutiveFailures;
  long firstFailedProbeAtMillis;
  StandbyHealth standbyHealth = StandbyHealth.UNKNOWN;
  ReplicationStatus lastReplication;
  long lastReplicationAtMillis;
  boolean waitingForApproval;
  String failoverWorkflowId;
  long probes;
  final List<String> events = new ArrayList<>();

  MonitorState(MonitorStatus from) {
    if (from == null) {
      return;
    }
    activeSite = from.activeSite();
    activeHealth = from.activeHealth();
    consecutiveFailures = from.consecutiveFailures();
    firstFailedProbeAtMillis = from.firstFailedProbeAtMillis();
    standbyHealth = StandbyHealth.of(from.standbyHealth());
    lastReplication = from.lastReplication();
    lastReplicationAtMillis = from.lastReplicationAtMillis();
    waitingForApproval = from.waitingForApproval();
    failoverWorkflowId = from.failoverWorkflowId();
    probes = from.probes();
    events.addAll(from.events());
  }

  /** Records a notable change with its (workflow) time; returns the text without the time. */
  String event(String text) {
    events.add(Instant.ofEpochMilli(Workflow.currentTimeMillis()) + " " + text);
    while (events.size() > MAX_EVENTS) {
      events.remove(0);
    }
    return text;
  }

  MonitorStatus snapshot() {
    return new MonitorStatus(
        activeSite,
        activeHealth,
        consecutiveFailures,
        firstFailedProbeAtMillis,
        standbyHealth.text(),
        lastReplication,
        lastReplicationAtMillis,
        waitingForApproval,
        failoverWorkflowId,
        probes,
        List.copyOf(events));
  }
}
