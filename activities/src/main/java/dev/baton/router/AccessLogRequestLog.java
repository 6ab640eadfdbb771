package dev.baton.router;

import dev.baton.config.HaproxyRouterConfig;
import dev.baton.config.NginxRouterConfig;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Request errors from the router's access log ({@code router.accessLog}), written in baton's
 * format: {@code "$msec $status $upstream_addr ..."} (nginx: {@code log_format baton}; haproxy:
 * {@code log-format "%Ts.%ms %ST %si:%sp ..."}; docs/routers.md). A log baton cannot read makes the
 * count unmeasured, never a failure: a drill must not fail for it.
 */
public final class AccessLogRequestLog implements RequestLogActivities {
  static final String FORMAT = "log_format baton '$msec $status $upstream_addr'";
  static final String HAPROXY_FORMAT = "log-format \"%Ts.%ms %ST %si:%sp Ta=%Ta\"";

  /** Where a site's requests went: the host:port the log names, or why it cannot be known. */
  interface Upstreams {
    /** The site's host:port as the log writes it; throws {@link Unknown} when it cannot tell. */
    String of(String site) throws Unknown;
  }

  static final class Unknown extends Exception {
    Unknown(String why) {
      super(why);
    }
  }

  private final Path accessLog;
  private final Upstreams upstreams;
  private final String format;

  AccessLogRequestLog(Path accessLog, Upstreams upstreams, String format) {
    this.accessLog = accessLog;
    this.upstreams = upstreams;
    this.format = format;
  }

  static AccessLogRequestLog nginx(NginxRouterConfig config) {
    Map<String, String> addresses = config.upstreams();
    return new AccessLogRequestLog(
        config.accessLog(),
        site -> {
          String address = addresses.get(site);
          if (address == null) {
            throw new Unknown("router.upstreams names no address for site " + site);
          }
          return address;
        },
        "nginx: " + FORMAT + "; and access_log " + config.accessLog() + " baton;");
  }

  /**
   * The sites' addresses come from HAProxy itself: its servers are named, not addressed, in
   * baton.yml.
   */
  static AccessLogRequestLog haproxy(HaproxyRouterConfig config) {
    HaproxySocket socket = new HaproxySocket(config.socket(), java.time.Duration.ofSeconds(5));
    return new AccessLogRequestLog(
        config.accessLog(),
        site -> {
          String server = config.servers().get(site);
          if (server == null) {
            throw new Unknown("router.servers names no server for site " + site);
          }
          try {
            String answer = socket.send(HaproxyCommands.showServersState(config.backend()));
            ServerStates.ServerState state =
                ServerStates.parse(answer, config.backend()).get(server);
            if (state == null) {
              throw new Unknown(
                  "HAProxy's backend " + config.backend() + " has no server " + server);
            }
            return state.address();
          } catch (HaproxySocket.UnavailableException | IllegalStateException e) {
            throw new Unknown(
                "cannot ask HAProxy for the address of site " + site + ": " + e.getMessage());
          }
        },
        "haproxy: " + HAPROXY_FORMAT);
  }

  @Override
  public RequestErrors requestErrors(RequestErrorsRequest request) {
    if (accessLog == null) {
      return unmeasured(
          "router.accessLog is not set, so baton cannot see the router's requests"
              + " (docs/routers.md)");
    }
    String upstream = null;
    if (request.siteId() != null) {
      try {
        upstream = upstreams.of(request.siteId());
      } catch (Unknown e) {
        return unmeasured(e.getMessage());
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
          "the router's access log " + accessLog + " is not in baton's format (" + format + ")");
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
