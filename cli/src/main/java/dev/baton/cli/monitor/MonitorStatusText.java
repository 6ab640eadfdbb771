package dev.baton.cli.monitor;

import dev.baton.database.ReplicationStatus;
import dev.baton.monitor.MonitorStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The monitor's status as `baton monitor status` prints it. */
final class MonitorStatusText {
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private MonitorStatusText() {}

  static String render(String project, List<String> siteIds, MonitorStatus s) {
    StringBuilder text = new StringBuilder();
    text.append(String.format("monitor of %s: running, %d probes%n", project, s.probes()));
    String failing =
        s.consecutiveFailures() == 0
            ? ""
            : String.format(
                " (%d failed probes in a row since %s)",
                s.consecutiveFailures(), clock(s.firstFailedProbeAtMillis()));
    text.append(String.format("active:      %s %s%s%n", s.activeSite(), s.activeHealth(), failing));
    String standby =
        siteIds.stream().filter(id -> !id.equals(s.activeSite())).findFirst().orElse("?");
    text.append(String.format("standby:     %s %s%n", standby, s.standbyHealth()));
    ReplicationStatus r = s.lastReplication();
    if (r != null) {
      text.append(
          String.format(
              "replication: %s (seen %s)%n", r.detail(), clock(s.lastReplicationAtMillis())));
    }
    if (s.failoverWorkflowId() != null) {
      text.append(
          String.format("failover:    %s (see `baton failover status`)%n", s.failoverWorkflowId()));
    }
    if (s.waitingForApproval()) {
      text.append(
          String.format(
              "%nthe active site is down; the monitor waits for approval to fail over:%n"
                  + "  baton monitor approve --reason WHY --as NAME%n"));
    }
    if (s.events() != null && !s.events().isEmpty()) {
      text.append(String.format("%nevents:%n"));
      s.events().forEach(e -> text.append("  ").append(e).append(System.lineSeparator()));
    }
    return text.toString();
  }

  private static String clock(long epochMillis) {
    return epochMillis <= 0 ? "?" : CLOCK.format(Instant.ofEpochMilli(epochMillis));
  }
}
