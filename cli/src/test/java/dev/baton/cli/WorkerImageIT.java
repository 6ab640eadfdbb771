package dev.baton.cli;

import static dev.baton.cli.CliHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.Names;
import dev.baton.cli.CliHarness.Run;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The worker image, for real: scripts/worker-image builds baton-worker:VERSION from the release
 * archive ({@code mvn package}, hence an IT) into the primary site's engine, and the primary site's
 * worker runs from it as a container on that engine, while the control worker and the secondary
 * site's worker run in this JVM. A release v1 to v2 then goes through every step, the histories
 * show that every activity on the primary site's queue was run by the container's worker, and the
 * container's log tells of the primary's deploys. The container and the image are removed after.
 */
class WorkerImageIT {
  private static final String PRIMARY = Names.siteQueue("shop", "primary");
  private static final String SECONDARY = Names.siteQueue("shop", "secondary");

  @RegisterExtension
  static final LocalSites localSites =
      LocalSites.withOutsideSiteWorker(LocalSites.CONFIG, "primary");

  private static CliHarness harness;
  private static WorkerContainer worker;

  @BeforeAll
  static void startThePrimarySiteWorkerFromTheImage() throws Exception {
    harness = localSites.harness();
    String image = WorkerContainer.buildImage("primary", archive());
    long start = System.nanoTime();
    worker =
        WorkerContainer.start(
            "primary", image, harness.config, harness.env().get("BATON_TEMPORAL_ADDRESS"));
    worker.awaitPolling(Duration.ofMinutes(2));
    System.out.printf(
        "the container's worker polled %d ms after docker run%n",
        (System.nanoTime() - start) / 1_000_000);
  }

  @AfterAll
  static void removeTheContainerAndTheImage() {
    if (worker != null) {
      System.out.println("the container's log:\n" + worker.logs());
      worker.close();
    }
  }

  @Test
  void aReleaseDoesThePrimarySitesWorkInTheContainer() throws Exception {
    String container = onlyActivityPoller(PRIMARY);

    ok(harness.baton("deploy", "--site", "primary", "--version", "v1"));
    ok(harness.baton("deploy", "--site", "secondary", "--version", "v1"));
    ok(harness.baton("release", "start", "--version", "v2"));
    awaitStatus("waiting for approval of switch");
    ok(harness.baton("release", "approve", "--as", "alice"));
    Run done = awaitStatus(": SUCCEEDED");
    assertThat(done.out()).contains("active: secondary   standby: primary");
    // The backfill, on the primary site, was the container's work.
    assertThat(RealSitesReleaseTest.get("http://127.0.0.1:3000/version"))
        .isEqualTo("shop api v2 site=primary");
    assertThat(RealSitesReleaseTest.get("http://127.0.0.1:8080/version"))
        .isEqualTo("shop api v2 site=secondary");

    ActivityWorkers ran = ActivityWorkers.of(harness.client());
    assertThat(ran.activities(PRIMARY)).as("%s", ran).contains("Site.Deploy");
    assertThat(ran.identities(PRIMARY)).as("%s", ran).containsExactly(container);
    // The in-process worker has an identity of its own: the check above tells them apart.
    assertThat(ran.identities(SECONDARY)).as("%s", ran).hasSize(1).doesNotContain(container);
    // And the container's own log tells of both deploys, git, compose build and up included.
    assertThat(worker.logs())
        .containsPattern("primary runs v1 \\(.*\\(git .*, build .*, up .*\\)")
        .containsPattern("primary runs v2 \\(.*\\(git .*, build .*, up .*\\)");
  }

  /** The identity of the one worker that polls {@code queue} for activities. */
  private static String onlyActivityPoller(String queue) {
    DescribeTaskQueueRequest describe =
        DescribeTaskQueueRequest.newBuilder()
            .setNamespace("default")
            .setTaskQueue(TaskQueue.newBuilder().setName(queue))
            .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)
            .build();
    var service = harness.client().getWorkflowServiceStubs().blockingStub();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<PollerInfo> pollers = service.describeTaskQueue(describe).getPollersList();
    // The worker said it started its pollers; its first poll may still be on its way.
    while (pollers.isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      pollers = service.describeTaskQueue(describe).getPollersList();
    }
    assertThat(pollers).as("pollers of %s", queue).hasSize(1);
    return pollers.get(0).getIdentity();
  }

  private static Path archive() throws Exception {
    Path target = Path.of("target").toAbsolutePath();
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(p -> p.getFileName().toString().matches("baton-.*\\.tar\\.gz"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no baton-*.tar.gz in " + target));
    }
  }

  private static Run awaitStatus(String text) {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    Run run = harness.baton("release", "status");
    while (!run.out().contains(text) && !ended(run) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      run = harness.baton("release", "status");
    }
    assertThat(run.out()).as("%s\ncontainer log:\n%s", run.err(), worker.logs()).contains(text);
    return run;
  }

  private static boolean ended(Run status) {
    return status.out().startsWith("release ")
        && !status.out().lines().findFirst().orElse("").endsWith(": RUNNING");
  }
}
