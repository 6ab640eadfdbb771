package dev.baton.cli;

import static dev.baton.cli.CliHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cli.CliHarness.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * `baton sites` and `baton history` against the real local environment (two Docker engines, nginx,
 * two PostgreSQL clusters with streaming replication), after deploying v1 to both sites.
 */
class RealSitesOverviewTest {
  private static final Path CONFIG = LocalSites.ROOT.resolve("examples/shop/baton-replicated.yml");
  @RegisterExtension static final LocalSites localSites = new LocalSites(CONFIG);
  private static CliHarness harness;

  @BeforeAll
  static void start() {
    harness = localSites.harness();
  }

  @Test
  void sitesShowsBothRealSitesAndHistoryTheirDeploys() throws Exception {
    ok(harness.baton("deploy", "--site", "primary", "--version", "v1"));
    ok(harness.baton("deploy", "--site", "secondary", "--version", "v1"));

    Run sites = ok(harness.baton("sites"));
    System.out.println(sites.out()); // the docs' example output comes from here
    assertThat(sites.out())
        .contains("the router sends traffic to primary")
        .containsPattern("(?m)^primary +active +v1 +\\d/\\d up +healthy +primary at \\S+$")
        .containsPattern(
            "(?m)^secondary +standby +v1 +\\d/\\d up +healthy +replica at \\S+; streaming")
        .containsPattern("(?m)^primary +api v1 healthy, .*web v1 healthy")
        .containsPattern("(?m)^secondary +api v1 healthy, .*worker v1 exited");

    // The standby's Docker engine stops (LocalSites' `scripts/env down` copes with that after).
    long pid =
        Long.parseLong(Files.readString(LocalSites.STATE.resolve("secondary/docker.pid")).strip());
    ProcessHandle engine = ProcessHandle.of(pid).orElseThrow();
    engine.destroy();
    engine.onExit().get(60, TimeUnit.SECONDS);
    Run oneDown = ok(harness.baton("sites"));
    System.out.println(oneDown.out());
    assertThat(oneDown.out())
        .containsPattern("(?m)^secondary +standby +\\? +unreachable")
        .containsPattern("(?m)^secondary +unreachable: .*does not answer");

    Run history = ok(harness.baton("history"));
    System.out.println(history.out());
    assertThat(history.out())
        .containsPattern("(?m) deploy +v1 +SUCCEEDED .*\n    secondary runs v1")
        .containsPattern("(?m) deploy +v1 +SUCCEEDED .*\n    primary runs v1");
  }
}
