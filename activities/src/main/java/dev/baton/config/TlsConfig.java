package dev.baton.config;

import java.nio.file.Path;

/**
 * TLS to a Temporal frontend or a Docker engine: PEM files on the machine that connects, resolved
 * against baton.yml's directory when relative.
 *
 * @param caFile the CA that signed the server's certificate; null trusts the system's CAs (as for
 *     Temporal Cloud)
 * @param certFile this client's certificate (mTLS); null when the server does not ask for one
 * @param keyFile the private key of {@code certFile}, PKCS#8 PEM ({@code BEGIN PRIVATE KEY}); set
 *     exactly when {@code certFile} is
 * @param serverName the name to expect in the server's certificate (and send as SNI) when it is not
 *     the host of the address; null for Docker, which has no such key
 */
public record TlsConfig(Path caFile, Path certFile, Path keyFile, String serverName) {

  /** Whether the client shows a certificate of its own. */
  public boolean mutual() {
    return certFile != null;
  }
}
