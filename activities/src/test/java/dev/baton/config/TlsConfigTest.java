package dev.baton.config;

import static dev.baton.config.TestConfigs.minimalWith;
import static dev.baton.config.TestConfigs.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code temporal.tls}, {@code temporal.apiKeyEnv/apiKeyFile} and {@code sites[].dockerTls}. */
class TlsConfigTest extends ConfigProblemsTestBase {
  private static final String SITE0_DOCKER = "    docker: unix:///run/baton/primary/docker.sock\n";

  private BatonConfig load(String yaml) {
    return ConfigLoader.load(TestConfigs.write(dir, yaml), Map.of());
  }

  private static String withSite0Docker(String docker) {
    return minimalWith(SITE0_DOCKER, docker);
  }

  @Test
  void temporalTlsPathsResolveAgainstTheFilesDirectory() {
    TemporalConfig temporal =
        load(read("minimal.yml")
                + "temporal:\n  address: temporal.example:7233\n  tls:\n"
                + "    caFile: certs/ca.pem\n    certFile: /etc/baton/client.pem\n"
                + "    keyFile: certs/client.key\n    serverName: temporal.internal\n")
            .temporal();
    assertThat(temporal.tls())
        .isEqualTo(
            new TlsConfig(
                dir.resolve("certs/ca.pem"),
                java.nio.file.Path.of("/etc/baton/client.pem"),
                dir.resolve("certs/client.key"),
                "temporal.internal"));
    assertThat(temporal.usesTls()).isTrue();
    assertThat(temporal.tls().mutual()).isTrue();
    assertThat(temporal.hasApiKey()).isFalse();
  }

  @Test
  void anEmptyTlsSectionMeansTlsWithTheSystemsCas() {
    TemporalConfig temporal = load(read("minimal.yml") + "temporal:\n  tls: {}\n").temporal();
    assertThat(temporal.tls()).isEqualTo(new TlsConfig(null, null, null, null));
    assertThat(temporal.usesTls()).isTrue();
  }

  @Test
  void anApiKeyImpliesTls() {
    TemporalConfig temporal =
        load(read("minimal.yml") + "temporal:\n  apiKeyEnv: TEMPORAL_API_KEY\n").temporal();
    assertThat(temporal.tls()).isNull();
    assertThat(temporal.usesTls()).isTrue();
    assertThat(temporal.apiKey(Map.of("TEMPORAL_API_KEY", " key-1\n"))).isEqualTo("key-1");
  }

  @Test
  void withoutTlsOrApiKeyTheConnectionIsPlain() {
    assertThat(load(read("minimal.yml")).temporal().usesTls()).isFalse();
  }

  @Test
  void certWithoutKeyIsAProblem() {
    assertThat(withSection("temporal:\n  tls:\n    certFile: client.pem\n"))
        .containsExactly(
            "temporal.tls: sets only one of certFile and keyFile (set both for mTLS, or neither)");
  }

  @Test
  void unknownTlsKeyIsNamed() {
    assertThat(withSection("temporal:\n  tls:\n    caCert: ca.pem\n"))
        .singleElement()
        .asString()
        .startsWith("temporal.tls.caCert: unknown key");
  }

  @Test
  void apiKeyFromEnvAndFileIsAProblem() {
    assertThat(withSection("temporal:\n  apiKeyEnv: K\n  apiKeyFile: key.txt\n"))
        .containsExactly("temporal.apiKeyFile: set either apiKeyEnv or apiKeyFile, not both");
  }

  @Test
  void missingApiKeyNamesTheVariableOrFile() {
    TemporalConfig fromEnv =
        load(read("minimal.yml") + "temporal:\n  apiKeyEnv: TEMPORAL_API_KEY\n").temporal();
    assertThatThrownBy(() -> fromEnv.apiKey(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "temporal.apiKeyEnv: environment variable TEMPORAL_API_KEY is not set"
                + " on this machine (it must hold the API key)");
    TemporalConfig fromFile =
        load(read("minimal.yml") + "temporal:\n  apiKeyFile: secrets/api.key\n").temporal();
    assertThatThrownBy(() -> fromFile.apiKey(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "temporal.apiKeyFile: cannot read "
                + dir.resolve("secrets/api.key")
                + ": NoSuchFileException (it must hold the API key)");
  }

  @Test
  void apiKeyFileIsReadAndStripped() throws Exception {
    Files.writeString(dir.resolve("api.key"), "key-2\n");
    TemporalConfig temporal =
        load(read("minimal.yml") + "temporal:\n  apiKeyFile: api.key\n").temporal();
    assertThat(temporal.apiKey(Map.of())).isEqualTo("key-2");
  }

  @Test
  void dockerTlsNeedsAllThreeFiles() {
    assertThat(
            problems(
                withSite0Docker(
                    "    docker: tcp://127.0.0.1:2376\n    dockerTls:\n      caFile: ca.pem\n")))
        .containsExactly(
            "sites[0].dockerTls.certFile: missing required key (this client's certificate (PEM))",
            "sites[0].dockerTls.keyFile: missing required key (the private key of certFile (PEM))");
  }

  @Test
  void dockerTlsOnAUnixSocketIsAProblem() {
    assertThat(
            problems(
                withSite0Docker(
                    SITE0_DOCKER
                        + "    dockerTls: {caFile: ca.pem, certFile: c.pem, keyFile: k.pem}\n")))
        .containsExactly(
            "sites[0].dockerTls: is set but docker is a unix:// socket"
                + " (TLS is for tcp:// or https:// endpoints)");
  }

  @Test
  void dockerTlsIsReadWithPathsResolved() {
    SiteConfig site =
        load(withSite0Docker(
                "    docker: tcp://127.0.0.1:2376\n"
                    + "    dockerTls: {caFile: tls/ca.pem, certFile: tls/cert.pem,"
                    + " keyFile: tls/key.pem}\n"))
            .sites()
            .get(0);
    assertThat(site.dockerTls())
        .isEqualTo(
            new TlsConfig(
                dir.resolve("tls/ca.pem"),
                dir.resolve("tls/cert.pem"),
                dir.resolve("tls/key.pem"),
                null));
    assertThat(site.dockerTls().mutual()).isTrue();
  }
}
