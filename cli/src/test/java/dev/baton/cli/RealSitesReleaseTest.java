package dev.baton.cli;

import static dev.baton.cli.CliHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.Names;
import dev.baton.cli.CliHarness.Run;
import dev.baton.process.ProcessRunner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Releases for real: two Docker engines, Docker Compose, nginx and git on this machine, the shipped
 * examples/shop project, the real activities, the CLI. Nothing on this path is mocked. The tests
 * share one environment (it is expensive), so each states its starting point.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealSitesReleaseTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  // A stopped engine is waited for release.outageWait (3 minutes by default) before the release
  // fails: the test that stops one on purpose need not wait that long.
  @RegisterExtension
  static final LocalSites localSites =
      new LocalSites(LocalSites.withRelease(LocalSites.CONFIG, "outageWait: 10s"));

  private static CliHarness harness;

  @BeforeAll
  static void start() {
    harness = localSites.harness();
  }

  /** A test that failed mid-release must not make the next ones fail with "one at a time". */
  @AfterEach
  void endAnyRelease() {
    try {
      harness
          .client()
          .newUntypedWorkflowStub(Names.releaseWorkflowId("shop"))
          .terminate("test ended");
    } catch (io.temporal.client.WorkflowNotFoundException | IllegalStateException nothingRuns) {
      // the release ended by itself, as it should
    }
  }

  @Test
  @Order(1)
  void aFullReleaseMovesTrafficToV2AndLeavesBothSitesOnV2() throws Exception {
    ok(harness.baton("deploy", "--site", "primary", "--version", "v1"));
    ok(harness.baton("deploy", "--site", "secondary", "--version", "v1"));
    assertThat(get("http://127.0.0.1:8080/version")).isEqualTo("shop api v1 site=primary");

    ok(harness.baton("release", "start", "--version", "v2"));
    Run waiting = awaitStatus("waiting for approval of switch");
    assertThat(waiting.out()).containsPattern("deploy-standby +succeeded .*secondary runs v2 \\(");
    // examples/shop's smoke tests ran on the standby before the approval, and status shows them.
    assertThat(waiting.out())
        .containsPattern("smoke +succeeded .*2 smoke test\\(s\\) passed on secondary")
        .contains("api-version (service smoke): passed, exit 0 in ")
        .contains("    | api on secondary answered: shop api v2 site=secondary")
        .contains("api-answers (http api): passed, GET /version: HTTP 200 in ");
    assertThat(get("http://127.0.0.1:3001/version")).isEqualTo("shop api v2 site=secondary");
    assertThat(get("http://127.0.0.1:8080/version")).isEqualTo("shop api v1 site=primary");

    ok(harness.baton("release", "approve", "--as", "alice"));
    Run done = awaitStatus(": SUCCEEDED");
    assertThat(done.out()).contains("active: secondary   standby: primary");
    assertThat(get("http://127.0.0.1:8080/version")).isEqualTo("shop api v2 site=secondary");
    assertThat(get("http://127.0.0.1:3000/version")).isEqualTo("shop api v2 site=primary");
    assertThat(get("http://127.0.0.1:3100/version")).startsWith("shop web v2");
    // The queue worker moved with the traffic.
    assertThat(running("secondary")).contains("shop-secondary_worker_1");
    assertThat(running("primary")).doesNotContain("shop-primary_worker_1");
  }

  @Test
  @Order(2)
  void reDeployingTheVersionASiteRunsChangesNothing() {
    List<String> before = containerIds("primary");
    Run again = harness.baton("deploy", "--site", "primary", "--version", "v2");
    ok(again);
    assertThat(again.out()).contains("primary already runs v2");
    assertThat(containerIds("primary")).isEqualTo(before);
  }

  @Test
  @Order(3)
  void aVersionWhoseApiNeverGetsHealthyFailsBeforeTheSwitch(@TempDir Path work) throws Exception {
    tagBrokenVersion(work, "v3-broken");
    String active = activeSite();
    String standby = other(active);
    String front = get("http://127.0.0.1:8080/version");
    List<String> activeBefore = containerIds(active);
    Run release = harness.baton("release", "start", "--version", "v3-broken", "--wait");
    assertThat(release.code()).as(release.out() + release.err()).isEqualTo(ExitCodes.FAILED);
    assertThat(release.out())
        .contains("release v3-broken of shop, requested by carol: DEPLOY_FAILED")
        .contains(standby + ": service api is unhealthy (v3-broken); its last log lines:")
        .contains("health file withheld for this test")
        .contains("traffic untouched on " + active);
    assertThat(get("http://127.0.0.1:8080/version")).isEqualTo(front);
    assertThat(containerIds(active)).isEqualTo(activeBefore);
  }

  @Test
  @Order(4)
  void whenNginxRefusesTheNewUpstreamTheOldOneIsRestoredAndTrafficStays() throws Exception {
    Path nginxConf = LocalSites.STATE.resolve("router/nginx.conf");
    Path upstream = LocalSites.STATE.resolve("router/upstream.conf");
    String conf = Files.readString(nginxConf);
    String upstreamBefore = Files.readString(upstream);
    String front = get("http://127.0.0.1:8080/version");
    ok(harness.baton("release", "start", "--version", "v2"));
    awaitStatus("waiting for approval of switch");
    try {
      // A config that no longer passes `nginx -t`: the switch must not reach nginx.
      Files.writeString(nginxConf, conf + "\nthis_is_not_a_directive;\n");
      ok(harness.baton("release", "approve", "--as", "bob"));
      Run failed = awaitStatus(": SWITCH_FAILED");
      assertThat(failed.out())
          .contains("router nginx: nginx rejected the config")
          .contains("traffic stays on " + activeSite());
    } finally {
      Files.writeString(nginxConf, conf);
    }
    assertThat(Files.readString(upstream)).isEqualTo(upstreamBefore);
    assertThat(get("http://127.0.0.1:8080/version")).isEqualTo(front);
  }

  @Test
  @Order(5)
  void aStoppedStandbyEngineFailsTheReleaseNamingTheSite() throws Exception {
    String active = activeSite();
    String standby = other(active);
    String front = get("http://127.0.0.1:8080/version");
    Path pidFile = LocalSites.STATE.resolve(standby + "/docker.pid");
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    ProcessHandle engine = ProcessHandle.of(pid).orElseThrow();
    engine.destroy();
    engine.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
    try {
      Run release = harness.baton("release", "start", "--version", "v2", "--wait");
      assertThat(release.code()).as(release.out() + release.err()).isEqualTo(ExitCodes.FAILED);
      assertThat(release.out())
          .contains(": DEPLOY_FAILED")
          .contains(
              "primary: the Docker engine at unix:///tmp/baton-env/primary/docker.sock does"
                  + " not answer")
          .contains("traffic untouched on secondary");
      assertThat(get("http://127.0.0.1:8080/version")).isEqualTo("shop api v2 site=secondary");
    } finally {
      LocalSites.env("up"); // brings the engine back for whatever runs next
    }
  }

  /** The site the router sends traffic to, as the front door answers it. */
  private static String activeSite() throws Exception {
    String answer = get("http://127.0.0.1:8080/version");
    return answer.substring(answer.indexOf("site=") + "site=".length());
  }

  private static String other(String site) {
    return site.equals("primary") ? "secondary" : "primary";
  }

  private static void tagBrokenVersion(Path work, String tag) {
    Path clone = work.resolve("shop");
    git(work, "clone", "-q", LocalSites.STATE.resolve("git/shop.git").toString(), "shop");
    git(clone, "checkout", "-q", "v2");
    Path start = clone.resolve("apps/api/start.sh");
    try {
      Files.writeString(
          start,
          Files.readString(start)
              .replace(
                  "printf 'ok\\n' > /www/health", "echo 'health file withheld for this test'"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    git(clone, "-c", "user.name=test", "-c", "user.email=test@baton.dev", "commit", "-qam", tag);
    git(clone, "tag", "-f", tag);
    git(clone, "push", "-q", "-f", "origin", "refs/tags/" + tag);
  }

  private static void git(Path dir, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    var result = ProcessRunner.run(command, dir, Map.of(), Duration.ofMinutes(1));
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  static List<String> containerIds(String site) {
    return docker(site, "ps", "-q", "--no-trunc");
  }

  static List<String> running(String site) {
    return docker(site, "ps", "--format", "{{.Names}}");
  }

  private static List<String> docker(String site, String... args) {
    List<String> command =
        new java.util.ArrayList<>(
            List.of("docker", "-H", "unix://" + LocalSites.STATE.resolve(site + "/docker.sock")));
    command.addAll(List.of(args));
    var result = ProcessRunner.run(command, null, Map.of(), Duration.ofSeconds(30));
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.output().lines().sorted().toList();
  }

  static String get(String url) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
    return response.body().strip();
  }

  private static Run awaitStatus(String text) {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    Run run = harness.baton("release", "status");
    // Stop early once the release has ended some other way: the assertion below then says how.
    while (!run.out().contains(text) && !ended(run) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      run = harness.baton("release", "status");
    }
    assertThat(run.out()).as(run.err()).contains(text);
    return run;
  }

  private static boolean ended(Run status) {
    return status.out().startsWith("release ")
        && !status.out().lines().findFirst().orElse("").endsWith(": RUNNING");
  }
}
