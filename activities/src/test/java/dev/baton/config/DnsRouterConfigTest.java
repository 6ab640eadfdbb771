package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code router.type: dns}: what loads, what is reported, and how the token is read. */
class DnsRouterConfigTest extends ConfigProblemsTestBase {
  static final String DNS =
      "router:\n"
          + "  type: dns\n"
          + "  provider: cloudflare\n"
          + "  zoneId: 023e105f4ecef8ad9ca31a8372d0c353\n"
          + "  recordName: shop.example.com\n"
          + "  tokenEnv: CF_API_TOKEN\n"
          + "  targets:\n"
          + "    primary: 192.0.2.10\n"
          + "    secondary: 192.0.2.20\n";

  /** minimal.yml with its nginx router replaced by {@code router}. */
  static String withRouter(String router) {
    String yaml = TestConfigs.read("minimal.yml");
    return yaml.substring(0, yaml.indexOf("router:")) + router;
  }

  private DnsRouterConfig load(String router) {
    return (DnsRouterConfig)
        ConfigLoader.load(TestConfigs.write(dir, withRouter(router)), Map.of()).router();
  }

  @Test
  void minimalDnsRouterGetsTheDocumentedDefaults() {
    assertThat(load(DNS))
        .isEqualTo(
            new DnsRouterConfig(
                "cloudflare",
                "https://api.cloudflare.com/client/v4",
                "023e105f4ecef8ad9ca31a8372d0c353",
                "shop.example.com",
                "A",
                60,
                "CF_API_TOKEN",
                null,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Map.of("primary", "192.0.2.10", "secondary", "192.0.2.20"),
                false));
  }

  @Test
  void everyKeyIsReadAsWritten() {
    DnsRouterConfig dns =
        load(
            DNS.replace("  tokenEnv: CF_API_TOKEN\n", "  tokenFile: secrets/cf-token\n")
                    .replace("192.0.2.10", "2001:db8::10")
                    .replace("192.0.2.20", "2001:db8::20")
                + "  apiUrl: http://127.0.0.1:9999/client/v4/\n"
                + "  allowHttpLoopback: true\n"
                + "  recordType: AAAA\n"
                + "  ttl: 1\n"
                + "  connectTimeout: 2s\n"
                + "  readTimeout: 500ms\n");
    assertThat(dns.apiUrl())
        .as("without the trailing slash")
        .isEqualTo("http://127.0.0.1:9999/client/v4");
    assertThat(dns.allowHttpLoopback()).isTrue();
    assertThat(dns.recordType()).isEqualTo("AAAA");
    assertThat(dns.ttl()).isEqualTo(1);
    assertThat(dns.tokenEnv()).isNull();
    assertThat(dns.tokenFile()).isEqualTo(dir.resolve("secrets/cf-token"));
    assertThat(dns.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(dns.readTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(dns.targets())
        .containsExactly(
            Map.entry("primary", "2001:db8::10"), Map.entry("secondary", "2001:db8::20"));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    String router =
        "router:\n"
            + "  type: dns\n"
            + "  provider: route53\n"
            + "  apiUrl: api.example.com\n"
            + "  zoneId: zone/1\n"
            + "  recordName: shop..example.com\n"
            + "  recordType: MX\n"
            + "  ttl: 10\n"
            + "  tokenEnv: CF-TOKEN\n"
            + "  tokenFile: /etc/baton/cf-token\n"
            + "  readTimeout: 0s\n"
            + "  upstreamFile: /etc/nginx/upstream.conf\n"
            + "  targets:\n"
            + "    primary: 192.0.2.10\n"
            + "    tertiary: 192.0.2.30\n";
    assertThat(problems(withRouter(router)))
        .containsExactly(
            "router.upstreamFile: unknown key (allowed here: type, provider, apiUrl, zoneId,"
                + " recordName, recordType, ttl, tokenEnv, tokenFile, connectTimeout, readTimeout,"
                + " targets, allowHttpLoopback)",
            "router.provider: \"route53\" is not a valid DNS provider (allowed: cloudflare)",
            "router.apiUrl: \"api.example.com\" is not a valid URL (an http:// or https:// URL with"
                + " a host)",
            "router.zoneId: \"zone/1\" is not a zone id (the provider's zone id: letters, digits, -"
                + " and _)",
            "router.recordName: \"shop..example.com\" is not a DNS name (a DNS name such as"
                + " shop.example.com)",
            "router.recordType: \"MX\" is not a valid record type (allowed: A, AAAA, CNAME)",
            "router.ttl: must be from 30 to 86400 or 1, got 10 (seconds from 30 to 86400, or 1 for"
                + " the provider's automatic TTL)",
            "router.tokenEnv: \"CF-TOKEN\" is not a valid environment variable name (an environment"
                + " variable name matching [A-Za-z_][A-Za-z0-9_]*)",
            "router: sets both tokenEnv and tokenFile (set exactly one of them: where the worker"
                + " reads the API token)",
            "router.readTimeout: must be longer than zero " + DURATION,
            "router.targets.tertiary: \"tertiary\" is not a site id (known site ids: primary,"
                + " secondary)",
            "router.targets: no entry for site \"secondary\" (one record content per site id:"
                + " primary, secondary)");
  }

  @Test
  void requiredKeysAndATokenSourceAreNamed() {
    assertThat(problems(withRouter("router:\n  type: dns\n")))
        .containsExactly(
            "router.provider: missing required key (allowed: cloudflare)",
            "router.zoneId: missing required key (the provider's zone id: letters, digits, - and"
                + " _)",
            "router.recordName: missing required key (a DNS name such as shop.example.com)",
            "router: sets neither tokenEnv nor tokenFile (set exactly one of them: where the"
                + " worker reads the API token)",
            "router.targets: missing required key (a mapping of site id to the record content for"
                + " that site, one per site)");
  }

  @Test
  void targetsMustMatchTheRecordTypeAndDiffer() {
    assertThat(problems(withRouter(DNS.replace("192.0.2.20", "192.0.2.300"))))
        .containsExactly(
            "router.targets.secondary: \"192.0.2.300\" is not an IPv4 address, as recordType is"
                + " A");
    assertThat(problems(withRouter(DNS + "  recordType: CNAME\n")))
        .containsExactly(
            "router.targets.primary: \"192.0.2.10\" is not a DNS name, as recordType is CNAME",
            "router.targets.secondary: \"192.0.2.20\" is not a DNS name, as recordType is CNAME");
    assertThat(problems(withRouter(DNS.replace("192.0.2.20", "192.0.2.10"))))
        .containsExactly(
            "router.targets.secondary: \"192.0.2.10\" is also the value for site \"primary\" (each"
                + " site needs its own, or baton cannot tell which is active)");
  }

  @Test
  void anApiUrlThatWouldLeakTheTokenIsNamed() {
    assertThat(problems(withRouter(DNS + "  apiUrl: http://api.example.com/client/v4\n")))
        .containsExactly(
            "router.apiUrl: \"http://api.example.com/client/v4\" uses plain http to"
                + " api.example.com, which would send it in clear: use https");
    assertThat(problems(withRouter(DNS + "  apiUrl: https://169.254.169.254/latest\n")))
        .containsExactly(
            "router.apiUrl: \"https://169.254.169.254/latest\" points at 169.254.169.254, a"
                + " link-local or cloud-metadata address: refused");
    assertThat(problems(withRouter(DNS + "  apiUrl: http://127.0.0.1:9999/client/v4\n")))
        .containsExactly(
            "router.apiUrl: \"http://127.0.0.1:9999/client/v4\" uses plain http (to 127.0.0.1):"
                + " use https, or set allowHttpLoopback: true for a relay on this machine");
  }

  @Test
  void nginxKeysAreNotDnsKeys() {
    assertThat(problems(TestConfigs.minimalWith("router:\n", "router:\n  type: dns\n")))
        .contains(
            "router.upstreams: unknown key (allowed here: type, provider, apiUrl, zoneId,"
                + " recordName, recordType, ttl, tokenEnv, tokenFile, connectTimeout, readTimeout,"
                + " targets, allowHttpLoopback)");
  }

  @Test
  void theTokenIsReadWhenNeededAndNeverShown() throws Exception {
    DnsRouterConfig fromEnv = load(DNS);
    assertThat(fromEnv.token(Map.of("CF_API_TOKEN", "s3cret-token"))).isEqualTo("s3cret-token");
    assertThat(fromEnv.toString()).doesNotContain("s3cret");
    assertThatThrownBy(() -> fromEnv.token(Map.of("CF_API_TOKEN", " ")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "router.tokenEnv: environment variable CF_API_TOKEN is empty on this machine (it must"
                + " hold the cloudflare API token that may edit shop.example.com)");

    Path file = Files.writeString(dir.resolve("cf-token"), "file-token\n");
    DnsRouterConfig fromFile =
        load(DNS.replace("  tokenEnv: CF_API_TOKEN\n", "  tokenFile: " + file + "\n"));
    assertThat(fromFile.token(Map.of())).isEqualTo("file-token");
    Files.delete(file);
    assertThatThrownBy(() -> fromFile.token(Map.of()))
        .hasMessage(
            "router.tokenFile: cannot read "
                + file
                + ": NoSuchFileException (it must hold the cloudflare API token that may edit"
                + " shop.example.com)");
  }

  @Test
  void nginxStaysTheDefaultType() {
    BatonConfig config = ConfigLoader.load(TestConfigs.resource("minimal.yml"), Map.of());
    assertThat(config.router()).isInstanceOf(NginxRouterConfig.class);
    assertThat(List.of(config.router().type())).containsExactly("nginx");
  }
}
