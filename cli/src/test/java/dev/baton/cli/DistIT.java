package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.Names;
import dev.baton.worker.DevServer;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive {@code mvn package} builds (target/baton-VERSION.tar.gz), extracted into a
 * fresh directory: its launcher runs the CLI from lib/ alone, its example baton.yml validates, and
 * the systemd unit's ExecStart line, run as a process with the unit's environment, starts a control
 * worker that polls the control queue.
 */
class DistIT {
  @TempDir Path dir;

  @Test
  void theExtractedArchiveRunsTheCliAndTheUnitsWorker() throws Exception {
    Path home = extract();
    for (String file :
        List.of(
            "bin/baton",
            "bin/baton-worker",
            "lib/baton.jar",
            "systemd/baton-worker@.service",
            "etc/baton.yml.example",
            "etc/baton.env.example",
            "docs/install.md",
            "README.md")) {
      assertThat(home.resolve(file)).as(file).exists();
    }
    assertThat(home.resolve("bin/baton")).isExecutable();
    assertThat(Files.readString(home.resolve("bin/baton"))).doesNotContain("mvn");

    Map<String, String> env =
        new HashMap<>(Map.of("BATON_STATE_DIR", dir.resolve("state").toString()));
    Run validate =
        run(
            home,
            env,
            home.resolve("bin/baton").toString(),
            "config",
            "validate",
            "-c",
            home.resolve("etc/baton.yml.example").toString());
    assertThat(validate.code()).as(validate.output()).isZero();
    assertThat(validate.output()).contains("OK:");

    try (DevServer temporal = DevServer.start(0)) {
      Unit unit = Unit.read(home.resolve("systemd/baton-worker@.service"));
      Map<String, String> workerEnv = new HashMap<>(unit.environment());
      workerEnv.put("BATON_CONFIG", CliHarness.writeConfig(dir).toString());
      workerEnv.put("BATON_STATE_DIR", dir.resolve("worker-state").toString());
      workerEnv.put("BATON_TEMPORAL_ADDRESS", temporal.address());
      List<String> command = unit.execStart(home, "control");
      assertThat(command.get(0)).isEqualTo(home.resolve("bin/baton-worker").toString());
      Process worker = start(home, workerEnv, command);
      try {
        assertThat(awaitControlPoller(temporal, Duration.ofSeconds(90), worker))
            .as("the unit's worker polls %s", Names.controlQueue("shop"))
            .isTrue();
      } finally {
        worker.destroy(); // SIGTERM, as systemd stops it
        assertThat(worker.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
      }
    }
  }

  private Path extract() throws Exception {
    Path target = Path.of("target").toAbsolutePath();
    Path archive;
    try (Stream<Path> files = Files.list(target)) {
      archive =
          files
              .filter(p -> p.getFileName().toString().matches("baton-.*\\.tar\\.gz"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no baton-*.tar.gz in " + target));
    }
    Path into = dir.resolve("opt");
    Files.createDirectories(into);
    Run tar = run(into, Map.of(), "tar", "-xzf", archive.toString());
    assertThat(tar.code()).as(tar.output()).isZero();
    try (Stream<Path> extracted = Files.list(into)) {
      return extracted.findFirst().orElseThrow();
    }
  }

  private static boolean awaitControlPoller(DevServer temporal, Duration within, Process worker) {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.address()).build());
    try {
      DescribeTaskQueueRequest describe =
          DescribeTaskQueueRequest.newBuilder()
              .setNamespace("default")
              .setTaskQueue(TaskQueue.newBuilder().setName(Names.controlQueue("shop")))
              .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)
              .build();
      long deadline = System.nanoTime() + within.toNanos();
      while (System.nanoTime() < deadline && worker.isAlive()) {
        if (service.blockingStub().describeTaskQueue(describe).getPollersCount() > 0) {
          return true;
        }
        Thread.onSpinWait();
      }
      return false;
    } finally {
      service.shutdownNow();
    }
  }

  private Process start(Path cwd, Map<String, String> env, List<String> command)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(cwd.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("worker.log").toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  private record Run(int code, String output) {}

  private static Run run(Path cwd, Map<String, String> env, String... command) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }

  /** The lines of a systemd unit this test needs: ExecStart and Environment. */
  private record Unit(String execStart, Map<String, String> environment) {
    static Unit read(Path file) throws IOException {
      String execStart = null;
      Map<String, String> environment = new HashMap<>();
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith("ExecStart=")) {
          execStart = line.substring("ExecStart=".length());
        } else if (line.startsWith("Environment=")) {
          String[] pair = line.substring("Environment=".length()).split("=", 2);
          environment.put(pair[0], pair[1]);
        }
      }
      assertThat(execStart).as("ExecStart in %s", file).isNotNull();
      return new Unit(execStart, environment);
    }

    /** ExecStart with the archive where the unit expects /opt/baton, and the instance name. */
    List<String> execStart(Path home, String instance) {
      List<String> words = new ArrayList<>();
      for (String word : execStart.split(" +")) {
        words.add(word.replace("/opt/baton", home.toString()).replace("%i", instance));
      }
      return words;
    }
  }
}
