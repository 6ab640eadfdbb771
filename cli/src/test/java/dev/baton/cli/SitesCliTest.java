package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cli.CliHarness.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `baton sites` against the embedded Temporal service, its workers and a fake world. */
class SitesCliTest {
  @TempDir Path dir;
  private CliHarness harness;

  @BeforeEach
  void start() throws Exception {
    harness = new CliHarness(dir);
    harness.world.versions.put("primary", "v1");
    harness.world.versions.put("secondary", "v1");
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void bothSitesWithTheirRolesVersionsAndHealth() {
    harness.world.unhealthySites.add("secondary");
    Run run = harness.baton("sites");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .matches(
            "(?s)sites of shop at \\d\\d:\\d\\d:\\d\\d: the router sends traffic to primary\n\n"
                + "SITE       ROLE     VERSION  CONTAINERS  HTTP     DATABASE\n"
                + "primary    active   v1       1/1 up      healthy  -\n"
                + "secondary  standby  v1       1/1 up      failing  -\n\n"
                + "primary    api v1 healthy\n"
                + "secondary  api v1 healthy; http: api: HTTP 503\n");
  }

  @Test
  void aSiteWhoseEngineDoesNotAnswerIsUnreachableAndTheRolesFollowTheRouter() {
    harness.world.routerTarget = "secondary";
    harness.world.deadEngines.add("primary");
    Run run = harness.baton("sites");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("the router sends traffic to secondary")
        .containsPattern("(?m)^primary +standby +\\? +unreachable +healthy +-$")
        .containsPattern("(?m)^secondary +active +v1 +1/1 up")
        .contains(
            "primary    unreachable: primary: cannot reach Docker at unix:///tmp/none/primary.sock");

    Run json = harness.baton("sites", "--output", "json");
    assertThat(json.code()).as(json.err()).isZero();
    assertThat(json.out())
        .contains("\"routerTarget\" : \"secondary\"")
        .contains("\"reachable\" : false")
        .contains("\"containers\" : {\n      \"api\" : \"healthy\"");
  }
}
