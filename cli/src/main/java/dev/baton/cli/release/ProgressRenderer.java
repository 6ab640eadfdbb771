package dev.baton.cli.release;

import dev.baton.Outcome;
import dev.baton.release.ApprovalRecord;
import dev.baton.release.ReleaseProgress;
import dev.baton.release.StepState;
import dev.baton.release.StepStatus;
import dev.baton.rules.CallerText;
import dev.baton.smoke.SmokeResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** Renders a release's progress as the text `baton release status` prints. */
final class ProgressRenderer {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private ProgressRenderer() {}

  static String render(ReleaseProgress p) {
    return render(p, Clock.systemDefaultZone());
  }

  /**
   * @param clock "now" for the elapsed time of running steps, and the zone times are shown in
   */
  static String render(ReleaseProgress p, Clock clock) {
    DateTimeFormatter at = CLOCK.withZone(clock.getZone());
    StringBuilder text = new StringBuilder();
    Outcome outcome = Outcome.of(p.outcome());
    text.append(
        String.format(
            "release %s of %s, requested by %s: %s%n",
            p.version(), p.project(), CallerText.escape(p.requestedBy()), outcome));
    if (p.rules() != null) {
      text.append(String.format("rules: %s%n", p.rules()));
    }
    if (p.activeSite() != null) {
      text.append(String.format("active: %s   standby: %s%n", p.activeSite(), p.standbySite()));
    }
    if (p.traffic() != null) {
      // A weighted shift is under way: both sites serve part of the traffic.
      text.append(String.format("traffic: %s%n", p.traffic()));
    }
    if (p.rollback() != null && p.outcome() == null) {
      text.append(String.format("rollback: %s%n", p.rollback()));
    }
    text.append(
        String.format(
            "%n%-15s %-11s %-8s %9s  %s%n", "STEP", "STATE", "STARTED", "DURATION", "MESSAGE"));
    Instant now = clock.instant();
    for (StepStatus s : p.steps()) {
      text.append(
          String.format(
              "%-15s %-11s %-8s %9s  %s%n",
              s.step().id(),
              state(s.state()),
              s.startedAt() == null ? "" : at.format(s.startedAt()),
              duration(s, now),
              s.message()));
    }
    if (p.migration() != null) {
      text.append(String.format("%nmigration: %s%n", p.migration().describe()));
      for (String line : p.migration().output().strip().split("\\R")) {
        if (!line.isBlank()) {
          text.append(String.format("    | %s%n", printable(line)));
        }
      }
    }
    if (!p.smoke().isEmpty()) {
      // Not "on <standby>": after the switch the site they ran on is the active one; the smoke
      // step's own line names it.
      text.append(String.format("%nsmoke tests:%n"));
      for (SmokeResult r : p.smoke()) {
        text.append(String.format("  %s%n", r.describe()));
        for (String line : r.output().strip().split("\\R")) {
          if (!line.isBlank()) {
            text.append(String.format("    | %s%n", printable(line)));
          }
        }
      }
    }
    if (!p.images().isEmpty()) {
      // images.mode registry: what both sites pull, by digest.
      text.append(String.format("%nimages (both sites run these digests):%n"));
      p.images()
          .forEach((service, image) -> text.append(String.format("  %s %s%n", service, image)));
    }
    if (!p.approvals().isEmpty()) {
      text.append(String.format("%napprovals:%n"));
      for (ApprovalRecord a : p.approvals()) {
        text.append(
            String.format(
                "  %s %s %s %s (%s%s)%s%n",
                at.format(a.at()),
                CallerText.escape(a.approver()),
                a.decision(),
                CallerText.escape(a.step()),
                a.via(),
                a.key().isEmpty() ? "" : ", " + a.key(),
                a.accepted() ? "" : " REFUSED: " + CallerText.escape(a.reason())));
      }
    }
    if (!p.notificationErrors().isEmpty()) {
      // The release went on without them: say so, or people wait for a message that never comes.
      text.append(String.format("%nnotifications not delivered:%n"));
      for (String error : p.notificationErrors()) {
        text.append(String.format("  %s%n", error));
      }
    }
    if (p.waitingFor() != null) {
      text.append(
          String.format(
              "%nwaiting for approval of %s:%n  baton release approve --step %s"
                  + " --as NAME%n  baton release reject --step %s --as NAME --comment WHY%n",
              p.waitingFor(), p.waitingFor(), p.waitingFor()));
    }
    if (p.outcome() != null && !p.message().isEmpty()) {
      text.append(String.format("%n%s%n", p.message()));
    }
    return text.toString();
  }

  /**
   * A line a smoke service printed, with control characters (terminal escapes) shown as {@code ?}:
   * whatever the new version prints must not drive the operator's terminal.
   */
  static String printable(String line) {
    StringBuilder out = new StringBuilder(line.length());
    line.codePoints()
        .forEach(c -> out.appendCodePoint(c != '\t' && Character.isISOControl(c) ? '?' : c));
    return out.toString();
  }

  static String state(StepState state) {
    return state.name().toLowerCase();
  }

  private static String duration(StepStatus s, Instant now) {
    if (s.startedAt() == null) {
      return "";
    }
    Duration d = Duration.between(s.startedAt(), s.endedAt() == null ? now : s.endedAt());
    long millis = d.toMillis();
    if (millis < 10_000) {
      return String.format("%.1fs", millis / 1000.0);
    }
    long seconds = d.toSeconds();
    return seconds < 3600
        ? String.format("%dm%02ds", seconds / 60, seconds % 60)
        : String.format("%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
  }
}
