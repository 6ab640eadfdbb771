package dev.baton.config;

import java.nio.file.Path;
import java.util.List;

/** Reads a {@code tls} mapping: {@code temporal.tls} and {@code sites[].dockerTls}. */
final class TlsReader {
  static final List<String> TEMPORAL_KEYS = List.of("caFile", "certFile", "keyFile", "serverName");
  static final List<String> DOCKER_KEYS = List.of("caFile", "certFile", "keyFile");

  private TlsReader() {}

  /**
   * {@code temporal.tls}: every key optional, client certificate and key together or not at all.
   */
  static TlsConfig temporal(TreeReader r, Path base) {
    if (!r.mapping(false, "a mapping with caFile, certFile, keyFile, serverName", TEMPORAL_KEYS)) {
      return null;
    }
    TlsConfig tls =
        new TlsConfig(
            r.child("caFile").path(false, "the CA certificate (PEM) of the server", base),
            r.child("certFile").path(false, "this client's certificate (PEM), for mTLS", base),
            r.child("keyFile").path(false, "the private key of certFile (PKCS#8 PEM)", base),
            r.child("serverName").text(false, "the host name in the server's certificate"));
    if ((tls.certFile() == null) != (tls.keyFile() == null)) {
      r.report("sets only one of certFile and keyFile (set both for mTLS, or neither)");
    }
    return tls;
  }

  /**
   * {@code sites[].dockerTls}: all three files, as {@code dockerd --tlsverify} checks the client's
   * certificate and the Docker CLI needs all three in DOCKER_CERT_PATH.
   */
  static TlsConfig docker(TreeReader r, Path base) {
    if (!r.mapping(false, "a mapping with caFile, certFile and keyFile", DOCKER_KEYS)) {
      return null;
    }
    return new TlsConfig(
        r.child("caFile").path(true, "the CA certificate (PEM) of the engine", base),
        r.child("certFile").path(true, "this client's certificate (PEM)", base),
        r.child("keyFile").path(true, "the private key of certFile (PEM)", base),
        null);
  }
}
