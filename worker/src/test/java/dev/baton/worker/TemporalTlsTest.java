package dev.baton.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import dev.baton.config.ConfigLoader;
import dev.baton.router.NginxProcess;
import dev.baton.tls.TestCerts;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * baton's Temporal connection through a real TLS terminator: nginx in front of the dev service,
 * with certificates made by the openssl CLI. Each case makes a real call (starts a workflow and
 * describes it) or expects the connection to fail with a message that says why.
 */
class TemporalTlsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  // A refused handshake is retried until the connect timeout: keep the failing cases short.
  private static final Duration FAIL_TIMEOUT = Duration.ofSeconds(2);
  private static final String API_KEY = "tk-0123456789";

  @TempDir static Path dir;
  private static DevServer temporal;
  private static TestCerts certs;
  private static int proxies;

  @BeforeAll
  static void start() throws IOException {
    assumeTrue(NginxProcess.installed(), "nginx is not installed at " + NginxProcess.BINARY);
    temporal = DevServer.start(0);
    certs = TestCerts.create(Files.createDirectories(dir.resolve("certs")));
  }

  @AfterAll
  static void stop() {
    if (temporal != null) {
      temporal.close();
    }
  }

  private static GrpcTlsProxy proxy(boolean mutual, String apiKey) throws IOException {
    Path proxyDir = Files.createDirectories(dir.resolve("nginx-" + proxies++));
    return new GrpcTlsProxy(proxyDir, certs, temporal.address(), mutual, apiKey);
  }

  /** minimal.yml with this {@code temporal:} section, written next to the certificates. */
  private static BatonConfig config(String temporalSection) throws IOException {
    String minimal;
    try (InputStream in = TemporalTlsTest.class.getResourceAsStream("/config/minimal.yml")) {
      minimal = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path file = dir.resolve("baton.yml");
    Files.writeString(file, minimal + "temporal:\n" + temporalSection);
    return ConfigLoader.load(file, Map.of());
  }

  private static void startAndDescribe(
      BatonConfig config, String address, Map<String, String> env, String workflowId) {
    try (TemporalConnection connection =
        TemporalConnection.forProject(config, address, env, TIMEOUT)) {
      WorkflowStub stub =
          connection
              .client()
              .newUntypedWorkflowStub(
                  "NoSuchWorkflow", // nothing runs it: the start and describe are the calls
                  WorkflowOptions.newBuilder()
                      .setTaskQueue("temporal-tls-test")
                      .setWorkflowId(workflowId)
                      .build());
      stub.start();
      assertThat(stub.describe().getWorkflowType()).isEqualTo("NoSuchWorkflow");
    }
  }

  /** A connection expected to fail. */
  private static void connect(BatonConfig config, String address, Map<String, String> env) {
    TemporalConnection.forProject(config, address, env, FAIL_TIMEOUT).close();
  }

  @Test
  void tlsWithTheServersCaWorks() throws Exception {
    try (GrpcTlsProxy proxy = proxy(false, null)) {
      startAndDescribe(
          config("  tls:\n    caFile: certs/ca.pem\n"), proxy.address(), Map.of(), "tls");
    }
  }

  @Test
  void tlsWithAnotherCaFailsNamingTheCertificateProblem() throws Exception {
    try (GrpcTlsProxy proxy = proxy(false, null)) {
      BatonConfig config = config("  tls:\n    caFile: certs/other-ca.pem\n");
      assertThatThrownBy(() -> connect(config, proxy.address(), Map.of()))
          .isInstanceOf(TemporalUnreachableException.class)
          .hasMessageStartingWith(
              "cannot reach Temporal at "
                  + proxy.address()
                  + " over TLS: the TLS handshake failed (unable to find valid certification path")
          .hasMessageContaining("check temporal.tls.caFile");
    }
  }

  @Test
  void mutualTlsWithTheClientCertificateWorks() throws Exception {
    try (GrpcTlsProxy proxy = proxy(true, null)) {
      // serverName: the address is 127.0.0.1, the name checked is the certificate's DNS name.
      startAndDescribe(
          config(
              "  tls:\n    caFile: certs/ca.pem\n    certFile: certs/client.pem\n"
                  + "    keyFile: certs/client.key\n    serverName: localhost\n"),
          proxy.address(),
          Map.of(),
          "mtls");
    }
  }

  @Test
  void mutualTlsWithoutAClientCertificateFails() throws Exception {
    try (GrpcTlsProxy proxy = proxy(true, null)) {
      BatonConfig config = config("  tls:\n    caFile: certs/ca.pem\n");
      assertThatThrownBy(() -> connect(config, proxy.address(), Map.of()))
          .isInstanceOf(TemporalUnreachableException.class)
          .hasMessageContaining("over TLS: the server answered HTTP 400")
          .hasMessageEndingWith("check temporal.tls.certFile and keyFile");
    }
  }

  @Test
  void apiKeyIsSentAsBearerToken() throws Exception {
    try (GrpcTlsProxy proxy = proxy(false, API_KEY)) {
      startAndDescribe(
          config("  apiKeyEnv: TEMPORAL_API_KEY\n  tls:\n    caFile: certs/ca.pem\n"),
          proxy.address(),
          Map.of("TEMPORAL_API_KEY", API_KEY),
          "api-key");
    }
  }

  @Test
  void wrongOrMissingApiKeyIsRefused() throws Exception {
    try (GrpcTlsProxy proxy = proxy(false, API_KEY)) {
      BatonConfig wrong =
          config("  apiKeyEnv: TEMPORAL_API_KEY\n  tls:\n    caFile: certs/ca.pem\n");
      assertThatThrownBy(() -> connect(wrong, proxy.address(), Map.of("TEMPORAL_API_KEY", "nope")))
          .isInstanceOf(TemporalUnreachableException.class)
          .hasMessage(
              "cannot reach Temporal at "
                  + proxy.address()
                  + " over TLS: the server refused baton's credentials (UNAUTHENTICATED: api key"
                  + " required); check the API key in temporal.apiKeyEnv / apiKeyFile");
      BatonConfig none = config("  tls:\n    caFile: certs/ca.pem\n");
      assertThatThrownBy(() -> connect(none, proxy.address(), Map.of()))
          .isInstanceOf(TemporalUnreachableException.class)
          .hasMessageContaining("refused baton's credentials (UNAUTHENTICATED");
    }
  }

  @Test
  void aServerNameTheCertificateDoesNotCarryFailsTheHandshake() throws Exception {
    try (GrpcTlsProxy proxy = proxy(false, null)) {
      BatonConfig config =
          config("  tls:\n    caFile: certs/ca.pem\n    serverName: temporal.example\n");
      assertThatThrownBy(() -> connect(config, proxy.address(), Map.of()))
          .isInstanceOf(TemporalUnreachableException.class)
          .hasMessageContaining(
              "the TLS handshake failed (No subject alternative DNS name matching"
                  + " temporal.example found.)");
    }
  }

  @Test
  void aMissingCertificateFileNamesTheKeyAndTheFile() throws Exception {
    BatonConfig config = config("  tls:\n    caFile: certs/nope.pem\n");
    assertThatThrownBy(() -> connect(config, "127.0.0.1:1", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "temporal.tls.caFile: cannot read "
                + dir.resolve("certs/nope.pem")
                + ": NoSuchFileException (it must hold a PEM CA certificate)");
  }
}
