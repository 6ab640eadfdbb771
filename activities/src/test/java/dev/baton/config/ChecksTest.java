package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChecksTest {

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1:7233, true",
    "temporal.internal:7233, true",
    "shop_api:3000, true",
    "[::1]:7233, true",
    "host:1, true",
    "host:65535, true",
    "host:0, false",
    "host:65536, false",
    "host, false",
    ":7233, false",
    "http://host:7233, false",
    "host:port, false"
  })
  void hostPort(String value, boolean ok) {
    assertThat(Checks.isHostPort(value)).isEqualTo(ok);
  }

  @ParameterizedTest
  @CsvSource({
    "unix:///run/docker.sock, true",
    "tcp://10.0.0.2:2376, true",
    "https://docker.example.com:2376, true",
    "unix://, false",
    "unix://relative.sock, false",
    "tcp://, false",
    "ssh://host, false",
    "/run/docker.sock, false"
  })
  void dockerEndpoint(String value, boolean ok) {
    assertThat(Checks.isDockerEndpoint(value)).isEqualTo(ok);
  }

  @ParameterizedTest
  @CsvSource({
    "http://127.0.0.1:3000/health, true",
    "HTTPS://shop.example.com/, true",
    "ftp://shop.example.com/, false",
    "http:///health, false",
    "http://127.0.0.1:65536/health, false",
    "http://127.0.0.1:0/health, false",
    "127.0.0.1:3000/health, false",
    "http://bad host/, false"
  })
  void httpUrl(String value, boolean ok) {
    assertThat(Checks.isHttpUrl(value)).isEqualTo(ok);
  }

  @ParameterizedTest
  @CsvSource({
    "https://git.example.com/shop.git, true",
    "ssh://git@git.example.com/shop.git, true",
    "git@github.com:org/shop.git, true",
    "../repos/shop.git, false",
    "/srv/git/shop.git, false",
    "./a:b/shop.git, false"
  })
  void gitRemoteOrLocalPath(String value, boolean remote) {
    assertThat(Checks.isRemoteGitUrl(value)).isEqualTo(remote);
  }
}
