package dev.baton.site;

import dev.baton.database.LocalDatabases;
import dev.baton.process.CommandResult;
import dev.baton.process.ProcessRunner;
import dev.baton.router.NginxProcess;
import dev.baton.tls.TestCerts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real dockerd of its own, started by {@code scripts/env engine-up} under a temp dir, that
 * listens on tcp://127.0.0.1:PORT with {@code --tlsverify}: it only talks to clients whose
 * certificate the test CA signed. {@link #close} stops it and what it left running or mounted.
 */
final class TlsEngine implements AutoCloseable {
  private static final String NAME = "tls";
  private final Path stateDir;
  final String endpoint;

  private TlsEngine(Path stateDir, String endpoint) {
    this.stateDir = stateDir;
    this.endpoint = endpoint;
  }

  static TlsEngine start(Path stateDir, TestCerts certs) throws IOException {
    String endpoint = "tcp://127.0.0.1:" + NginxProcess.freePort();
    TlsEngine engine = new TlsEngine(stateDir, endpoint);
    try {
      engine.env(
          List.of(
              "engine-up",
              NAME,
              "--tlsverify",
              "--tlscacert=" + certs.caFile(),
              "--tlscert=" + certs.serverCert(),
              "--tlskey=" + certs.serverKey(),
              "-H",
              endpoint));
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
    return engine;
  }

  @Override
  public void close() {
    env(List.of("engine-down", NAME));
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
