package dev.baton.testing;

import dev.baton.failover.FailoverPolicy;
import dev.baton.monitor.MonitorPolicy;
import dev.baton.release.ReleasePolicy;
import dev.baton.release.TimeoutOutcome;
import dev.baton.rules.ApprovalSigners;
import dev.baton.rules.ControlRules;
import dev.baton.rules.DrillRules;
import dev.baton.rules.RulesSource;
import java.time.Duration;
import java.util.List;

/**
 * What a mocked control worker answers when a workflow reads its rules. Tests that are about the
 * workflow's logic give the rules they test here, where the control worker's file would hold them.
 */
public final class TestRules {
  public static final List<String> SITES = List.of("primary", "secondary");
  public static final RulesSource SOURCE = new RulesSource("/etc/baton/baton.yml", "ab".repeat(32));

  private TestRules() {}

  public static ControlRules of(
      String project,
      ReleasePolicy release,
      FailoverPolicy failover,
      MonitorPolicy monitor,
      Duration drillBake) {
    return new ControlRules(
        project,
        SITES,
        SOURCE,
        release == null ? release() : release,
        failover == null ? failover() : failover,
        monitor == null ? monitor() : monitor,
        new DrillRules(drillBake == null ? Duration.ofSeconds(30) : drillBake, true),
        ApprovalSigners.unsigned());
  }

  public static ControlRules release(String project, ReleasePolicy release) {
    return of(project, release, null, null, null);
  }

  public static ReleasePolicy release() {
    return new ReleasePolicy(
        List.of("switch"),
        List.of(),
        false,
        Duration.ofHours(1),
        TimeoutOutcome.REJECT,
        Duration.ofMinutes(2),
        Duration.ofSeconds(30),
        Duration.ofMinutes(10),
        List.of("worker"),
        false,
        16 << 20,
        Duration.ofSeconds(30),
        List.of(),
        Duration.ZERO,
        false,
        null,
        false,
        null,
        List.of(),
        null,
        null);
  }

  public static FailoverPolicy failover() {
    return new FailoverPolicy(
        3, Duration.ofSeconds(2), Duration.ofSeconds(5), List.of("worker"), false);
  }

  public static MonitorPolicy monitor() {
    return new MonitorPolicy(Duration.ofSeconds(2), 3, false, 16 << 20, Duration.ofSeconds(30));
  }
}
