package dev.baton.config;

import static dev.baton.config.TestConfigs.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderValidTest {

  private final Path validFile = resource("valid/baton.yml");
  private final Path validDir = validFile.getParent();
  private final BatonConfig valid = ConfigLoader.load(validFile, Map.of());

  @Test
  void readsTopLevelAndTemporalAsWritten() {
    assertThat(valid.file()).isEqualTo(validFile.toAbsolutePath().normalize());
    assertThat(valid.project()).isEqualTo("shop");
    assertThat(valid.temporal())
        .isEqualTo(
            new TemporalConfig(
                "temporal.internal:7233", "shop-releases", true, null, null, null, null, null));
    assertThat(valid.notifications().webhookUrlEnv()).isEqualTo("SLACK_WEBHOOK_URL");
    assertThat(valid.notifications().webUrl()).isEqualTo("https://temporal.internal:8080");
    assertThat(valid.siteIds()).containsExactly("primary", "secondary");
  }

  @Test
  void readsEveryFieldOfTheFirstSite() {
    SiteConfig primary = valid.site("primary");
    assertThat(primary.name()).isEqualTo("Datacenter A");
    assertThat(primary.docker()).isEqualTo("unix:///run/baton/primary/docker.sock");
    assertThat(primary.compose())
        .isEqualTo(
            new ComposeConfig(
                validDir.resolveSibling("stacks/shop"),
                List.of("docker-compose.yml", "docker-compose.primary.yml"),
                ".env.primary",
                "shop-a"));
    assertThat(primary.git())
        .isEqualTo(
            new GitConfig(
                "https://git.example.com/shop.git", validDir.resolve("checkouts/primary")));
    assertThat(primary.health())
        .containsExactly(
            Map.entry("api", "http://127.0.0.1:3000/health"),
            Map.entry("web", "http://127.0.0.1:8080/"));
    assertThat(primary.database())
        .isEqualTo(
            new SiteDatabaseConfig(
                "jdbc:postgresql://10.0.0.1:5432/app", "app", "SHOP_DB_PASSWORD", null));
  }

  @Test
  void readsTheSecondSiteWithDefaultsAndResolvedPaths() {
    SiteConfig secondary = valid.site("secondary");
    assertThat(secondary.name()).as("name defaults to the id").isEqualTo("secondary");
    assertThat(secondary.docker()).isEqualTo("tcp://10.0.0.2:2376");
    assertThat(secondary.compose().workdir()).isEqualTo(Path.of("/srv/shop"));
    assertThat(secondary.compose().envFile()).isNull();
    assertThat(secondary.compose().projectName()).isEqualTo("shop-secondary");
    assertThat(secondary.git().url())
        .as("a git url without :// is a local path, resolved against the file's directory")
        .isEqualTo(validDir.resolveSibling("repos/shop.git").toString());
    assertThat(secondary.git().checkoutDir()).isEqualTo(Path.of("/srv/shop/checkout"));
    assertThat(secondary.health().keySet()).as("file order").containsExactly("web", "api");
    assertThat(secondary.database().passwordEnv()).isNull();
    assertThat(secondary.database().passwordFile())
        .isEqualTo(validDir.resolve("secrets/db-password"));
    assertThat(secondary.database().reseedCommand())
        .as("a relative program path is resolved against the file's directory; arguments are not")
        .containsExactly(
            validDir.resolveSibling("scripts/reseed-replica").toString(),
            "--from",
            "$BATON_PRIMARY_HOST");
    assertThat(valid.site("primary").database().reseedCommand()).as("not set").isEmpty();
  }

  @Test
  void readsRouterAsWritten() {
    assertThat(valid.router().type()).isEqualTo("nginx");
    NginxRouterConfig router = (NginxRouterConfig) valid.router();
    assertThat(router.upstreamFile()).isEqualTo(validDir.resolve("nginx/shop-upstream.conf"));
    assertThat(router.nginxConfig()).isEqualTo(Path.of("/etc/nginx/nginx.conf"));
    assertThat(router.frontUrl()).isEqualTo("http://127.0.0.1:8080/");
    assertThat(router.upstreams())
        .containsExactly(
            Map.entry("secondary", "10.0.0.2:3001"), Map.entry("primary", "127.0.0.1:3000"));
  }

  @Test
  void readsReleaseDatabaseMonitorAndDrillAsWritten() {
    assertThat(valid.release())
        .isEqualTo(
            new ReleaseConfig(
                new ApprovalConfig(
                    List.of("backfill", "switch"),
                    List.of("alice", "bob"),
                    true,
                    Duration.ofMinutes(150),
                    "approve"),
                Duration.ofMinutes(10),
                Duration.ofMillis(500),
                Duration.ofMinutes(45),
                List.of("worker", "scheduler"),
                List.of(10, 50, 100),
                Duration.ofSeconds(20),
                Duration.ofMinutes(3),
                null,
                List.of(),
                null));
    assertThat(valid.database())
        .isEqualTo(new DatabaseConfig("replicated", 512 * 1024, Duration.ofMinutes(1)));
    assertThat(valid.database().replicated()).isTrue();
    assertThat(valid.monitor()).isEqualTo(new MonitorConfig(Duration.ofSeconds(5), 5, true));
    assertThat(valid.drill()).isEqualTo(new DrillConfig(Duration.ofSeconds(30), false));
  }

  @Test
  void minimalFileGetsEveryDocumentedDefault() {
    Path file = resource("minimal.yml");
    BatonConfig config = ConfigLoader.load(file, Map.of());

    assertThat(config.temporal()).isEqualTo(new TemporalConfig("127.0.0.1:7233", "default"));
    SiteConfig primary = config.site("primary");
    assertThat(primary.name()).isEqualTo("primary");
    assertThat(primary.compose().workdir()).isEqualTo(file.getParent().resolve("stacks/shop"));
    assertThat(primary.compose().envFile()).isNull();
    assertThat(primary.compose().projectName()).isEqualTo("shop-primary");
    assertThat(primary.git()).isNull();
    assertThat(primary.database()).isNull();
    assertThat(config.router().type()).isEqualTo("nginx");
    assertThat(config.release())
        .isEqualTo(
            new ReleaseConfig(
                new ApprovalConfig(
                    List.of("switch"), List.of(), false, Duration.ofHours(24), "reject"),
                Duration.ofMinutes(5),
                Duration.ofSeconds(10),
                Duration.ofMinutes(30),
                List.of(),
                List.of(),
                Duration.ofSeconds(5),
                Duration.ofMinutes(3),
                null,
                List.of(),
                null));
    assertThat(config.database())
        .isEqualTo(new DatabaseConfig("external", 16L * 1024 * 1024, Duration.ofSeconds(30)));
    assertThat(config.monitor()).isEqualTo(new MonitorConfig(Duration.ofSeconds(2), 3, false));
    assertThat(config.drill()).isEqualTo(new DrillConfig(Duration.ofMinutes(1), true));
    assertThat(config.metrics()).isEqualTo(MetricsConfig.off());
  }

  @Test
  void metricsPortTurnsTheEndpointOn(@TempDir Path dir) {
    String yaml = TestConfigs.read("minimal.yml") + "metrics:\n  port: 9464\n";
    BatonConfig config = ConfigLoader.load(TestConfigs.write(dir, yaml), Map.of());
    assertThat(config.metrics()).isEqualTo(new MetricsConfig("127.0.0.1", 9464));
    assertThat(config.metrics().enabled()).isTrue();
  }

  @Test
  void emptyApprovalStepsMeansNoStepWaits(@TempDir Path dir) {
    String yaml = TestConfigs.read("minimal.yml") + "release:\n  approval:\n    steps: []\n";
    BatonConfig config = ConfigLoader.load(TestConfigs.write(dir, yaml), Map.of());
    assertThat(config.release().approval().steps()).isEmpty();
  }

  @Test
  void numbersAndYamlBooleansAreReadAsWritten(@TempDir Path dir) {
    String yaml =
        TestConfigs.read("minimal.yml")
            + "monitor:\n  autoFailover: yes\ndatabase:\n  maxLagBytes: 1048576\n";
    BatonConfig config = ConfigLoader.load(TestConfigs.write(dir, yaml), Map.of());
    assertThat(config.monitor().autoFailover()).isTrue();
    assertThat(config.database().maxLagBytes()).isEqualTo(1048576L);
  }

  @Test
  void temporalAddressFromEnvironmentOverridesTheFile() {
    BatonConfig config =
        ConfigLoader.load(validFile, Map.of("BATON_TEMPORAL_ADDRESS", "temporal.other:7300"));
    assertThat(config.temporal())
        .isEqualTo(
            new TemporalConfig(
                "temporal.other:7300", "shop-releases", true, null, null, null, null, null));
  }

  @Test
  void malformedTemporalAddressInEnvironmentIsAProblem() {
    assertThat(TestConfigs.problemsOf(validFile, Map.of("BATON_TEMPORAL_ADDRESS", "temporal:0")))
        .containsExactly(
            "environment: BATON_TEMPORAL_ADDRESS: \"temporal:0\" is not host:port"
                + " (host:port with a port from 1 to 65535)");
  }

  @Test
  void siteLookupNamesTheKnownIds() {
    assertThat(valid.site("secondary").docker()).isEqualTo("tcp://10.0.0.2:2376");
    assertThatThrownBy(() -> valid.site("tertiary"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown site \"tertiary\" (known sites: primary, secondary)");
  }

  @Test
  void loadedCollectionsAreImmutable() {
    assertThatThrownBy(() -> valid.sites().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> valid.site("primary").health().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((NginxRouterConfig) valid.router()).upstreams().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theExampleInTheDocsIsValid(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    // Read docs/config.md itself, so the reference cannot drift from what baton accepts.
    String doc = java.nio.file.Files.readString(Path.of("../docs/config.md"));
    int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
    Path file = dir.resolve("baton.yml");
    java.nio.file.Files.writeString(file, doc.substring(start, doc.indexOf("```", start)));
    BatonConfig config = ConfigLoader.load(file, Map.of());
    assertThat(config.siteIds()).containsExactly("primary", "secondary");
    assertThat(config.release().approval().steps()).containsExactly("switch");
    assertThat(config.release().smoke())
        .extracting(SmokeConfig::name)
        .containsExactly("e2e", "orders");
    assertThat(config.temporal().tls().mutual()).isTrue();
    assertThat(config.temporal().apiKeyEnv()).isEqualTo("TEMPORAL_API_KEY");
    assertThat(config.temporal().versionSearchAttribute()).isTrue();
    assertThat(config.temporal().acceptUnencryptedPayloads()).isFalse();
    assertThat(config.images())
        .isEqualTo(new ImagesConfig(dev.baton.images.ImageMode.REGISTRY, "127.0.0.1:5000", true));
  }

  @Test
  void theDnsRouterExampleInTheDocsIsValid(@TempDir Path dir) throws Exception {
    // The reference's first example with its router section replaced by the DNS one.
    String doc = java.nio.file.Files.readString(Path.of("../docs/config.md"));
    String first = yamlBlock(doc, 0);
    String dns = yamlBlock(doc, doc.indexOf("## `router.type: dns`"));
    int routerAt = first.indexOf("\nrouter:") + 1;
    int after = first.indexOf("\nrelease:") + 1;
    Path file = dir.resolve("baton.yml");
    java.nio.file.Files.writeString(
        file, first.substring(0, routerAt) + dns + first.substring(after));
    DnsRouterConfig router = (DnsRouterConfig) ConfigLoader.load(file, Map.of()).router();
    assertThat(router.recordName()).isEqualTo("shop.example.com");
    assertThat(router.targets()).containsOnlyKeys("primary", "secondary");
  }

  private static String yamlBlock(String doc, int from) {
    int start = doc.indexOf("```yaml\n", from) + "```yaml\n".length();
    return doc.substring(start, doc.indexOf("```", start));
  }
}
