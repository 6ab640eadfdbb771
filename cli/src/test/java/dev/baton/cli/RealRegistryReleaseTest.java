package dev.baton.cli;

import static dev.baton.cli.CliHarness.ok;
import static dev.baton.cli.RealSitesReleaseTest.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.Names;
import dev.baton.cli.CliHarness.Run;
import dev.baton.process.CommandResult;
import dev.baton.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code images.mode: registry} for real: examples/shop/baton-registry.yml on the local environment
 * with the registry scripts/env starts (Debian's docker-registry on 127.0.0.1:5000). The release
 * builds once and both sites run the same digests; a standby that runs another digest of the
 * version (its tag re-pushed with other content and redeployed by hand) refuses the switch.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealRegistryReleaseTest {
  private static final Path CONFIG = LocalSites.ROOT.resolve("examples/shop/baton-registry.yml");
  private static final String REGISTRY = "127.0.0.1:5000";
  private static final Pattern API_DIGEST =
      Pattern.compile("api " + Pattern.quote(REGISTRY) + "/shop/api@(sha256:[0-9a-f]{64})");

  // Fresh engines: the test asserts that the sites never built an image of their own.
  @RegisterExtension static final LocalSites localSites = LocalSites.withFreshEngines(CONFIG);
  private static CliHarness harness;

  @BeforeAll
  static void start() {
    harness = localSites.harness();
  }

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
  void aReleaseBuildsOnceAndBothSitesRunTheSameDigests() throws Exception {
    ok(harness.baton("release", "start", "--version", "v1"));
    Run waiting = awaitStatus("waiting for approval of switch");
    assertThat(waiting.out()).containsPattern("publish +succeeded .*v1 .*built on secondary");
    ok(harness.baton("release", "approve", "--as", "alice"));
    Run done = awaitStatus(": SUCCEEDED");

    String published = apiDigest(done.out());
    // Both sites run exactly the published image, as their engines report it.
    assertThat(repoDigests("primary", "api")).contains(REGISTRY + "/shop/api@" + published);
    assertThat(repoDigests("secondary", "api")).contains(REGISTRY + "/shop/api@" + published);
    assertThat(get("http://127.0.0.1:8080/version")).isEqualTo("shop api v1 site=secondary");
    assertThat(get("http://127.0.0.1:3000/version")).isEqualTo("shop api v1 site=primary");
    // The sites were never asked to build: no image of the compose files' own names exists.
    assertThat(images("primary")).noneMatch(i -> i.startsWith("shop-api:"));
    assertThat(images("secondary")).noneMatch(i -> i.startsWith("shop-api:"));

    String shortForm = published.substring(0, 19);
    Run sites = harness.baton("sites");
    ok(sites);
    assertThat(sites.out().lines().filter(l -> l.contains("api v1 healthy " + shortForm)))
        .hasSize(2);
    Run history = harness.baton("history");
    ok(history);
    assertThat(history.out()).contains("images: api " + shortForm);
  }

  @Test
  @Order(2)
  void aStandbyRunningOtherDigestsOfTheVersionRefusesTheSwitch() throws Exception {
    ok(harness.baton("release", "start", "--version", "v2"));
    Run waiting = awaitStatus("waiting for approval of switch");
    String published = apiDigest(waiting.out());
    String standby = "primary"; // the first release left secondary active
    String front = get("http://127.0.0.1:8080/version");

    // Someone re-pushes v2's api tag with other content (the web image) and redeploys the
    // standby's api by tag, as the scripts did before baton.
    String repushed = REGISTRY + "/shop/api:v2";
    docker(standby, "tag", REGISTRY + "/shop/web@" + webDigest(waiting.out()), repushed);
    docker(standby, "push", repushed);
    Path checkout = LocalSites.STATE.resolve("checkouts/" + standby);
    Path byHand = checkout.resolve(".baton/by-hand.yml");
    Files.writeString(byHand, "services:\n  api:\n    image: " + repushed + "\n");
    CommandResult up =
        ProcessRunner.run(
            List.of(
                "docker-compose",
                "--project-name",
                "shop-" + standby,
                "--env-file",
                checkout.resolve(".env." + standby).toString(),
                "--file",
                checkout.resolve("docker-compose.yml").toString(),
                "--file",
                checkout.resolve("docker-compose." + standby + ".yml").toString(),
                "--file",
                checkout.resolve(".baton/docker-compose.baton.yml").toString(),
                "--file",
                byHand.toString(),
                "up",
                "-d",
                "--no-build",
                "--no-deps",
                "api"),
            checkout,
            Map.of(
                "DOCKER_HOST",
                "unix://" + LocalSites.STATE.resolve(standby + "/docker.sock"),
                "VERSION",
                "v2"),
            Duration.ofMinutes(2));
    assertThat(up.exitCode()).as(up.output()).isZero();
    String other =
        repoDigests(standby, "api").stream()
            .filter(d -> d.startsWith(REGISTRY + "/shop/api@"))
            .findFirst()
            .orElseThrow()
            .substring((REGISTRY + "/shop/api@").length());
    assertThat(other).isNotEqualTo(published);

    ok(harness.baton("release", "approve", "--as", "alice"));
    Run refused = awaitStatus(": IMAGE_MISMATCH");
    assertThat(refused.out())
        .contains(
            "switch refused: primary and secondary would run different images of v2: api on"
                + " primary runs "
                + other
                + ", but v2 is "
                + published
                + "; nothing was moved; traffic stays on secondary");
    assertThat(get("http://127.0.0.1:8080/version")).isEqualTo(front);
  }

  private static String apiDigest(String status) {
    Matcher m = API_DIGEST.matcher(status);
    assertThat(m.find()).as(status).isTrue();
    return m.group(1);
  }

  private static String webDigest(String status) {
    Matcher m =
        Pattern.compile("web " + Pattern.quote(REGISTRY) + "/shop/web@(sha256:[0-9a-f]{64})")
            .matcher(status);
    assertThat(m.find()).as(status).isTrue();
    return m.group(1);
  }

  /** The RepoDigests of the image {@code service}'s container runs on {@code site}. */
  private static List<String> repoDigests(String site, String service) {
    String image =
        docker(site, "inspect", "--format", "{{.Image}}", "shop-" + site + "_" + service + "_1")
            .get(0);
    return List.of(
        docker(site, "image", "inspect", "--format", "{{join .RepoDigests \" \"}}", image)
            .get(0)
            .split(" "));
  }

  private static List<String> images(String site) {
    return docker(site, "images", "--format", "{{.Repository}}:{{.Tag}}");
  }

  private static List<String> docker(String site, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of("docker", "-H", "unix://" + LocalSites.STATE.resolve(site + "/docker.sock")));
    command.addAll(List.of(args));
    CommandResult result = ProcessRunner.run(command, null, Map.of(), Duration.ofMinutes(2));
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.output().lines().toList();
  }

  private static Run awaitStatus(String text) {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    Run run = harness.baton("release", "status");
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
