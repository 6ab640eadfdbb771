package dev.baton.router;

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
import java.util.concurrent.TimeUnit;

/**
 * A real nginx with its config, pid, logs and temp files in one directory, not the system's: the
 * caller writes the {@code http} block, this adds what every such nginx needs around it, starts it
 * and stops it.
 */
public final class NginxProcess implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/sbin/nginx");
  final Path dir;
  final Path config;
  final Path pidFile;

  /**
   * @param http what goes inside {@code http { }} after the temp paths
   */
  public NginxProcess(Path dir, String http) throws IOException {
    this.dir = dir;
    this.config = dir.resolve("nginx.conf");
    this.pidFile = dir.resolve("nginx.pid");
    Files.createDirectories(dir.resolve("tmp"));
    String tmp = dir.resolve("tmp").toString();
    Files.writeString(
        config,
        String.join(
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
            http,
            "}",
            ""));
  }

  public static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** Starts nginx; it has started (and listens) once this returns. */
  public void start() {
    CommandResult result = run(List.of(BINARY.toString(), "-c", config.toString()));
    if (!result.ok()) {
      throw new IllegalStateException("nginx did not start: " + result.output());
    }
  }

  /** Stops nginx if it runs and waits until its master process has gone. */
  @Override
  public void close() throws Exception {
    Optional<ProcessHandle> master = master();
    if (master.isEmpty()) {
      return;
    }
    run(List.of(BINARY.toString(), "-s", "stop", "-c", config.toString()));
    master.get().onExit().get(10, TimeUnit.SECONDS);
  }

  private Optional<ProcessHandle> master() throws IOException {
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    String pid = Files.readString(pidFile).strip();
    return pid.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(pid));
  }

  /** A port free on 127.0.0.1 right now. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  private static CommandResult run(List<String> command) {
    return ProcessRunner.run(command, null, Map.of(), Duration.ofSeconds(20));
  }
}
