package dev.baton.cli.sites;

import dev.baton.images.Digests;
import dev.baton.sites.SiteReport;
import dev.baton.sites.SitesReport;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A {@link SitesReport} as the table `baton sites` prints: one row per site, then services. */
final class SitesTable {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final List<String> HEADER =
      List.of("SITE", "ROLE", "VERSION", "CONTAINERS", "HTTP", "DATABASE");

  private SitesTable() {}

  static String render(SitesReport report, Clock clock) {
    StringBuilder text = new StringBuilder();
    String router =
        report.routerTarget() == null
            ? "the router did not answer (" + report.routerProblem() + "), roles unknown"
            : "the router sends traffic to " + report.routerTarget();
    text.append(
        String.format(
            "sites of %s at %s: %s%n%n",
            report.project(),
            CLOCK.withZone(clock.getZone()).format(Instant.ofEpochMilli(report.checkedAtMillis())),
            router));
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (SiteReport s : report.sites()) {
      rows.add(
          List.of(
              s.siteId(),
              s.role(),
              s.reachable() ? version(s.versions()) : "?",
              s.reachable() ? up(s) : "unreachable",
              s.probeHealthy() == null ? "?" : s.probeHealthy() ? "healthy" : "failing",
              database(s)));
    }
    appendTable(text, rows);
    text.append(System.lineSeparator());
    int width = report.sites().stream().mapToInt(s -> s.siteId().length()).max().orElse(0);
    for (SiteReport s : report.sites()) {
      text.append(String.format("%-" + width + "s  %s%n", s.siteId(), services(s)));
    }
    return text.toString();
  }

  /** The version all services run; "mixed" when they differ, "-" when none does. */
  static String version(Map<String, String> versions) {
    TreeSet<String> distinct = new TreeSet<>(versions.values());
    distinct.remove("");
    return distinct.isEmpty() ? "-" : distinct.size() == 1 ? distinct.first() : "mixed";
  }

  private static String up(SiteReport s) {
    long up =
        s.containers().values().stream()
            .filter(c -> c.equals("healthy") || c.equals("running"))
            .count();
    return up + "/" + s.containers().size() + " up" + (s.containersReady() ? "" : ", not ready");
  }

  private static String database(SiteReport s) {
    if (s.database().isEmpty()) {
      return "-";
    }
    return s.replication().isEmpty() ? s.database() : s.database() + "; " + s.replication();
  }

  /** "api v2 healthy, worker v2 exited (0); http: api: HTTP 503", or why it did not answer. */
  private static String services(SiteReport s) {
    List<String> parts = new ArrayList<>();
    if (!s.reachable()) {
      parts.add(s.siteDetail());
    } else if (s.containers().isEmpty()) {
      parts.add(s.siteDetail()); // "nothing deployed", or a worker older than container states
    } else {
      List<String> services = new ArrayList<>();
      new TreeSet<>(s.containers().keySet())
          .forEach(
              name -> {
                String v = s.versions().getOrDefault(name, "");
                String digest = s.digests().get(name);
                services.add(
                    name
                        + (v.isEmpty() ? "" : " " + v)
                        + " "
                        + s.containers().get(name)
                        + (digest == null ? "" : " " + Digests.shortForm(digest)));
              });
      parts.add(String.join(", ", services));
    }
    if (!Boolean.TRUE.equals(s.probeHealthy())) {
      parts.add("http: " + s.probe());
    }
    return String.join("; ", parts);
  }

  private static void appendTable(StringBuilder text, List<List<String>> rows) {
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(String.format("%-" + widths[i] + "s", row.get(i)));
        line.append(i == row.size() - 1 ? "" : "  ");
      }
      text.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
  }
}
