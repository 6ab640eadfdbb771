package dev.baton.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import dev.baton.config.SiteConfig;
import dev.baton.config.TlsConfig;
import dev.baton.process.CommandResult;
import dev.baton.process.ProcessRunner;
import dev.baton.tls.TestCerts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * baton's Docker client and the Docker CLI (as compose runs) against a real dockerd with {@code
 * --tlsverify} on 127.0.0.1: they get in with the site's {@code dockerTls}, and without it, or with
 * a client certificate the engine does not trust, the error says what to set.
 */
class DockerTlsTest {
  @TempDir static Path dir;
  private static TestCerts certs;
  private static LocalEngine engine;

  @BeforeAll
  static void start() throws Exception {
    LocalEngine.assumeAvailable(DockerTlsTest.class);
    certs = TestCerts.create(Files.createDirectories(dir.resolve("certs")));
    engine = LocalEngine.startTls(Files.createDirectories(dir.resolve("env")), certs);
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.close();
    }
  }

  private static SiteConfig site(TlsConfig tls) {
    return new SiteConfig("dc1", "dc1", engine.endpoint, null, null, Map.of(), null, tls);
  }

  private static TlsConfig clientCerts() {
    return new TlsConfig(certs.caFile(), certs.clientCert(), certs.clientKey(), null);
  }

  @Test
  void theSitesClientGetsInWithItsCertificates() throws Exception {
    SiteConfig site = site(clientCerts());
    try (DockerClient client = DockerClients.create(site)) {
      DockerClients.ping(site, client);
      assertThat(client.listContainersCmd().withShowAll(true).exec()).isEmpty();
      assertThat(client.versionCmd().exec().getApiVersion()).isNotBlank();
    }
  }

  @Test
  void theDockerCliGetsInWithTheEnvironmentComposeIsGiven() {
    Map<String, String> env = DockerTls.environment(site(clientCerts()));
    assertThat(env)
        .containsEntry("DOCKER_HOST", engine.endpoint)
        .containsEntry("DOCKER_TLS_VERIFY", "1");
    assertThat(Path.of(env.get("DOCKER_CERT_PATH")).resolve("key.pem"))
        .hasSameBinaryContentAs(certs.clientKey());
    CommandResult ps =
        ProcessRunner.run(
            List.of("docker", "ps", "--all", "--quiet"), null, env, Duration.ofSeconds(30));
    assertThat(ps.ok()).as("docker ps: %s", ps.output()).isTrue();
  }

  @Test
  void withoutCertificatesThePingSaysToSetDockerTls() throws Exception {
    SiteConfig site = site(null);
    try (DockerClient client = DockerClients.create(site)) {
      assertThatThrownBy(() -> DockerClients.ping(site, client))
          .isInstanceOf(SiteException.class)
          .hasMessageStartingWith(
              "dc1: the Docker engine at " + engine.endpoint + " does not answer")
          .hasMessageContaining("Client sent an HTTP request to an HTTPS server")
          .hasMessageEndingWith(
              "If it listens with --tlsverify, set the site's dockerTls (caFile, certFile, keyFile)");
    }
  }

  @Test
  void aClientCertificateTheEngineDoesNotTrustIsRefused() throws Exception {
    // The server's own certificate and key: signed by the CA, but not for client authentication.
    SiteConfig site =
        site(new TlsConfig(certs.caFile(), certs.serverCert(), certs.serverKey(), null));
    try (DockerClient client = DockerClients.create(site)) {
      assertThatThrownBy(() -> DockerClients.ping(site, client))
          .isInstanceOf(SiteException.class)
          .hasMessageContaining("does not answer")
          .hasMessageContaining("does it trust dockerTls.certFile");
    }
  }

  @Test
  void anEngineCertificateFromAnotherCaIsRefused() throws Exception {
    SiteConfig site =
        site(new TlsConfig(certs.otherCaFile(), certs.clientCert(), certs.clientKey(), null));
    try (DockerClient client = DockerClients.create(site)) {
      assertThatThrownBy(() -> DockerClients.ping(site, client))
          .isInstanceOf(SiteException.class)
          .hasMessageContaining("does not answer");
    }
  }

  @Test
  void aMissingFileNamesTheKeyAndTheFile() {
    Path missing = dir.resolve("certs/nope.pem");
    SiteConfig site = site(new TlsConfig(certs.caFile(), missing, certs.clientKey(), null));
    assertThatThrownBy(() -> DockerClients.create(site))
        .isInstanceOf(SiteException.class)
        .hasMessage("dc1: dockerTls.certFile: cannot read " + missing + " (no such file)");
  }
}
