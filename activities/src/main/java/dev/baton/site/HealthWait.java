package dev.baton.site;

import dev.baton.config.SiteConfig;
import dev.baton.probe.HttpChecks;
import dev.baton.process.Redaction;
import io.temporal.activity.Activity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Waits until every wanted service of a site runs and is healthy (Docker's health status) and every
 * HTTP check answers 2xx. Reads the containers again whenever the engine reports a change to one of
 * them (at least every second), and the HTTP checks every 100 ms once the containers are healthy;
 * heartbeats each round, so Temporal sees progress and notices a dead worker; fails at once when a
 * container exits or turns unhealthy, since waiting longer cannot help.
 */
final class HealthWait {
  /** The longest a round waits for a container event: the wait still polls if none comes. */
  private static final Duration EVENT_BOUND = Duration.ofSeconds(1);

  /** Between HTTP checks of healthy containers: no Docker event says an app now answers. */
  private static final Duration HTTP_RETRY = Duration.ofMillis(100);

  /** Container logs in a failure: about 20 lines, but never more than this many characters. */
  static final int LOG_EXCERPT_CHARS = 2000;

  private final SiteConfig site;
  private final DockerSite docker;
  private final HttpChecks http;

  HealthWait(SiteConfig site, DockerSite docker, HttpChecks http) {
    this.site = site;
    this.docker = docker;
    this.http = http;
  }

  Map<String, ServiceStatus> until(List<String> wanted, Duration timeout) {
    try (ContainerEvents events = docker.events()) {
      return until(wanted, timeout, events);
    }
  }

  private Map<String, ServiceStatus> until(
      List<String> wanted, Duration timeout, ContainerEvents events) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String detail = "";
    while (true) {
      Map<String, ServiceStatus> services = docker.services();
      for (String name : wanted) {
        ServiceStatus s = services.get(name);
        if (s != null && s.broken()) {
          throw new UnhealthyServiceException(
              site.id(),
              "service " + name + " is " + s.state() + "; its last log lines:\n" + logExcerpt(s));
        }
      }
      List<String> notReady =
          wanted.stream().filter(n -> services.get(n) == null || !services.get(n).ready()).toList();
      Map<String, String> httpFailures =
          notReady.isEmpty() ? http.failures(site.health()) : Map.of();
      detail =
          wanted.stream()
                  .map(n -> services.get(n) == null ? n + " missing" : services.get(n).describe())
                  .collect(Collectors.joining(", "))
              + (httpFailures.isEmpty() ? "" : "; http: " + httpFailures);
      if (notReady.isEmpty() && httpFailures.isEmpty()) {
        return services;
      }
      heartbeat(detail);
      if (System.nanoTime() > deadline) {
        String culprit =
            notReady.isEmpty() ? httpFailures.keySet().iterator().next() : notReady.get(0);
        ServiceStatus s = services.get(culprit);
        String logs = s == null ? "" : "; its last log lines:\n" + logExcerpt(s);
        throw new UnhealthyServiceException(
            site.id(),
            "service "
                + culprit
                + " not healthy after "
                + timeout.toSeconds()
                + "s ("
                + detail
                + ")"
                + logs);
      }
      pause(events, notReady.isEmpty());
    }
  }

  /** A container's last 20 log lines, secrets masked, bounded: they go into a failure. */
  private String logExcerpt(ServiceStatus s) {
    return Redaction.excerpt(docker.lastLogLines(s.containerId(), 20), LOG_EXCERPT_CHARS);
  }

  private static void heartbeat(String detail) {
    try {
      Activity.getExecutionContext().heartbeat(detail);
    } catch (IllegalStateException notInActivity) {
      // called outside a Temporal activity (a benchmark or a tool): nothing to report to
    }
  }

  /** Until the next round: a container event (or a second), or 100 ms before HTTP checks again. */
  private static void pause(ContainerEvents events, boolean onlyHttpLeft) {
    try {
      if (onlyHttpLeft) {
        Thread.sleep(HTTP_RETRY.toMillis()); // no Docker event says that an app answers now
      } else {
        events.await(EVENT_BOUND);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SiteException("?", "interrupted while waiting for health");
    }
  }
}
