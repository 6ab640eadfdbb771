package dev.baton.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigLoader;
import dev.baton.config.NginxRouterConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counting request errors in an nginx access log written with baton's log_format. */
class AccessLogRequestLogTest {
  private static final long T0 = 1_764_446_400_000L; // 2025-11-29T20:00:00Z
  @TempDir Path dir;

  private RequestErrors count(Path log, long from, long to) {
    return activities(log).requestErrors(new RequestErrorsRequest("shop", from, to));
  }

  private AccessLogRequestLog activities(Path log) {
    return AccessLogRequestLog.nginx(
        new NginxRouterConfig(
            dir.resolve("upstream.conf"),
            dir.resolve("nginx.conf"),
            "http://127.0.0.1:8080/",
            Map.of("primary", "127.0.0.1:3000", "secondary", "127.0.0.1:3001"),
            log));
  }

  private static String line(long millis, String status) {
    return String.format("%d.%03d %s 127.0.0.1:3000%n", millis / 1000, millis % 1000, status);
  }

  @Test
  void countsTheRequestsInTheWindowAndTheFailedOnes() throws IOException {
    Path log = dir.resolve("access.log");
    Files.writeString(
        log,
        line(T0 - 1, "502") // before the window
            + line(T0, "200") // both ends are included
            + line(T0 + 10, "502")
            + line(T0 + 20, "404") // a client error is the client's
            + line(T0 + 30, "-")
            + String.format("%d.%03d%n", (T0 + 40) / 1000, (T0 + 40) % 1000) // no status at all
            + line(T0 + 50, "502")
            + line(T0 + 60, "504")
            + line(T0 + 100, "200")
            + line(T0 + 101, "500")); // after the window
    RequestErrors errors = count(log, T0, T0 + 100);
    assertThat(errors)
        .isEqualTo(
            new RequestErrors(true, 8, 5, "5 of 8 requests failed (502 x2, 504 x1, no status x2)"));
  }

  @Test
  void aSiteCountsOnlyTheRequestsItsUpstreamAnsweredWithTheirP99() throws IOException {
    Path log = dir.resolve("access.log");
    StringBuilder lines = new StringBuilder();
    // secondary (3001) answers 100 requests in 1..100 ms, two of them 502; primary answers the
    // rest, slowly; one request nginx retried from primary on secondary counts for secondary.
    for (int i = 1; i <= 99; i++) {
      lines.append(timed(T0 + i, i == 7 || i == 8 ? "502" : "200", "127.0.0.1:3001", i));
      lines.append(timed(T0 + i, "200", "127.0.0.1:3000", 5000));
    }
    lines.append(timed(T0 + 100, "200", "127.0.0.1:3000, 127.0.0.1:3001", 100));
    Files.writeString(log, lines.toString());

    RequestErrors secondary = countFor(log, "secondary");

    assertThat(secondary.requests()).isEqualTo(100);
    assertThat(secondary.errors()).isEqualTo(2);
    assertThat(secondary.p99Millis()).isEqualTo(99);
    assertThat(countFor(log, "primary").p99Millis()).isEqualTo(5000);
    assertThat(count(log, T0, T0 + 100).requests()).as("without a site: all").isEqualTo(199);
    assertThat(count(log, T0, T0 + 100).p99Millis()).isEqualTo(5000);
  }

  @Test
  void aLogWithoutRequestTimesHasNoP99AndAnUnknownSiteIsNotMeasured() throws IOException {
    Path log = dir.resolve("access.log");
    Files.writeString(log, line(T0, "200") + line(T0 + 1, "200"));

    assertThat(count(log, T0, T0 + 1).p99Millis()).isEqualTo(-1);
    RequestErrors unknown = countFor(log, "tertiary");
    assertThat(unknown.measured()).isFalse();
    assertThat(unknown.detail()).isEqualTo("router.upstreams names no address for site tertiary");
  }

  private RequestErrors countFor(Path log, String site) {
    return activities(log).requestErrors(new RequestErrorsRequest("shop", T0, T0 + 100, site));
  }

  /** A line as the local environment's nginx writes it: upstream and rt=$request_time. */
  private static String timed(long millis, String status, String upstream, long requestMillis) {
    return String.format(
        "%d.%03d %s %s rt=%d.%03d%n",
        millis / 1000, millis % 1000, status, upstream, requestMillis / 1000, requestMillis % 1000);
  }

  @Test
  void haproxyLinesCountPerSiteWithTheirTaMillisAndAnUnreachableHaproxyIsNotMeasured()
      throws IOException {
    Path log = dir.resolve("haproxy.log");
    StringBuilder lines = new StringBuilder();
    // As the local haproxy writes them: "%Ts.%ms %ST %si:%sp Ta=%Ta"; -1 is haproxy's "no status".
    for (int i = 1; i <= 99; i++) {
      lines.append(
          String.format(
              "%d.%03d %s 127.0.0.1:3001 Ta=%d%n",
              (T0 + i) / 1000, (T0 + i) % 1000, i == 5 ? "-1" : i == 6 ? "503" : "200", i));
    }
    Files.writeString(log, lines.toString());
    AccessLogRequestLog haproxy =
        new AccessLogRequestLog(
            log,
            site -> {
              if (site.equals("secondary")) {
                return "127.0.0.1:3001";
              }
              throw new AccessLogRequestLog.Unknown("HAProxy did not answer");
            },
            "haproxy: " + AccessLogRequestLog.HAPROXY_FORMAT);

    RequestErrors secondary =
        haproxy.requestErrors(new RequestErrorsRequest("shop", T0, T0 + 100, "secondary"));
    assertThat(secondary)
        .isEqualTo(
            new RequestErrors(true, 99, 2, "2 of 99 requests failed (503 x1, no status x1)", 99));
    RequestErrors primary =
        haproxy.requestErrors(new RequestErrorsRequest("shop", T0, T0 + 100, "primary"));
    assertThat(primary).isEqualTo(new RequestErrors(false, 0, 0, "HAProxy did not answer"));
  }

  @Test
  void aBigLogIsSearchedNotReadWhole() throws IOException {
    Path log = dir.resolve("access.log");
    // 400k lines (~14 MB), one every 10 ms; the window is 1 s in the middle with one 502.
    try (BufferedWriter out = Files.newBufferedWriter(log)) {
      for (int i = 0; i < 400_000; i++) {
        long at = T0 + i * 10L;
        out.write(line(at, i == 200_050 ? "502" : "200"));
      }
    }
    long from = T0 + 200_000 * 10L;
    RequestErrors errors = count(log, from, from + 999);
    assertThat(errors)
        .isEqualTo(new RequestErrors(true, 100, 1, "1 of 100 requests failed (502 x1)"));

    AccessLogScan.Counts counts = AccessLogScan.scan(log, from, from + 999);
    assertThat(counts.lines())
        .as("lines read: the search starts near the window and stops after it")
        .isLessThan(10_000);
  }

  @Test
  void linesSlightlyOutOfOrderForeignLinesAndALastLineWithoutNewlineAreHandled()
      throws IOException {
    Path log = dir.resolve("access.log");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) { // 200 s before the window, for the search to skip
      text.append(line(T0 - 200_000 + i * 10L, "200"));
    }
    text.append("nginx: [warn] a line that is not an access log line\n")
        .append(line(T0 + 5, "502")) // written before a line that ended earlier
        .append(line(T0 - 5, "502")) // ended before the window: not counted
        .append(line(T0 + 1_000, "503"))
        .append(line(T0 + 999, "200")) // inside, after a later line
        .append(String.format("%d.%03d 504 -", (T0 + 1_001) / 1000, (T0 + 1_001) % 1000));
    Files.writeString(log, text);
    assertThat(count(log, T0, T0 + 1_000))
        .isEqualTo(new RequestErrors(true, 3, 2, "2 of 3 requests failed (502 x1, 503 x1)"));
    assertThat(count(log, T0 + 1_001, T0 + 1_001).detail())
        .as("the last line, without a newline")
        .isEqualTo("1 of 1 requests failed (504 x1)");
  }

  @Test
  void notConfiguredMissingOrForeignLogsAreUnmeasuredWithTheReason() throws IOException {
    assertThat(count(null, T0, T0 + 1))
        .isEqualTo(
            new RequestErrors(
                false,
                0,
                0,
                "router.accessLog is not set, so baton cannot see the router's requests"
                    + " (docs/routers.md)"));

    Path missing = dir.resolve("nope.log");
    assertThat(count(missing, T0, T0 + 1))
        .isEqualTo(
            new RequestErrors(
                false, 0, 0, "cannot read the router's access log " + missing + ": no such file"));

    Path combined = dir.resolve("combined.log");
    Files.writeString(
        combined, "127.0.0.1 - - [29/Nov/2025:20:00:00 +0000] \"GET / HTTP/1.1\" 200 5\n");
    RequestErrors foreign = count(combined, T0, T0 + 1);
    assertThat(foreign.measured()).isFalse();
    assertThat(foreign.detail())
        .isEqualTo(
            "the router's access log "
                + combined
                + " is not in baton's format (nginx: log_format baton '$msec $status"
                + " $upstream_addr'; and access_log "
                + combined
                + " baton;)");

    Path empty = Files.writeString(dir.resolve("empty.log"), "");
    assertThat(count(empty, T0, T0 + 1).detail()).startsWith("no requests in " + empty);
    assertThat(count(empty, T0, T0 + 1).measured()).isTrue();
  }

  @Test
  void theRouterTypePicksTheRequestLog() throws Exception {
    String minimal =
        Files.readString(Path.of(getClass().getResource("/config/minimal.yml").toURI()));
    assertThat(RequestLogs.forConfig(load(minimal))).isInstanceOf(AccessLogRequestLog.class);
    String dns =
        minimal.substring(0, minimal.indexOf("router:"))
            + "router:\n  type: dns\n  provider: cloudflare\n  zoneId: z1\n"
            + "  recordName: shop.example.com\n  tokenEnv: CF_API_TOKEN\n"
            + "  targets: {primary: 192.0.2.10, secondary: 192.0.2.20}\n";
    assertThat(
            RequestLogs.forConfig(load(dns)).requestErrors(new RequestErrorsRequest("shop", 0, 1)))
        .isEqualTo(
            new RequestErrors(
                false,
                0,
                0,
                "a DNS router sees no requests (clients connect to the sites directly)"));
  }

  private BatonConfig load(String yaml) throws Exception {
    return ConfigLoader.load(Files.writeString(dir.resolve("baton.yml"), yaml), Map.of());
  }
}
