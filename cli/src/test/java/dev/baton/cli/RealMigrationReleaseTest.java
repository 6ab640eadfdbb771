package dev.baton.cli;

import static dev.baton.cli.CliHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.Names;
import dev.baton.cli.CliHarness.Run;
import dev.baton.process.CommandResult;
import dev.baton.process.ProcessRunner;
import dev.baton.release.ReleaseProgress;
import dev.baton.release.ReleaseWorkflow;
import dev.baton.release.Step;
import dev.baton.release.StepStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema change released for real (release.migrate, database mode replicated): the shop's v2 adds
 * a column (apps/api/migrations/002_order_note.sql). Its migration runs once, on the active site
 * against the primary, and reaches the standby's replica before v2 is deployed there; v1 keeps
 * serving its orders on the new schema until the backfill replaces it. Releasing v1 again (the
 * rollback once the database has moved) works, and its migration applies nothing new. A release
 * whose migration fails deploys and switches nothing. One environment for both tests, in order: the
 * second starts where the first left the sites (v1 on both, primary active).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealMigrationReleaseTest {
  private static final Path CONFIG = LocalSites.ROOT.resolve("examples/shop/baton-replicated.yml");
  private static final String PRIMARY_DB = SiteDatabases.PRIMARY;
  private static final String SECONDARY_DB = SiteDatabases.SECONDARY;
  private static final String PRIMARY_API = "http://127.0.0.1:3000";
  private static final String SECONDARY_API = "http://127.0.0.1:3001";
  @RegisterExtension static final LocalSites localSites = new LocalSites(CONFIG);
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static CliHarness harness;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    harness = localSites.harness();
  }

  @Test
  @Order(1)
  void v2sMigrationRunsOnceReachesTheReplicaBeforeTheDeployAndV1ServesOnTheNewSchema()
      throws Exception {
    ok(harness.baton("deploy", "--site", "primary", "--version", "v1"));
    ok(harness.baton("deploy", "--site", "secondary", "--version", "v1"));
    migrateByHand("primary", "v1"); // the shop's first install: v1's schema
    assertThat(get(PRIMARY_API + "/cgi-bin/orders").body()).isEqualTo("1 book\n2 lamp\n");
    assertThat(columns(SECONDARY_DB)).containsExactly("id", "item");

    Watch watch = new Watch();
    ReleaseProgress v2;
    try (watch) {
      v2 = release("v2");
    }

    // Ran once, on the primary (then primary's), and applied only v2's change.
    assertThat(v2.migration().siteId()).isEqualTo("primary");
    assertThat(v2.migration().attached()).isFalse();
    assertThat(v2.migration().output())
        .contains("applying 002_order_note")
        .contains("1 migration(s) applied; schema at 002_order_note")
        .doesNotContain("applying 001");
    assertThat(
            count(
                SECONDARY_DB,
                "SELECT count(*) FROM schema_migrations WHERE version = '002_order_note'"))
        .isEqualTo(1);
    // The standby's deploy waited for its replica to replay the migration...
    assertThat(v2.step(Step.DEPLOY_STANDBY).message())
        .startsWith("the migration reached secondary's database (replayed to ");
    // ...and, seen from outside, secondary's api never answered v2 before its replica had the
    // column, which it had while secondary still ran v1.
    assertThat(watch.samples).isNotEmpty();
    assertThat(watch.samples)
        .filteredOn(s -> s.secondaryVersion.contains("shop api v2"))
        .isNotEmpty()
        .allMatch(s -> s.replicaHasNote);
    assertThat(watch.samples)
        .anyMatch(s -> s.replicaHasNote && s.secondaryVersion.contains("shop api v1"));
    // v1 on primary answered its orders, on the new schema, through the bake and up to the
    // backfill that replaced it.
    StepStatus bake = v2.step(Step.BAKE);
    List<Sample> v1Served =
        watch.samples.stream().filter(s -> s.primaryVersion.contains("shop api v1")).toList();
    assertThat(v1Served)
        .filteredOn(s -> s.at.isAfter(bake.startedAt()) && s.at.isBefore(bake.endedAt()))
        .as("v1 samples during the bake")
        .isNotEmpty();
    // (Not while the switch fences primary's database: the fence ends every open session, a read
    // of v1's included; see docs/database.md.)
    StepStatus fence = v2.step(Step.SWITCH);
    assertThat(v1Served)
        .filteredOn(s -> s.ordersTo.isBefore(v2.step(Step.BACKFILL).startedAt()))
        .filteredOn(s -> s.ordersTo.isBefore(fence.startedAt()) || s.at.isAfter(fence.endedAt()))
        .hasSizeGreaterThan(10)
        .allMatch(s -> s.ordersStatus == 200 && s.orders.equals("1 book\n2 lamp\n"));

    // The rollback once the primary has moved: release v1 again. Its migration applies nothing,
    // and v1 serves on v2's schema, which stays (a contract change would be a later release's).
    ReleaseProgress back = release("v1");
    assertThat(back.migration().siteId()).isEqualTo("secondary");
    assertThat(back.migration().passed()).isTrue();
    assertThat(back.migration().output())
        .contains("0 migration(s) applied; schema at 002_order_note")
        .doesNotContain("applying");
    assertThat(SiteDatabases.isPrimary(PRIMARY_DB)).isTrue();
    assertThat(columns(PRIMARY_DB)).containsExactly("id", "item", "note");
    assertThat(get(PRIMARY_API + "/version").body()).contains("shop api v1 site=primary");
    assertThat(get(PRIMARY_API + "/cgi-bin/orders").body()).isEqualTo("1 book\n2 lamp\n");
    assertThat(get(SECONDARY_API + "/cgi-bin/orders").statusCode()).isEqualTo(200);
  }

  /** A version whose migration fails: v3, v2 with a broken 003, tagged here. */
  @Test
  @Order(2)
  void aReleaseWhoseMigrationFailsDeploysAndSwitchesNothing() throws Exception {
    ok(harness.baton("deploy", "--site", "primary", "--version", "v1"));
    ok(harness.baton("deploy", "--site", "secondary", "--version", "v1"));
    tagBrokenVersion("v3-broken");
    String front = get("http://127.0.0.1:8080/version").body();

    ok(harness.baton("release", "start", "--version", "v3-broken"));
    Run failed = awaitEnd();

    assertThat(failed.out())
        .contains("MIGRATION_FAILED")
        .contains("nothing was deployed or switched")
        .contains("syntax error");
    ReleaseProgress progress = progress();
    assertThat(progress.migration().passed()).isFalse();
    assertThat(progress.step(Step.DEPLOY_STANDBY).startedAt()).isNull();
    assertThat(get("http://127.0.0.1:8080/version").body()).isEqualTo(front);
    assertThat(get(PRIMARY_API + "/version").body()).contains("shop api v1");
    assertThat(get(SECONDARY_API + "/version").body()).contains("shop api v1");
    assertThat(
            count(PRIMARY_DB, "SELECT count(*) FROM schema_migrations WHERE version LIKE '003%'"))
        .isZero();
  }

  private static ReleaseProgress release(String version) {
    ok(harness.baton("release", "start", "--version", version));
    awaitStatus("waiting for approval of switch");
    ok(harness.baton("release", "approve", "--as", "alice"));
    Run done = awaitEnd();
    assertThat(done.out()).contains(": SUCCEEDED");
    return progress();
  }

  private static ReleaseProgress progress() {
    return harness
        .client()
        .newWorkflowStub(ReleaseWorkflow.class, Names.releaseWorkflowId("shop"))
        .progress();
  }

  /** What an operator runs once for a first install: the version's migrate service, by hand. */
  private static void migrateByHand(String site, String version) {
    Path checkout = Path.of("/tmp/baton-env/checkouts", site);
    CommandResult result =
        ProcessRunner.run(
            List.of(
                "docker-compose",
                "--project-name",
                "shop-" + site,
                "--env-file",
                ".env." + site,
                "--file",
                "docker-compose.yml",
                "--file",
                "docker-compose." + site + ".yml",
                "run",
                "--rm",
                "--no-deps",
                "-T",
                "migrate"),
            checkout,
            Map.of(
                "VERSION",
                version,
                "DOCKER_HOST",
                "unix:///tmp/baton-env/" + site + "/docker.sock",
                "COMPOSE_DOCKER_CLI_BUILD",
                "0"),
            Duration.ofMinutes(2));
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  /** Pushes {@code tag}: v2 plus a migration that is not SQL. */
  private static void tagBrokenVersion(String tag) {
    Path work = dir.resolve("broken");
    git(null, "clone", "-q", "/tmp/baton-env/git/shop.git", work.toString());
    git(work, "checkout", "-q", "v2");
    try {
      Files.writeString(work.resolve("apps/api/migrations/003_broken.sql"), "THIS IS NOT SQL;\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    git(work, "add", "-A");
    git(
        work,
        "-c",
        "user.name=test",
        "-c",
        "user.email=test@baton.invalid",
        "commit",
        "-q",
        "-m",
        tag);
    git(work, "tag", tag);
    git(work, "push", "-q", "origin", tag);
  }

  private static void git(Path in, String... args) {
    List<String> command = new ArrayList<>(List.of("git"));
    if (in != null) {
      command.addAll(List.of("-C", in.toString()));
    }
    command.addAll(List.of(args));
    CommandResult result = ProcessRunner.run(command, null, Map.of(), Duration.ofMinutes(1));
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  private static List<String> columns(String url) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = SiteDatabases.open(url);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'orders'"
                    + " ORDER BY ordinal_position")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private static long count(String url, String sql) throws SQLException {
    try (Connection c = SiteDatabases.open(url);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Run awaitStatus(String text) {
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    Run run = harness.baton("release", "status");
    while (!run.out().contains(text)
        && run.out().lines().findFirst().orElse("").endsWith(": RUNNING")
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      run = harness.baton("release", "status");
    }
    assertThat(run.out()).as(run.err()).contains(text);
    return run;
  }

  /** Until the release has ended, whichever way. */
  private static Run awaitEnd() {
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    Run run = harness.baton("release", "status");
    while (run.out().lines().findFirst().orElse("").endsWith(": RUNNING")
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      run = harness.baton("release", "status");
    }
    return run;
  }

  /**
   * One look at both sites: the replica's schema first, then what each api answers; from {@code at}
   * to {@code ordersTo}, when v1's orders had answered.
   */
  record Sample(
      Instant at,
      boolean replicaHasNote,
      String secondaryVersion,
      String primaryVersion,
      int ordersStatus,
      String orders,
      Instant ordersTo) {}

  /** Samples both sites, back to back, while the release runs. */
  private static final class Watch implements AutoCloseable {
    final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread = new Thread(this::run, "migration-watch");

    Watch() {
      thread.start();
    }

    private void run() {
      while (!stop.get()) {
        Instant at = Instant.now();
        boolean note;
        try {
          note = columns(SECONDARY_DB).contains("note");
        } catch (SQLException e) {
          continue; // the replica restarts or is promoted: no sample
        }
        String secondary = text(SECONDARY_API + "/version");
        String primary = text(PRIMARY_API + "/version");
        HttpResponse<String> orders = answer(PRIMARY_API + "/cgi-bin/orders");
        samples.add(
            new Sample(
                at,
                note,
                secondary,
                primary,
                orders == null ? -1 : orders.statusCode(),
                orders == null ? "" : orders.body(),
                Instant.now()));
      }
    }

    private static String text(String url) {
      HttpResponse<String> r = answer(url);
      return r == null ? "" : r.body();
    }

    private static HttpResponse<String> answer(String url) {
      try {
        return get(url);
      } catch (Exception e) {
        return null;
      }
    }

    @Override
    public void close() throws InterruptedException {
      stop.set(true);
      thread.join();
    }
  }
}
