package dev.baton.cli;

import static dev.baton.cli.CliHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.Names;
import dev.baton.cli.CliHarness.Run;
import dev.baton.failover.FailoverResult;
import dev.baton.load.LoadReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drills, the monitor and a failover for real: the shop demo on two Docker engines, nginx, two
 * PostgreSQL clusters with streaming replication, while requests flow through the router. The
 * methods run in order on one environment: a drill goes there and back; then site primary crashes
 * (its containers are killed) and the monitor, first in manual mode, then automatic, fails over;
 * then a drill against the dead former active site aborts and leaves traffic where it is.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealFailoverTest {
  private static final Path CONFIG = LocalSites.ROOT.resolve("examples/shop/baton-replicated.yml");
  private static final String PRIMARY_DB = SiteDatabases.PRIMARY;
  private static final String SECONDARY_DB = SiteDatabases.SECONDARY;
  private static final String PRIMARY = "127.0.0.1:3000";
  private static final String SECONDARY = "127.0.0.1:3001";
  @RegisterExtension static final LocalSites localSites = new LocalSites(CONFIG);
  private static CliHarness harness;

  @BeforeAll
  static void start() {
    harness = localSites.harness();
    ok(harness.baton("deploy", "--site", "primary", "--version", "v1"));
    ok(harness.baton("deploy", "--site", "secondary", "--version", "v1"));
  }

  @Test
  @Order(1)
  void aDrillSwitchesToTheStandbyAndBackLosingNoRequest(@TempDir Path dir) throws Exception {
    BackgroundLoad load = load(dir);
    Run drill = harness.baton("drill", "run");
    LoadReport report = load.stop();

    ok(drill);
    assertThat(drill.out())
        .contains("drill of shop: SUCCEEDED")
        .contains("reseed-primary")
        .contains("reseed-secondary")
        .containsPattern("request errors: 0 of \\d+ requests failed");
    assertThat(report.failed()).as(report.summary()).isZero();
    assertThat(report.byUpstream()).as(report.summary()).containsKeys(PRIMARY, SECONDARY);
    assertThat(routerTarget()).isEqualTo("primary");
    assertThat(SiteDatabases.isPrimary(PRIMARY_DB)).isTrue();
    assertThat(SiteDatabases.isPrimary(SECONDARY_DB)).isFalse();
  }

  @Test
  @Order(2)
  void whenTheActiveSiteDiesTheMonitorAsksThenFailsOverWithTheDatabasePromoted(@TempDir Path dir)
      throws Exception {
    ok(harness.baton("monitor", "start", "--no-auto-failover"));
    awaitMonitor(m -> m.path("activeHealth").asText().equals("HEALTHY"));
    BackgroundLoad load = load(dir);
    LocalSites.env("outage", "primary");

    // Manual mode: it notices, asks, and moves nothing by itself.
    JsonNode waiting = awaitMonitor(m -> m.path("waitingForApproval").asBoolean());
    assertThat(waiting.path("activeHealth").asText()).isEqualTo("DOWN");
    long probes = waiting.path("probes").asLong();
    awaitMonitor(m -> m.path("probes").asLong() >= probes + 2);
    assertThat(routerTarget()).isEqualTo("primary");
    assertThat(SiteDatabases.isPrimary(SECONDARY_DB)).isFalse();
    ok(harness.baton("monitor", "stop"));

    // Automatic mode: the control worker's file allows it now (read again by the new monitor, no
    // restart), then three failed probes, then the failover.
    String rules = Files.readString(CONFIG);
    assertThat(rules).contains("autoFailover: false");
    Files.writeString(CONFIG, rules.replace("autoFailover: false", "autoFailover: true"));
    try {
      automaticFailover(load);
    } finally {
      Files.writeString(CONFIG, rules);
    }
  }

  private void automaticFailover(BackgroundLoad load) throws Exception {
    ok(harness.baton("monitor", "start", "--auto-failover"));
    awaitMonitor(m -> m.path("activeSite").asText().equals("secondary"));
    FailoverResult failover =
        harness
            .client()
            .newUntypedWorkflowStub(Names.failoverWorkflowId("shop"))
            .getResult(FailoverResult.class);
    LoadReport report = load.stop();
    ok(harness.baton("monitor", "stop"));

    assertThat(failover.outcome()).isEqualTo("SUCCEEDED");
    assertThat(failover.rtoFromDetectionMillis()).isNotNull().isGreaterThan(failover.rtoMillis());
    // The containers died, the database did not: it was fenced, and nothing was lost.
    assertThat(failover.rpo()).startsWith("0: primary's database was fenced");
    assertThat(failover.fenced()).contains("database");
    assertThat(routerTarget()).isEqualTo("secondary");
    assertThat(SiteDatabases.isPrimary(SECONDARY_DB)).isTrue();
    assertThat(report.millisUntilAllFrom(SECONDARY, 0, Long.MAX_VALUE))
        .as(report.summary())
        .isNotNegative();
    Run status = harness.baton("failover", "status");
    assertThat(status.out()).contains("failover of shop: SUCCEEDED").contains("RPO 0");
  }

  @Test
  @Order(3)
  void aDrillAgainstADeadStandbyAbortsAndLeavesTrafficWhereItIs() throws Exception {
    Run drill = harness.baton("drill", "run");

    assertThat(drill.code()).as(drill.out()).isEqualTo(1);
    assertThat(drill.out()).contains("STANDBY_UNHEALTHY").contains("traffic stays on secondary");
    assertThat(routerTarget()).isEqualTo("secondary");
    assertThat(SiteDatabases.isPrimary(SECONDARY_DB)).isTrue();
  }

  @Test
  @Order(4)
  void noHistoryOfTheDrillsMonitorsOrFailoverHoldsTheDatabasePassword() {
    // The workers read the password from its file; workflow inputs and results name sites only.
    HistoryScan histories = HistoryScan.of(harness.client());
    assertThat(histories.runs())
        .as("deploys, drills, monitor runs, failover")
        .hasSizeGreaterThanOrEqualTo(6);
    assertThat(histories.contains("\"secondary\"")).as("payloads are searchable").isTrue();
    assertThat(histories.contains(SiteDatabases.password()))
        .as("password in one of %s", histories.runs())
        .isFalse();
  }

  /** Requests through the router at 20/s until stopped (a light load: the bench pushes harder). */
  private static BackgroundLoad load(Path dir) {
    return BackgroundLoad.untilStopped(BackgroundLoad.VERSION, 20, dir);
  }

  private static String routerTarget() throws Exception {
    String upstream = Files.readString(LocalSites.STATE.resolve("router/upstream.conf"));
    return upstream.contains(PRIMARY) ? "primary" : "secondary";
  }

  private static JsonNode awaitMonitor(Predicate<JsonNode> until) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    JsonNode status = monitorStatus();
    while (!until.test(status) && System.nanoTime() < deadline) {
      Thread.sleep(100); // a poll interval, not a wait for an outcome: the loop checks the state
      status = monitorStatus();
    }
    assertThat(until.test(status)).as("monitor status: %s", status).isTrue();
    return status;
  }

  private static JsonNode monitorStatus() throws Exception {
    Run run = harness.baton("monitor", "status", "--output", "json");
    return run.code() == 0
        ? new ObjectMapper().readTree(run.out())
        : new ObjectMapper().createObjectNode();
  }
}
