package dev.baton.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.baton.Names;
import dev.baton.router.SwitchRequest;
import dev.baton.rules.ApprovalSigners;
import dev.baton.rules.ControlRules;
import dev.baton.signature.SignedStatement;
import dev.baton.signature.SshKeygenTool;
import dev.baton.testing.MockedSitesTestBase;
import dev.baton.testing.TestRules;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `baton monitor approve` where the project takes signed decisions only: the monitor's failover
 * waits for an approval signed with a listed key over its current run.
 */
class MonitorSignedApprovalTest extends MockedSitesTestBase {
  @TempDir Path keys;

  @Test
  void anUnsignedApprovalIsRefusedAndASignedOneStartsTheFailover() {
    Path alice = SshKeygenTool.generate(keys, "alice", "", "-t", "ed25519");
    ControlRules base = TestRules.of(PROJECT, null, null, null, null);
    controlRules(
        new ControlRules(
            base.project(),
            base.siteIds(),
            base.source(),
            base.release(),
            base.failover(),
            base.monitor(), // manual: autoFailover false
            base.drill(),
            new ApprovalSigners(
                "alice " + SshKeygenTool.publicKeyLine(alice) + "\n",
                "/etc/baton/allowed_signers",
                false,
                Duration.ofMinutes(10))));
    siteWorkers("primary", "secondary");
    env.start();
    MonitorWorkflow monitor =
        env.getWorkflowClient()
            .newWorkflowStub(
                MonitorWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(worker.getTaskQueue())
                    .setWorkflowId(Names.monitorWorkflowId(PROJECT))
                    .build());
    WorkflowClient.start(
        monitor::run, new MonitorRequest(PROJECT, List.of(), "carol", null, null, null));
    env.sleep(Duration.ofSeconds(20)); // primary is down: three failed probes, then it waits
    assertThat(monitor.status().waitingForApproval()).isTrue();

    assertThatThrownBy(() -> monitor.approveFailover(new FailoverApproval("alice", "dc1 flooded")))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining(
            "failover approval refused: this project takes signed decisions only");
    verify(router, never()).switchTo(any());

    String runId =
        env.getWorkflowClient()
            .newUntypedWorkflowStub(Names.monitorWorkflowId(PROJECT))
            .describe()
            .getExecution()
            .getRunId();
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    String nonce = UUID.randomUUID().toString();
    SignedStatement statement =
        new SignedStatement(
            "monitor-approve",
            Names.monitorWorkflowId(PROJECT),
            runId,
            "",
            "alice",
            "dc1 flooded",
            now,
            nonce);
    String signature = SshKeygenTool.sign(alice, "baton", statement.canonicalBytes());
    assertThat(
            monitor.approveFailover(
                new FailoverApproval(
                    "alice", "dc1 flooded", runId, now.toString(), nonce, signature)))
        .isEqualTo("failover of primary approved by alice");
    env.sleep(Duration.ofSeconds(5));
    verify(router).switchTo(new SwitchRequest(PROJECT, "primary", "secondary"));
  }
}
