package dev.baton.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.load.LoadGenerator;
import dev.baton.load.LoadPlan;
import dev.baton.load.LoadReport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NginxWeightedShiftTest's shifts (activities) under a steady load of keep-alive clients. Here
 * rather than there because the load generator is the bench module's: activities cannot depend on
 * it.
 */
class NginxShiftUnderLoadTest {
  @TempDir Path dir;
  private KeepaliveNginxSites sites;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(LocalNginx.installed(), "nginx is not installed at " + LocalNginx.BINARY);
    sites = new KeepaliveNginxSites(dir);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (sites != null) {
      sites.close();
    }
  }

  @Test
  void noRequestIsLostWhileTrafficShiftsUnderLoad() throws Exception {
    Path stop = dir.resolve("stop");
    // Keep-alive clients, as in bench/switch-load-bench; a slow answer on a starved machine is
    // not what this is about, so only errors count (the timeout is generous).
    LoadPlan plan =
        new LoadPlan(
            URI.create(sites.nginx.frontUrl()),
            100,
            Duration.ofSeconds(60),
            stop,
            Duration.ofSeconds(5));
    CompletableFuture<LoadReport> load = LoadGenerator.start(plan);
    Thread.sleep(500);
    sites.router.shift(KeepaliveNginxSites.shift(10));
    Thread.sleep(500);
    sites.router.shift(KeepaliveNginxSites.shift(50));
    Thread.sleep(500);
    sites.router.shift(KeepaliveNginxSites.shift(100));
    Thread.sleep(500);
    Files.createFile(stop);
    LoadReport report = load.get(30, TimeUnit.SECONDS);

    assertThat(report.failed()).as(report.summary()).isZero();
    assertThat(report.byUpstream())
        .containsKeys(sites.primary.address(), sites.secondary.address());
  }
}
