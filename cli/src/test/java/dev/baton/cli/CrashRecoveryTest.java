package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.process.CommandResult;
import dev.baton.process.ProcessRunner;
import dev.baton.worker.RealActivities;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * `baton server --dev` and the three workers as separate processes on the real two-site
 * environment. A release is run while its workers are killed with SIGKILL at several points and
 * started again: it must end as an uninterrupted one does, with each side effect in place once. The
 * control worker dies at the approval wait, in the switch and in the backfill; the dev service
 * moves its workflows to the new one (it ignores sticky execution, see NoStickyExecution).
 */
@ExtendWith(LocalSites.class)
class CrashRecoveryTest {
  private static final List<Process> processes = new ArrayList<>();
  private static final Map<String, Process> workers = new HashMap<>();
  private static final Map<Process, Path> logs = new HashMap<>();
  private static Map<String, String> env;
  // The processes' logs and ready files: removed with the class (JUnit deletes it).
  @TempDir static Path files;

  @BeforeAll
  static void start() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    env =
        Map.of(
            "BATON_CONFIG",
            LocalSites.CONFIG.toString(),
            "BATON_TEMPORAL_ADDRESS",
            "127.0.0.1:" + port,
            "USER",
            "carol");
    awaitLine(spawn("server", "--dev", "--port", String.valueOf(port)), "Temporal dev service");
    for (String role : List.of("control", "primary", "secondary")) {
      startWorker(role);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (Process p : processes) {
      p.destroyForcibly();
      p.waitFor(20, TimeUnit.SECONDS);
    }
    for (Path log : logs.values()) {
      Files.deleteIfExists(log);
    }
  }

  @Test
  void aReleaseSurvivesKilledWorkersAndEndsAsAnUninterruptedOne() throws Exception {
    ok(cli("deploy", "--site", "primary", "--version", "v1"));
    ok(cli("deploy", "--site", "secondary", "--version", "v1"));
    ok(cli("release", "start", "--version", "v2"));

    // Mid-deploy: the secondary's worker dies while it builds and waits for health.
    awaitStatus("deploy-standby  running");
    restart("secondary");
    awaitStatus("waiting for approval of switch");
    // The CLI dies while it watches, and a new one shows the same state.
    Process watch = spawn("release", "status", "--watch");
    awaitLine(watch, "waiting for approval of switch");
    watch.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    assertThat(cli("release", "status").out()).contains("waiting for approval of switch");
    // At the approval wait the control worker dies: a new one must answer the Update.
    restart("control");
    long restarted = System.nanoTime();
    ok(cli("release", "approve", "--as", "alice"));
    System.out.printf(
        "approve answered %d ms after the replacement control worker started%n",
        Duration.ofNanos(System.nanoTime() - restarted).toMillis());
    // Mid-switch: the control worker dies while the router and the queue workers move.
    awaitStatus("switch          running");
    restart("control");
    // Mid-backfill: the control worker and the former active site's worker die.
    awaitStatus("backfill        running");
    restart("control");
    restart("primary");
    String done = awaitStatus(": SUCCEEDED");

    assertThat(done)
        .contains("active: secondary   standby: primary")
        .containsPattern("switch +succeeded .*traffic on secondary")
        .containsPattern("backfill +succeeded .*primary (already )?runs v2")
        .contains("release v2 done: secondary active, primary standby, both on v2");
    assertThat(frontDoor()).contains("v2").contains("site=secondary");
    // Each service runs once per site, and the queue worker (active-only) on the active site
    // only: no deploy and no handover ran twice in a harmful way.
    Map<String, Long> queueWorkers = Map.of("primary", 0L, "secondary", 1L);
    for (String site : List.of("primary", "secondary")) {
      List<String> running = running(site);
      assertThat(running.stream().filter(l -> l.startsWith("api ")))
          .as("%s: %s", site, running)
          .hasSize(1)
          .allMatch(l -> l.contains("v2"));
      assertThat(running.stream().filter(l -> l.startsWith("worker ")).count())
          .as("%s: %s", site, running)
          .isEqualTo(queueWorkers.get(site));
    }
  }

  /** "service image" for each container running on the site's engine. */
  private static List<String> running(String site) {
    CommandResult ps =
        ProcessRunner.run(
            List.of(
                "docker",
                "-H",
                "unix:///tmp/baton-env/" + site + "/docker.sock",
                "ps",
                "--format",
                "{{.Label \"com.docker.compose.service\"}} {{.Image}}"),
            LocalSites.ROOT,
            Map.of(),
            Duration.ofSeconds(30));
    return ps.output().lines().toList();
  }

  /** Started, and polling once its --ready-file exists (a SIGKILLed one leaves it behind). */
  private static void startWorker(String role) throws Exception {
    Path ready = Files.createTempDirectory(files, "ready").resolve(role);
    String[] queue =
        role.equals("control") ? new String[] {"--control"} : new String[] {"--site", role};
    List<String> args = new ArrayList<>(List.of("worker", "--ready-file", ready.toString()));
    args.addAll(List.of(queue));
    Process p = spawn(args.toArray(String[]::new));
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (!Files.exists(ready)) {
      assertThat(p.isAlive()).as("%s", Files.readString(logs.get(p))).isTrue();
      assertThat(System.nanoTime()).as("waiting for %s", ready).isLessThan(deadline);
      Thread.sleep(50); // polls for the file; the condition is the file, not the time
    }
    assertThat(Files.readString(ready)).isEqualTo(env.get("BATON_TEMPORAL_ADDRESS") + "\n");
    workers.put(role, p);
  }

  /** SIGKILL, then a new worker process for the same queue. */
  private static void restart(String role) throws Exception {
    Process old = workers.get(role);
    old.destroyForcibly();
    assertThat(old.waitFor(20, TimeUnit.SECONDS)).isTrue();
    startWorker(role);
  }

  private static Process spawn(String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(java, "-cp", System.getProperty("java.class.path"), Baton.class.getName()));
    command.addAll(List.of(args));
    // Output to a file, never an unread pipe: a full pipe would block the process.
    Path log = Files.createTempFile(files, args[0], ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process p = builder.start();
    processes.add(p);
    logs.put(p, log);
    return p;
  }

  /** Waits until the process has printed a line containing {@code text}. */
  private static void awaitLine(Process p, String text) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (!Files.readString(logs.get(p)).contains(text)) {
      assertThat(p.isAlive()).as("%s", Files.readString(logs.get(p))).isTrue();
      assertThat(System.nanoTime()).as("waiting for \"%s\"", text).isLessThan(deadline);
      Thread.sleep(50); // polls the log file; the condition is the line, not the time
    }
  }

  private static String awaitStatus(String text) {
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    CliHarness.Run run = cli("release", "status");
    while (!run.out().contains(text) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      run = cli("release", "status");
    }
    assertThat(run.out()).as(run.err()).contains(text);
    return run.out();
  }

  private static CliHarness.Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Baton.run(
            new BatonContext(env, LocalSites.ROOT, RealActivities::new),
            new PrintWriter(out),
            new PrintWriter(err),
            args);
    return new CliHarness.Run(code, out.toString(), err.toString());
  }

  private static void ok(CliHarness.Run run) {
    assertThat(run.code()).as("out:\n%s\nerr:\n%s", run.out(), run.err()).isZero();
  }

  /** What the router's front door answers now. */
  private static String frontDoor() throws IOException {
    try (var in = URI.create("http://127.0.0.1:8080/version").toURL().openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
