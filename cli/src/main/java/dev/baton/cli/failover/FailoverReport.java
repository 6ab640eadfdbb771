package dev.baton.cli.failover;

import dev.baton.cli.report.Durations;
import dev.baton.cli.report.PhaseTable;
import dev.baton.failover.FailoverResult;

/** A failover's result as `baton failover` prints it. */
final class FailoverReport {
  private FailoverReport() {}

  static String render(String project, FailoverResult r) {
    StringBuilder text = new StringBuilder();
    text.append(String.format("failover of %s: %s%n", project, r.outcome()));
    text.append(String.format("  %s -> %s%n", or(r.from()), or(r.to())));
    if (r.rtoMillis() > 0) {
      text.append("  RTO ").append(Durations.of(r.rtoMillis()));
      if (r.rtoFromDetectionMillis() != null) {
        text.append(" (")
            .append(Durations.of(r.rtoFromDetectionMillis()))
            .append(" from the first failed probe)");
      }
      text.append(System.lineSeparator());
    }
    if (r.rpo() != null && !r.rpo().isEmpty()) {
      text.append(String.format("  RPO %s%n", r.rpo()));
    }
    line(text, "fenced", r.fenced());
    line(text, "pre-empted", r.preempted());
    text.append(System.lineSeparator()).append(PhaseTable.render(r.phases()));
    if (r.message() != null && !r.message().isEmpty()) {
      text.append(String.format("%n%s%n", r.message()));
    }
    return text.toString();
  }

  private static void line(StringBuilder text, String label, String value) {
    if (value != null && !value.isEmpty()) {
      text.append(String.format("  %s: %s%n", label, value));
    }
  }

  private static String or(String site) {
    return site == null ? "?" : site;
  }
}
