package dev.baton.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.process.CommandResult;
import dev.baton.process.ProcessRunner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real nginx on 127.0.0.1 with its config, pid, logs and temp files in one directory, laid out as
 * scripts/lib/env.sh does it: {@code upstream.conf} is included in the upstream block and responses
 * name the upstream in {@code X-Baton-Upstream}.
 */
final class LocalNginx implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/sbin/nginx");
  final Path dir;
  final Path config;
  final Path pidFile;
  final Path upstreamFile;
  final int port;
  // As scripts/lib/env.sh: idle connections to the sites are kept and reused.
  private final boolean keepalive;

  LocalNginx(Path dir, Path upstreamFile) throws IOException {
    this(dir, upstreamFile, false);
  }

  LocalNginx(Path dir, Path upstreamFile, boolean keepalive) throws IOException {
    this.keepalive = keepalive;
    this.dir = dir;
    this.config = dir.resolve("nginx.conf");
    this.pidFile = dir.resolve("nginx.pid");
    this.upstreamFile = upstreamFile;
    this.port = freePort();
    Files.createDirectories(dir.resolve("tmp"));
    Files.writeString(config, config());
  }

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  String frontUrl() {
    return "http://127.0.0.1:" + port + "/";
  }

  void start() {
    CommandResult result = run(List.of(BINARY.toString(), "-c", config.toString()));
    assertThat(result.ok()).as("nginx started: %s", result.output()).isTrue();
  }

  /** Stops nginx if it runs and waits until its master process has gone. */
  @Override
  public void close() throws Exception {
    Optional<ProcessHandle> master = master();
    if (master.isEmpty()) {
      return;
    }
    run(List.of(BINARY.toString(), "-s", "stop", "-c", config.toString()));
    master.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
  }

  private Optional<ProcessHandle> master() throws IOException {
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    String pid = Files.readString(pidFile).strip();
    return pid.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(pid));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  private static CommandResult run(List<String> command) {
    return ProcessRunner.run(command, null, Map.of(), Duration.ofSeconds(20));
  }

  private String config() {
    String tmp = dir.resolve("tmp").toString();
    return String.join(
        "\n",
        "worker_processes 1;",
        "pid " + pidFile + ";",
        "error_log " + dir.resolve("error.log") + " notice;",
        "events { worker_connections 64; }",
        "http {",
        "  access_log off;",
        "  client_body_temp_path " + tmp + "/body;",
        "  proxy_temp_path " + tmp + "/proxy;",
        "  fastcgi_temp_path " + tmp + "/fastcgi;",
        "  uwsgi_temp_path " + tmp + "/uwsgi;",
        "  scgi_temp_path " + tmp + "/scgi;",
        "  upstream shop_active { include "
            + upstreamFile
            + ";"
            + (keepalive ? " keepalive 16;" : "")
            + " }",
        "  server {",
        "    listen 127.0.0.1:" + port + ";",
        "    location / {",
        "      proxy_pass http://shop_active;",
        keepalive ? "      proxy_http_version 1.1; proxy_set_header Connection \"\";" : "",
        "      proxy_next_upstream off;",
        "      proxy_connect_timeout 2s;",
        "      add_header X-Baton-Upstream $upstream_addr always;",
        "    }",
        "  }",
        "}",
        "");
  }
}
