package dev.baton.router;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The router's nginx on 127.0.0.1, laid out as scripts/lib/env.sh does it: {@code upstream.conf} is
 * included in the upstream block and responses name the upstream in {@code X-Baton-Upstream}.
 */
final class LocalNginx implements AutoCloseable {
  static final Path BINARY = NginxProcess.BINARY;
  final Path config;
  final Path upstreamFile;
  final int port;
  private final NginxProcess process;

  LocalNginx(Path dir, Path upstreamFile) throws IOException {
    this(dir, upstreamFile, false);
  }

  /**
   * @param keepalive as scripts/lib/env.sh: idle connections to the sites are kept and reused
   */
  LocalNginx(Path dir, Path upstreamFile, boolean keepalive) throws IOException {
    this.upstreamFile = upstreamFile;
    this.port = NginxProcess.freePort();
    this.process = new NginxProcess(dir, http(upstreamFile, port, keepalive));
    this.config = process.config;
  }

  static boolean installed() {
    return NginxProcess.installed();
  }

  String frontUrl() {
    return "http://127.0.0.1:" + port + "/";
  }

  void start() {
    process.start();
  }

  @Override
  public void close() throws Exception {
    process.close();
  }

  private static String http(Path upstreamFile, int port, boolean keepalive) {
    return String.join(
        "\n",
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
        "  }");
  }
}
