package dev.baton.site;

import dev.baton.database.LocalDatabases;
import dev.baton.process.CommandResult;
import dev.baton.process.ProcessRunner;
import dev.baton.router.NginxProcess;
import dev.baton.testing.RealEnvironment;
import dev.baton.tls.TestCerts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real dockerd of the test's own, started by {@code scripts/env engine-up} under a temp dir (no
 * bridge, no iptables, like the sites' engines). {@link #close} stops it and what it left running
 * or mounted.
 */
final class LocalEngine implements AutoCloseable {
  private final Path stateDir;
  private final String name;
  private final List<String> dockerdArgs;
  final String endpoint;

  private LocalEngine(Path stateDir, String name, String endpoint, List<String> dockerdArgs) {
    this.stateDir = stateDir;
    this.name = name;
    this.endpoint = endpoint;
    this.dockerdArgs = dockerdArgs;
  }

  /** Skips the test where no engine can start (dockerd missing, or not root); CI fails instead. */
  static void assumeAvailable(Class<?> testClass) {
    RealEnvironment.assumeUsable(testClass);
  }

  /** An engine on its own unix socket under {@code stateDir/name}. */
  static LocalEngine start(Path stateDir, String name) {
    return start(
        stateDir, name, "unix://" + stateDir.resolve(name).resolve("docker.sock"), List.of());
  }

  /**
   * An engine on tcp://127.0.0.1:PORT with {@code --tlsverify}: it only talks to clients whose
   * certificate the test CA signed.
   */
  static LocalEngine startTls(Path stateDir, TestCerts certs) throws IOException {
    String endpoint = "tcp://127.0.0.1:" + NginxProcess.freePort();
    return start(
        stateDir,
        "tls",
        endpoint,
        List.of(
            "--tlsverify",
            "--tlscacert=" + certs.caFile(),
            "--tlscert=" + certs.serverCert(),
            "--tlskey=" + certs.serverKey(),
            "-H",
            endpoint));
  }

  private static LocalEngine start(
      Path stateDir, String name, String endpoint, List<String> dockerdArgs) {
    LocalEngine engine = new LocalEngine(stateDir, name, endpoint, dockerdArgs);
    try {
      engine.up();
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
    return engine;
  }

  /** Starts it (again), with the same data: an engine back from a restart. */
  void up() {
    List<String> args = new ArrayList<>(List.of("engine-up", name));
    args.addAll(dockerdArgs);
    env(args);
  }

  @Override
  public void close() {
    env(List.of("engine-down", name));
  }

  private void env(List<String> args) {
    List<String> command =
        new ArrayList<>(List.of("bash", LocalDatabases.ROOT.resolve("scripts/env").toString()));
    command.addAll(args);
    CommandResult result =
        ProcessRunner.run(
            command,
            LocalDatabases.ROOT,
            Map.of("BATON_ENV_DIR", stateDir.toString()),
            Duration.ofMinutes(2));
    if (!result.ok()) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + result.output());
    }
  }
}
