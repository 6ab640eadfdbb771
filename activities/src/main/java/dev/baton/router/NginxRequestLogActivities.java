package dev.baton.router;

import dev.baton.config.NginxRouterConfig;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Request errors from nginx's access log ({@code router.accessLog}), written with baton's format:
 * {@code log_format baton '$msec $status $upstream_addr ...';} (docs/routers.md). A log baton
 * cannot read makes the count unmeasured, never a failure: a drill must not fail for it.
 */
public final class NginxRequestLogActivities implements RequestLogActivities {
  static final String FORMAT = "log_format baton '$msec $status $upstream_addr'";
  private final Path accessLog;
  private final Map<String, String> upstreams;

  public NginxRequestLogActivities(NginxRouterConfig config) {
    this.accessLog = config.accessLog();
    this.upstreams = config.upstreams();
  }

  @Override
  public RequestErrors requestErrors(RequestErrorsRequest request) {
    if (accessLog == null) {
      return unmeasured(
          "router.accessLog is not set, so baton cannot see nginx's requests (docs/routers.md)");
    }
    String upstream = null;
    if (request.siteId() != null) {
      upstream = upstreams.get(request.siteId());
      if (upstream == null) {
        return unmeasured("router.upstreams names no address for site " + request.siteId());
      }
    }
    AccessLogScan.Counts counts;
    try {
      counts = AccessLogScan.scan(accessLog, request.fromMillis(), request.toMillis(), upstream);
    } catch (NoSuchFileException e) {
      return unmeasured("cannot read the router's access log " + accessLog + ": no such file");
    } catch (IOException | SecurityException e) {
      return unmeasured(
          "cannot read the router's access log "
              + accessLog
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
    if (counts.lines() > 0 && counts.parsed() == 0) {
      return unmeasured(
          "the router's access log "
              + accessLog
              + " is not in baton's format (nginx: "
              + FORMAT
              + "; and access_log "
              + accessLog
              + " baton;)");
    }
    if (counts.requests() == 0) {
      return new RequestErrors(
          true,
          0,
          0,
          "no requests"
              + (upstream == null ? "" : " answered by " + upstream)
              + " in "
              + accessLog
              + " between "
              + Instant.ofEpochMilli(request.fromMillis())
              + " and "
              + Instant.ofEpochMilli(request.toMillis()));
    }
    return new RequestErrors(
        true,
        counts.requests(),
        counts.errors(),
        detail(counts.requests(), counts.statuses()),
        counts.p99Millis());
  }

  /** "2 of 1532 requests failed (502 x2)". */
  static String detail(long requests, Map<String, Long> statuses) {
    long errors = statuses.values().stream().mapToLong(Long::longValue).sum();
    String text = errors + " of " + requests + " requests failed";
    if (statuses.isEmpty()) {
      return text;
    }
    return text
        + statuses.entrySet().stream()
            // Statuses in order, then the requests nginx logged without one.
            .sorted(Comparator.comparing(e -> e.getKey().equals("-") ? "~" : e.getKey()))
            .map(e -> (e.getKey().equals("-") ? "no status" : e.getKey()) + " x" + e.getValue())
            .collect(Collectors.joining(", ", " (", ")"));
  }

  static RequestErrors unmeasured(String why) {
    return new RequestErrors(false, 0, 0, why);
  }
}
