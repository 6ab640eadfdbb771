package dev.baton.cli;

import static dev.baton.cli.CliHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.Names;
import dev.baton.cli.CliHarness.Run;
import dev.baton.failover.FailoverResult;
import dev.baton.release.ReleaseResult;
import dev.baton.site.DeployResult;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One mutating operation per project, enforced by the workflows: each pair through the CLI and
 * through the raw API (as an SDK client or the Web UI starts workflows, with no CLI check on the
 * way).
 */
class OneOperationTest {
  @TempDir Path dir;
  private CliHarness harness;

  @BeforeEach
  void start() throws Exception {
    harness = new CliHarness(dir);
  }

  @AfterEach
  void stop() {
    CountDownLatch held = harness.world.deployHeld;
    if (held != null) {
      held.countDown();
    }
    harness.close();
  }

  @Test
  void aDeployDuringAReleaseIsRefusedNamingItThroughTheCliAndTheApi() {
    ok(harness.baton("release", "start", "--version", "v2"));
    harness.awaitStatus("waiting for approval of switch");

    Run cli = harness.baton("deploy", "--site", "secondary", "--version", "v9");
    assertThat(cli.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(cli.err())
        .isEqualTo(
            "baton: deploy to secondary refused: not now: release v2 (step approve) (deploy when"
                + " it has ended)\n");

    ApplicationFailure api =
        failureOf(
            rawStart(
                "Deploy",
                Names.deployWorkflowId("shop", "secondary"),
                Map.of("project", "shop", "siteId", "secondary", "version", "v9")),
            DeployResult.class);
    assertThat(api.getType()).isEqualTo("BUSY");
    assertThat(api.getOriginalMessage()).startsWith("not now: release v2 (step approve)");
    assertThat(harness.world.calls).doesNotContain("secondary.deploy v9");
  }

  @Test
  void aReleaseDuringADeployIsRefusedNamingItThroughTheCliAndTheApi() throws Exception {
    harness.world.deployHeld = new CountDownLatch(1);
    CompletableFuture<Run> deploy =
        CompletableFuture.supplyAsync(
            () -> harness.baton("deploy", "--site", "secondary", "--version", "v3"));
    await(() -> harness.world.calls.contains("secondary.deploy v3"));

    Run cli = harness.baton("release", "start", "--version", "v2");
    assertThat(cli.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(cli.err())
        .isEqualTo(
            "baton: a deploy of shop is running (workflow baton-deploy-shop-secondary); start the"
                + " release when it has ended\n");

    ApplicationFailure api =
        failureOf(
            rawStart(
                "Release",
                Names.releaseWorkflowId("shop"),
                Map.of("project", "shop", "version", "v2", "requestedBy", "mallory")),
            ReleaseResult.class);
    assertThat(api.getType()).isEqualTo("BUSY");
    assertThat(api.getOriginalMessage())
        .isEqualTo("plan: not now: deploy of v3 to secondary; traffic untouched");

    harness.world.deployHeld.countDown();
    ok(deploy.get(30, TimeUnit.SECONDS));
    assertThat(harness.world.versions).doesNotContainValue("v2");
  }

  @Test
  void aFailoverThatWillNotActLeavesTheReleaseRunningAndSaysSo() {
    ok(harness.baton("release", "start", "--version", "v2"));
    harness.awaitStatus("waiting for approval of switch");

    // The active site answers its probes: nothing to fail over.
    Run cli = harness.baton("failover", "--reason", "looks slow", "--as", "bob");
    assertThat(cli.code()).as(cli.out() + cli.err()).isNotZero();
    assertThat(cli.out() + cli.err())
        .contains("nothing was changed; release v2 (step approve) keeps running");

    ApplicationFailure api =
        failureOf(
            rawStart(
                "Failover",
                Names.failoverWorkflowId("shop"),
                Map.of("project", "shop", "reason", "api", "requestedBy", "mallory")),
            FailoverResult.class);
    assertThat(api.getType()).isEqualTo("FAILOVER_REFUSED");
    assertThat(api.getOriginalMessage()).contains("release v2 (step approve) keeps running");
    assertThat(releaseStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(harness.world.routerTarget).isEqualTo("primary");
  }

  @Test
  void aFailoverThatActsThroughTheApiPreemptsTheRelease() throws Exception {
    ok(harness.baton("release", "start", "--version", "v2"));
    harness.awaitStatus("waiting for approval of switch");

    WorkflowStub failover =
        rawStart(
            "Failover",
            Names.failoverWorkflowId("shop"),
            Map.of("project", "shop", "force", true, "reason", "dc1 lost", "requestedBy", "bob"));
    FailoverResult result = failover.getResult(30, TimeUnit.SECONDS, FailoverResult.class);
    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    assertThat(result.preempted()).startsWith("release v2 (step approve)");
    assertThat(releaseStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    assertThat(harness.world.routerTarget).isEqualTo("secondary");
  }

  private WorkflowStub rawStart(String type, String workflowId, Map<String, Object> input) {
    WorkflowStub stub =
        harness
            .client()
            .newUntypedWorkflowStub(
                type,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(workflowId)
                    .setTaskQueue(Names.controlQueue("shop"))
                    .build());
    stub.start(input);
    return stub;
  }

  private static <T> ApplicationFailure failureOf(WorkflowStub stub, Class<T> result) {
    WorkflowFailedException failed =
        catchThrowableOfType(
            () -> stub.getResult(30, TimeUnit.SECONDS, result), WorkflowFailedException.class);
    assertThat(failed).as("the workflow failed").isNotNull();
    return (ApplicationFailure) failed.getCause();
  }

  private WorkflowExecutionStatus releaseStatus() {
    return harness
        .client()
        .newUntypedWorkflowStub(Names.releaseWorkflowId("shop"))
        .describe()
        .getStatus();
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(condition.getAsBoolean()).as("condition reached in 30 s").isTrue();
  }
}
