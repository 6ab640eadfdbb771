package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.Names;
import dev.baton.cli.CliHarness.Run;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real release and failover workflows over the fake world: a failover during a release's bake
 * terminates the release, whose compensation (moving traffic back) therefore never runs against the
 * failover's own switch.
 */
class FailoverPreemptsReleaseTest {
  @TempDir Path dir;
  private CliHarness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void aFailoverDuringTheBakeTerminatesTheReleaseAndOnlyTheFailoverMovesTraffic() throws Exception {
    Path config = dir.resolve("baton.yml");
    Files.writeString(
        config, CliHarness.yaml("127.0.0.1:7233").replace("  bake: 1s\n", "  bake: 10m\n"));
    harness = new CliHarness(config, null);
    assertThat(harness.baton("release", "start", "--version", "v2").code()).isZero();
    await("waiting for approval of switch");
    assertThat(harness.baton("release", "approve", "--as", "alice").code()).isZero();
    await("bake            running");
    assertThat(harness.world.routerTarget).isEqualTo("secondary");
    harness.world.calls.clear();

    Run failover = harness.baton("failover", "--force", "--reason", "v2 melts", "--as", "bob");

    assertThat(failover.code()).as(failover.out() + failover.err()).isZero();
    assertThat(failover.out())
        .contains("failover of shop: SUCCEEDED")
        .contains("secondary -> primary")
        .contains("pre-empted: release v2 (step bake");
    assertThat(harness.world.routerTarget).isEqualTo("primary");
    assertThat(harness.world.calls.stream().filter(c -> c.startsWith("router.switchTo")))
        .as("one switch: the failover's; the release never moved traffic back")
        .containsExactly("router.switchTo primary");
    assertThat(
            harness
                .client()
                .newUntypedWorkflowStub(Names.releaseWorkflowId("shop"))
                .describe()
                .getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
  }

  private void await(String text) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    Run run = harness.baton("release", "status");
    while (!run.out().contains(text) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      run = harness.baton("release", "status");
    }
    assertThat(run.out()).contains(text);
  }
}
