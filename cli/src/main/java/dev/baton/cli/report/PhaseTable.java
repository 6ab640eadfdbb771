package dev.baton.cli.report;

import dev.baton.release.StepState;
import dev.baton.report.Phase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The phases of a failover or drill as a table: name, state, start, duration, detail. */
public final class PhaseTable {
  static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private PhaseTable() {}

  public static String render(List<Phase> phases) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "%-17s %-10s %-8s %9s  %s%n", "PHASE", "STATE", "STARTED", "DURATION", "DETAIL"));
    for (Phase p : phases == null ? List.<Phase>of() : phases) {
      text.append(
          String.format(
                  "%-17s %-10s %-8s %9s  %s",
                  p.name(),
                  p.state().name().toLowerCase(),
                  p.startedAtMillis() == 0 ? "" : clock(p.startedAtMillis()),
                  p.state() == StepState.RUNNING || p.state() == StepState.SKIPPED
                      ? ""
                      : Durations.of(p.millis()),
                  p.detail() == null ? "" : p.detail())
              .stripTrailing());
      text.append(System.lineSeparator());
    }
    return text.toString();
  }

  static String clock(long epochMillis) {
    return CLOCK.format(Instant.ofEpochMilli(epochMillis));
  }
}
