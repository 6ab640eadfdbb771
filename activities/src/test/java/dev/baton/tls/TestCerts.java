package dev.baton.tls;

import dev.baton.process.CommandResult;
import dev.baton.process.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Throwaway certificates made with the {@code openssl} CLI, as an operator would make them: a CA, a
 * server certificate for 127.0.0.1 and localhost, a client certificate, and a second CA that trusts
 * none of them. P-256 keys in PKCS#8 PEM, valid for a day.
 */
public record TestCerts(
    Path caFile,
    Path serverCert,
    Path serverKey,
    Path clientCert,
    Path clientKey,
    Path otherCaFile) {

  private static final List<String> EC_KEY =
      List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes");

  /** Writes every file into {@code dir}. */
  public static TestCerts create(Path dir) {
    Path ca = selfSignedCa(dir, "ca", "baton test CA");
    Path server =
        signed(
            dir,
            "server",
            "localhost",
            "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
    Path client = signed(dir, "client", "baton client", "extendedKeyUsage=clientAuth\n");
    Path other = selfSignedCa(dir, "other-ca", "some other CA");
    return new TestCerts(
        ca, server, dir.resolve("server.key"), client, dir.resolve("client.key"), other);
  }

  private static Path selfSignedCa(Path dir, String name, String commonName) {
    List<String> command = new ArrayList<>(List.of("openssl", "req", "-x509"));
    command.addAll(EC_KEY);
    command.addAll(
        List.of(
            "-keyout",
            dir.resolve(name + ".key").toString(),
            "-out",
            dir.resolve(name + ".pem").toString(),
            "-days",
            "1",
            "-subj",
            "/CN=" + commonName,
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign"));
    openssl(command);
    return dir.resolve(name + ".pem");
  }

  /** A key and a certificate signed by {@code dir/ca.pem} with the given extensions. */
  private static Path signed(Path dir, String name, String commonName, String extensions) {
    Path csr = dir.resolve(name + ".csr");
    List<String> request = new ArrayList<>(List.of("openssl", "req"));
    request.addAll(EC_KEY);
    request.addAll(
        List.of(
            "-keyout", dir.resolve(name + ".key").toString(),
            "-out", csr.toString(),
            "-subj", "/CN=" + commonName));
    openssl(request);
    Path ext = dir.resolve(name + ".ext");
    try {
      Files.writeString(ext, extensions);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path cert = dir.resolve(name + ".pem");
    openssl(
        List.of(
            "openssl",
            "x509",
            "-req",
            "-in",
            csr.toString(),
            "-CA",
            dir.resolve("ca.pem").toString(),
            "-CAkey",
            dir.resolve("ca.key").toString(),
            "-set_serial",
            String.valueOf(System.nanoTime()),
            "-days",
            "1",
            "-extfile",
            ext.toString(),
            "-out",
            cert.toString()));
    return cert;
  }

  private static void openssl(List<String> command) {
    CommandResult result = ProcessRunner.run(command, null, Map.of(), Duration.ofSeconds(30));
    if (!result.ok()) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + result.output());
    }
  }
}
