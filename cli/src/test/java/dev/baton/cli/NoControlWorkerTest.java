package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.Names;
import dev.baton.release.ReleaseRequest;
import dev.baton.worker.DevServer;
import dev.baton.worker.RealActivities;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev service with no worker at all: every verb that needs the control worker says so in one
 * line, at once, and names the command that starts one.
 */
class NoControlWorkerTest {
  private static final String NO_WORKER =
      "baton: no control worker serves task queue baton.shop.control; start one with: baton worker"
          + " --control (or baton dev, with every worker)";

  /** The slowest a refusal may be: a connection, a describe, and the check's 1 s of grace. */
  private static final Duration PROMPT = Duration.ofSeconds(3);

  @TempDir Path dir;
  private DevServer server;
  private Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    server = DevServer.start(0);
    Path config = dir.resolve("baton.yml");
    Files.writeString(config, CliHarness.yaml(server.address()));
    env = Map.of("BATON_CONFIG", config.toString(), "USER", "carol", "BATON_NO_DAEMON", "1");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void verbsThatStartAWorkflowAreRefusedAtOnce() {
    for (List<String> verb :
        List.of(
            List.of("release", "start", "--version", "v2"),
            List.of("deploy", "--site", "primary", "--version", "v2"),
            List.of("sites"),
            List.of("failover", "--to", "secondary"))) {
      assertRefusedPromptly(verb);
    }
  }

  @Test
  void verbsThatAskARunningReleaseAreRefusedAtOnce() {
    // A release whose control worker has gone: started while one ran, as far as the CLI can tell.
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
    try {
      WorkflowClient.newInstance(service)
          .newUntypedWorkflowStub(
              "ReleaseWorkflow",
              WorkflowOptions.newBuilder()
                  .setWorkflowId(Names.releaseWorkflowId("shop"))
                  .setTaskQueue(Names.controlQueue("shop"))
                  .build())
          .start(new ReleaseRequest("shop", "v2", "carol", List.of(), null));
      for (List<String> verb :
          List.of(
              List.of("release", "status"),
              List.of("release", "approve", "--as", "alice"),
              List.of("release", "reject", "--as", "alice"),
              List.of("release", "cancel"))) {
        assertRefusedPromptly(verb);
      }
    } finally {
      service.shutdownNow();
    }
  }

  private void assertRefusedPromptly(List<String> verb) {
    long started = System.nanoTime();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Baton.run(
            new BatonContext(env, dir, RealActivities::new),
            new PrintWriter(out),
            new PrintWriter(err),
            verb.toArray(String[]::new));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(err.toString().strip()).as("%s", verb).isEqualTo(NO_WORKER);
    assertThat(code).as("%s", verb).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(took).as("%s", verb).isLessThan(PROMPT);
  }
}
