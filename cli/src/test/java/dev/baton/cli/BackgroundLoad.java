package dev.baton.cli;

import dev.baton.load.LoadGenerator;
import dev.baton.load.LoadPlan;
import dev.baton.load.LoadReport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The load generator (the bench module's) sending requests through the local environment's router
 * on a thread of its own, while a Real* test moves traffic. Slow is not lost: on two busy CPUs the
 * demo apps accept late, so a request fails only after 10 s without an answer.
 */
final class BackgroundLoad {
  /** The shop's version page through the router: names the site that answered. */
  static final URI VERSION = URI.create("http://127.0.0.1:8080/version");

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** Bounds a load whose stop file a failed test never wrote. */
  private static final Duration AT_MOST = Duration.ofMinutes(5);

  private final Path stopFile;
  private final CompletableFuture<LoadReport> report;

  private BackgroundLoad(LoadPlan plan) {
    this.stopFile = plan.stopFile();
    this.report = LoadGenerator.start(plan);
  }

  /** {@code perSecond} requests to {@code url} until {@link #stop} (its stop file is in dir). */
  static BackgroundLoad untilStopped(URI url, int perSecond, Path dir) {
    return new BackgroundLoad(new LoadPlan(url, perSecond, AT_MOST, dir.resolve("stop"), TIMEOUT));
  }

  /** {@code perSecond} requests to {@code url} for {@code length}; {@link #report} waits for it. */
  static BackgroundLoad lasting(URI url, int perSecond, Duration length) {
    return new BackgroundLoad(new LoadPlan(url, perSecond, length, null, TIMEOUT));
  }

  /** Tells it to stop sending; {@link #report} then has the requests sent until now. */
  void requestStop() throws IOException {
    Files.createFile(stopFile);
  }

  /** The report, once it stopped sending. */
  LoadReport report() throws Exception {
    return report.get();
  }

  /** {@link #requestStop}, then {@link #report}. */
  LoadReport stop() throws Exception {
    requestStop();
    return report();
  }
}
