package dev.baton.site;

import dev.baton.FailureKind;
import dev.baton.config.SiteConfig;
import dev.baton.process.CommandException;
import dev.baton.process.CommandResult;
import dev.baton.smoke.SmokeCheck;
import dev.baton.smoke.SmokeKind;
import dev.baton.smoke.SmokeRequest;
import dev.baton.smoke.SmokeResult;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A smoke test that runs a compose service of the new version once on this site ({@code compose run
 * --rm}). Its exit code decides; the tail of its output is kept for {@code release status}. A
 * service that outlives its timeout failed its test; one that could not start at all (no engine) is
 * an error, retried.
 */
final class ServiceSmoke {
  private static final Logger log = LoggerFactory.getLogger(ServiceSmoke.class);
  static final int TAIL_LINES = 20;

  private final SiteConfig site;
  private final DockerSite docker;
  private final ComposeRunner compose;

  ServiceSmoke(SiteConfig site, DockerSite docker, ComposeRunner compose) {
    this.site = site;
    this.docker = docker;
    this.compose = compose;
  }

  /** Refuses, for good, a check whose service the site's compose files do not define. */
  void requireService(SmokeCheck check) {
    List<String> services = new ComposeFiles(site.compose()).services();
    if (!services.contains(check.target())) {
      // The config only knows the name's form; the files are read here, on the site.
      throw ApplicationFailure.newNonRetryableFailure(
          site.id()
              + ": smoke test "
              + check.name()
              + " runs service '"
              + check.target()
              + "', which the compose files do not define (they define: "
              + String.join(", ", services)
              + ")",
          FailureKind.BAD_CONFIG.type());
    }
  }

  SmokeResult run(SmokeRequest request) {
    SmokeCheck check = request.check();
    long start = System.nanoTime();
    try {
      CommandResult result = compose.runOnce(check.target(), request.version(), check.timeout());
      log.info(
          "{}: smoke test {} ended with exit {} in {} ms",
          site.id(),
          check.name(),
          result.exitCode(),
          result.millis());
      return new SmokeResult(
          check.name(),
          SmokeKind.SERVICE,
          check.target(),
          result.ok(),
          "exit " + result.exitCode(),
          result.tail(TAIL_LINES),
          result.millis());
    } catch (CommandException e) {
      // Killing the Compose CLI leaves its container running: remove it, then say why it ended.
      // A cancel interrupted this thread; the removal's own calls must not see that flag.
      boolean cancelled = Thread.interrupted();
      int removed = removeOneOffs(check.target());
      long millis = (System.nanoTime() - start) / 1_000_000;
      if (cancelled) {
        Thread.currentThread().interrupt();
      }
      if (cancelled || millis < check.timeout().toMillis()) {
        // Cancelled, or it never ran (no Compose CLI): not the test's verdict.
        throw new SiteException(site.id(), "smoke test " + check.name() + ": " + e.getMessage());
      }
      return new SmokeResult(
          check.name(),
          SmokeKind.SERVICE,
          check.target(),
          false,
          "did not end within "
              + check.timeout().toSeconds()
              + " s; stopped"
              + (removed > 0 ? " and its container removed" : ""),
          e.getMessage(),
          millis);
    }
  }

  private int removeOneOffs(String service) {
    try {
      return docker.removeOneOffs(service);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (RuntimeException e) {
      log.warn("{}: could not remove the one-off containers of {}: {}", site.id(), service, e);
      return 0;
    }
  }
}
