package dev.baton.cli.history;

import dev.baton.cli.history.HistoryEntry.Timing;
import dev.baton.cli.report.Durations;
import dev.baton.images.Digests;
import dev.baton.release.StepState;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The entries of `baton history` as a table, newest first, and each one's step durations. */
final class HistoryTable {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final List<String> HEADER =
      List.of("STARTED", "KIND", "VERSION", "OUTCOME", "TOOK", "BY", "APPROVED BY");

  private HistoryTable() {}

  static String render(List<HistoryEntry> entries, Clock clock) {
    DateTimeFormatter when = WHEN.withZone(clock.getZone());
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (HistoryEntry e : entries) {
      rows.add(
          List.of(
              when.format(e.startedAt()),
              e.kind(),
              e.version() == null ? "-" : e.version(),
              e.outcome(),
              e.endedAt() == null
                  ? "running"
                  : Durations.of(Duration.between(e.startedAt(), e.endedAt()).toMillis()),
              e.requestedBy() == null || e.requestedBy().isEmpty() ? "-" : e.requestedBy(),
              e.approvedBy().isEmpty() ? "-" : String.join(", ", e.approvedBy())));
    }
    StringBuilder text = new StringBuilder();
    int[] widths = new int[HEADER.size()];
    rows.forEach(
        r -> {
          for (int i = 0; i < r.size(); i++) {
            widths[i] = Math.max(widths[i], r.get(i).length());
          }
        });
    for (int row = 0; row < rows.size(); row++) {
      text.append(line(rows.get(row), widths));
      if (row > 0) {
        HistoryEntry e = entries.get(row - 1);
        String steps = steps(e.steps());
        if (!steps.isEmpty()) {
          text.append("    ").append(steps).append(System.lineSeparator());
        }
        if (!e.detail().isEmpty()) {
          text.append("    ").append(e.detail()).append(System.lineSeparator());
        }
        if (!e.images().isEmpty()) {
          text.append("    images: ")
              .append(Digests.describe(e.images()))
              .append(System.lineSeparator());
        }
      }
    }
    return text.toString();
  }

  /** "plan 0.1s, deploy-standby 4.2s, approve 2m10s, switch failed in 1.0s". */
  static String steps(List<Timing> steps) {
    return steps.stream()
        .map(
            t ->
                switch (t.state()) {
                  case RUNNING, WAITING, SKIPPED, PENDING -> t.name() + " " + lower(t.state());
                  case SUCCEEDED -> t.name() + " " + Durations.of(t.millis());
                  default -> t.name() + " " + lower(t.state()) + " in " + Durations.of(t.millis());
                })
        .collect(Collectors.joining(", "));
  }

  private static String lower(StepState state) {
    return state.name().toLowerCase();
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      line.append(String.format("%-" + widths[i] + "s", cells.get(i)));
      line.append(i == cells.size() - 1 ? "" : "  ");
    }
    return line.toString().stripTrailing() + System.lineSeparator();
  }
}
