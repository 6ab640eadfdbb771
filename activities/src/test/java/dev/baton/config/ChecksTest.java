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

  @ParameterizedTest
  @CsvSource({
    "192.0.2.10, true",
    "0.0.0.0, true",
    "255.255.255.255, true",
    "256.0.0.1, false",
    "192.0.2, false",
    "192.0.2.010, false",
    "shop.example.com, false"
  })
  void ipv4(String value, boolean ok) {
    assertThat(Checks.isIpv4(value)).isEqualTo(ok);
  }

  @ParameterizedTest
  @CsvSource({
    "2001:db8::10, true",
    "::1, true",
    "2001:db8:0:0:0:0:0:10, true",
    "2001:db8:::10, false",
    "192.0.2.10, false",
    "shop.example.com, false",
    "'g::1', false"
  })
  void ipv6(String value, boolean ok) {
    assertThat(Checks.isIpv6(value)).isEqualTo(ok);
  }

  @ParameterizedTest
  @CsvSource({
    "shop.example.com, true",
    "shop.example.com., true",
    "_acme.example.com, true",
    "localhost, true",
    "shop..example.com, false",
    "-shop.example.com, false",
    "shop-.example.com, false",
    "shop example.com, false",
    "'', false"
  })
  void dnsName(String value, boolean ok) {
    assertThat(Checks.isDnsName(value)).isEqualTo(ok);
  }
}
