package dev.baton.cli;

import static dev.baton.cli.CliHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cli.ReleaseStatusJson.MovesUnderLoad;
import dev.baton.load.LoadReport;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A steady 50 requests/s through the real nginx while a real release switches traffic and then
 * rolls it back: no request may fail, and after each move every answer comes from the new site.
 */
class ZeroDowntimeTest {
  private static final String PRIMARY = "127.0.0.1:3000";
  private static final String SECONDARY = "127.0.0.1:3001";
  @RegisterExtension static final LocalSites localSites = new LocalSites(LocalSites.CONFIG);
  private static CliHarness harness;
  private static ReleaseStatusJson release;

  @BeforeAll
  static void start() {
    harness = localSites.harness();
    release = new ReleaseStatusJson(harness);
  }

  @Test
  void aSwitchAndARollbackUnderLoadLoseNoRequest(@TempDir Path dir) throws Exception {
    ok(harness.baton("deploy", "--site", "primary", "--version", "v1"));
    ok(harness.baton("deploy", "--site", "secondary", "--version", "v1"));
    // 50/s: the 200/s target is bench/switch-load-bench's; a test must not flake.
    MovesUnderLoad moves =
        release.switchThenRollBackUnder(
            BackgroundLoad.untilStopped(BackgroundLoad.VERSION, 50, dir), "zero-downtime test");

    LoadReport report = moves.report();
    assertThat(report.failed()).as(report.summary()).isZero();
    assertThat(report.byUpstream()).as(report.summary()).containsKeys(PRIMARY, SECONDARY);
    moves.assertEachMoveFinished(PRIMARY, SECONDARY);
  }
}
