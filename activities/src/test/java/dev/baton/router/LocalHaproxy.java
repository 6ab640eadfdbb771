package dev.baton.router;

import dev.baton.config.HaproxyRouterConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real HAProxy on 127.0.0.1 laid out as scripts/lib/env.sh does it: both sites are servers of
 * backend {@code shop} (the secondary disabled until a switch), an admin socket, a server state
 * file loaded at start, answers naming the server in {@code X-Baton-Upstream}, and the access log
 * in baton's format on stdout, redirected to a file. Runs in the foreground as a child of the test
 * JVM, so it cannot outlive the test.
 */
final class LocalHaproxy implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/sbin/haproxy");
  final Path dir;
  final Path config;
  final Path socket;
  final Path stateFile;
  final Path accessLog;
  final int port;
  private Process process;

  LocalHaproxy(Path dir, String primary, String secondary) throws IOException {
    this.dir = dir;
    this.config = dir.resolve("haproxy.cfg");
    this.socket = dir.resolve("admin.sock");
    this.stateFile = dir.resolve("servers.state");
    this.accessLog = dir.resolve("access.log");
    this.port = NginxProcess.freePort();
    Files.writeString(
        config,
        String.join(
            "\n",
            "global",
            "  stats socket " + socket + " mode 600 level admin",
            "  server-state-file " + stateFile,
            "  log stdout format raw local0",
            "defaults",
            "  mode http",
            "  log global",
            "  load-server-state-from-file global",
            "  timeout connect 2s",
            "  timeout client 30s",
            "  timeout server 30s",
            "frontend front",
            "  bind 127.0.0.1:" + port,
            "  log-format \"%Ts.%ms %ST %si:%sp Ta=%Ta\"",
            "  default_backend shop",
            "backend shop",
            "  http-response set-header X-Baton-Upstream \"%si:%sp\"",
            "  server primary " + primary + " weight 200",
            "  server secondary " + secondary + " weight 200 disabled",
            ""));
  }

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  HaproxyRouterConfig routerConfig() {
    return new HaproxyRouterConfig(socket, "shop", servers(), frontUrl(), stateFile, accessLog);
  }

  /** Site id to server name in file order, as the config reader gives it: primary first. */
  static Map<String, String> servers() {
    Map<String, String> servers = new LinkedHashMap<>();
    servers.put("primary", "primary");
    servers.put("secondary", "secondary");
    return servers;
  }

  String frontUrl() {
    return "http://127.0.0.1:" + port + "/";
  }

  /** Starts HAProxy; it answers on its admin socket once this returns. */
  void start() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(BINARY.toString(), "-db", "-f", config.toString())
            .redirectOutput(ProcessBuilder.Redirect.appendTo(accessLog.toFile()))
            .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("error.log").toFile()))
            .start();
    HaproxySocket admin = new HaproxySocket(socket, java.time.Duration.ofSeconds(1));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        admin.send("show info");
        return;
      } catch (HaproxySocket.UnavailableException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "haproxy did not start: " + Files.readString(dir.resolve("error.log")), e);
        }
        Thread.sleep(20); // polling the socket HAProxy has not opened yet
      }
    }
  }

  /** Stops HAProxy (SIGTERM: it stops at once) and starts it again with the same files. */
  void restart() throws Exception {
    stop();
    start();
  }

  private void stop() throws Exception {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    Files.deleteIfExists(socket);
  }

  @Override
  public void close() throws Exception {
    stop();
  }
}
