package dev.baton.worker;

import dev.baton.router.NginxProcess;
import dev.baton.tls.TestCerts;
import java.io.IOException;
import java.nio.file.Path;

/**
 * nginx terminating TLS in front of a plain gRPC service on 127.0.0.1, as a load balancer in front
 * of a Temporal frontend does: optionally requiring a client certificate signed by the test CA
 * (mTLS), optionally refusing calls whose {@code authorization} is not {@code Bearer <apiKey>} (as
 * Temporal Cloud does, with gRPC status UNAUTHENTICATED).
 */
final class GrpcTlsProxy implements AutoCloseable {
  private final NginxProcess nginx;
  private final int port;

  /**
   * @param apiKey the only key let through; null lets every call through
   */
  GrpcTlsProxy(Path dir, TestCerts certs, String backend, boolean mutual, String apiKey)
      throws IOException {
    this.port = NginxProcess.freePort();
    this.nginx = new NginxProcess(dir, http(certs, backend, mutual, apiKey, port));
    nginx.start();
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  private static String http(
      TestCerts certs, String backend, boolean mutual, String apiKey, int port) {
    StringBuilder out = new StringBuilder();
    out.append("  server {\n")
        .append("    listen 127.0.0.1:")
        .append(port)
        .append(" ssl http2;\n")
        .append("    ssl_certificate ")
        .append(certs.serverCert())
        .append(";\n")
        .append("    ssl_certificate_key ")
        .append(certs.serverKey())
        .append(";\n")
        // Only for the refusal below: proxied answers keep the backend's content type.
        .append("    default_type application/grpc;\n");
    if (mutual) {
      out.append("    ssl_client_certificate ")
          .append(certs.caFile())
          .append(";\n")
          .append("    ssl_verify_client on;\n");
    }
    out.append("    location / {\n");
    if (apiKey != null) {
      // A gRPC error the client can read: HTTP 200 with grpc-status 16 (UNAUTHENTICATED) in the
      // headers, as a trailers-only response, instead of an HTTP 403 it would report as garbage.
      out.append("      if ($http_authorization != \"Bearer ")
          .append(apiKey)
          .append("\") {\n")
          .append("        add_header grpc-status 16 always;\n")
          .append("        add_header grpc-message \"api key required\" always;\n")
          .append("        return 200;\n")
          .append("      }\n");
    }
    out.append("      grpc_pass grpc://")
        .append(backend)
        .append(";\n")
        .append("    }\n")
        .append("  }");
    return out.toString();
  }

  @Override
  public void close() throws Exception {
    nginx.close();
  }
}
