package dev.baton.cli.drill;

import dev.baton.cli.report.Durations;
import dev.baton.cli.report.PhaseTable;
import dev.baton.drill.DrillReport;

/** A drill's report as the CLI prints it. */
final class DrillReportText {
  private DrillReportText() {}

  static String render(String project, DrillReport r) {
    StringBuilder text = new StringBuilder();
    text.append(String.format("drill of %s: %s%n", project, r.outcome()));
    text.append(
        String.format(
            "  %s -> %s, traffic now on %s%n", or(r.from()), or(r.to()), or(r.activeSite())));
    text.append(
        String.format(
            "  switch %s, switch back %s%n",
            r.switchMillis() > 0 ? Durations.of(r.switchMillis()) : "-",
            r.switchBackMillis() > 0 ? Durations.of(r.switchBackMillis()) : "-"));
    if (r.requestErrors() != null && !r.requestErrors().isEmpty()) {
      text.append(String.format("  request errors: %s%n", r.requestErrors()));
    }
    text.append(System.lineSeparator()).append(PhaseTable.render(r.phases()));
    if (r.message() != null && !r.message().isEmpty()) {
      text.append(String.format("%n%s%n", r.message()));
    }
    return text.toString();
  }

  private static String or(String site) {
    return site == null ? "?" : site;
  }
}
