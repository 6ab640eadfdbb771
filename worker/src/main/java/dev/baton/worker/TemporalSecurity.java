package dev.baton.worker;

import dev.baton.config.Secrets;
import dev.baton.config.TemporalConfig;
import dev.baton.config.TlsConfig;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * Puts baton.yml's {@code temporal.tls} and API key on a connection: TLS with the configured CA (or
 * the system's), a client certificate for mTLS, and the API key as {@code authorization: Bearer
 * <key>} on every call, which is what Temporal Cloud expects. Every file is read here, once, so a
 * missing or malformed one fails the connection with the key and the file named.
 */
final class TemporalSecurity {
  private TemporalSecurity() {}

  static void apply(
      TemporalConfig temporal, Map<String, String> env, WorkflowServiceStubsOptions.Builder stubs) {
    if (!temporal.usesTls()) {
      return;
    }
    TlsConfig tls = temporal.tls();
    stubs.setSslContext(sslContext(tls));
    if (tls != null && tls.serverName() != null) {
      // The name checked in the server's certificate and sent as SNI, when the address is an IP
      // or a load balancer's name that the certificate does not carry.
      String serverName = tls.serverName();
      stubs.setChannelInitializer(channel -> channel.overrideAuthority(serverName));
    }
    if (temporal.hasApiKey()) {
      String key = temporal.apiKey(env);
      stubs.addApiKey(() -> key);
    }
  }

  private static SslContext sslContext(TlsConfig tls) {
    SslContextBuilder builder = GrpcSslContexts.forClient();
    try {
      if (tls != null && tls.caFile() != null) {
        ByteArrayInputStream ca = pem("temporal.tls.caFile", tls.caFile(), "a PEM CA certificate");
        try {
          builder.trustManager(ca);
        } catch (IllegalArgumentException e) {
          throw Secrets.fail(
              "temporal.tls.caFile",
              tls.caFile() + " holds no usable certificate (" + e.getMessage() + ")");
        }
      }
      if (tls != null && tls.mutual()) {
        ByteArrayInputStream cert =
            pem("temporal.tls.certFile", tls.certFile(), "a PEM client certificate");
        ByteArrayInputStream key =
            pem("temporal.tls.keyFile", tls.keyFile(), "a PKCS#8 PEM private key");
        try {
          builder.keyManager(cert, key);
        } catch (IllegalArgumentException e) {
          throw Secrets.fail(
              "temporal.tls.certFile",
              tls.certFile()
                  + " and "
                  + tls.keyFile()
                  + " are not a PEM certificate and its PKCS#8 private key ("
                  + e.getMessage()
                  + "; convert a key with `openssl pkcs8 -topk8 -nocrypt`)");
        }
      }
      return builder.build();
    } catch (SSLException e) {
      throw Secrets.fail("temporal.tls", "cannot set up TLS: " + e.getMessage());
    }
  }

  private static ByteArrayInputStream pem(String key, Path file, String holds) {
    byte[] bytes = Secrets.readFile(key, file, holds);
    if (!new String(bytes, StandardCharsets.US_ASCII).contains("-----BEGIN ")) {
      throw Secrets.fail(key, file + " is not PEM (it must hold " + holds + ")");
    }
    return new ByteArrayInputStream(bytes);
  }
}
