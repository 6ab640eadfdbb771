package dev.baton.config;

import static dev.baton.config.TestConfigs.minimalWith;
import static dev.baton.config.TestConfigs.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Values in a bad format or contradicting each other. Each test breaks minimal.yml in one way and
 * expects exactly the rendered problem(s).
 */
class ConfigValueProblemsTest extends ConfigProblemsTestBase {

  private List<String> withSite0Database(String database) {
    return problems(minimalWith(SITE0_HEALTH, SITE0_HEALTH + "    database:\n" + database));
  }

  @Test
  void metricsPortMustBeAPort() {
    assertThat(withSection("metrics:\n  port: 70000\n"))
        .containsExactly("metrics.port: 70000 is not a port from 1 to 65535");
  }

  @Test
  void badDurationListsTheAcceptedForms() {
    assertThat(withSection("monitor:\n  interval: 5 minutes\n"))
        .containsExactly("monitor.interval: \"5 minutes\" is not a duration " + DURATION);
  }

  @Test
  void zeroIsRejectedWhereWaitingZeroMakesNoSense() {
    assertThat(
            withSection(
                "release:\n  probeInterval: 0s\n  deployTimeout: 0ms\n  bake: 0s\n"
                    + "  approval:\n    timeout: PT0S\n"))
        .containsExactly(
            "release.approval.timeout: must be longer than zero " + DURATION,
            "release.probeInterval: must be longer than zero " + DURATION,
            "release.deployTimeout: must be longer than zero " + DURATION);
  }

  @Test
  void healthUrlMustBeHttpWithAHost() {
    assertThat(problems(minimalWith("http://127.0.0.1:3000/health", "127.0.0.1:3000/health")))
        .containsExactly(
            "sites[0].health.api: \"127.0.0.1:3000/health\" is not a valid health URL (an http://"
                + " or https:// URL with a host)");
  }

  @Test
  void dockerEndpointMustBeUnixTcpOrHttps() {
    assertThat(problems(minimalWith("unix:///run/baton/primary/docker.sock", "ssh://docker-a")))
        .containsExactly(
            "sites[0].docker: \"ssh://docker-a\" is not a Docker endpoint (use"
                + " unix:///path/to/docker.sock, tcp://host:port or https://host:port)");
  }

  @Test
  void frontUrlMustBeHttp() {
    assertThat(problems(minimalWith("frontUrl: http://127.0.0.1:8080/", "frontUrl: ftp://x/")))
        .containsExactly(
            "router.frontUrl: \"ftp://x/\" is not a valid URL (an http:// or https:// URL with a"
                + " host)");
  }

  @Test
  void routerTypeMustBeKnown() {
    // Which keys are allowed depends on the type, so nothing else in router is checked.
    assertThat(problems(minimalWith("router:\n", "router:\n  type: traefik\n")))
        .containsExactly(
            "router.type: \"traefik\" is not a valid router type (allowed: nginx, haproxy, dns)");
  }

  @Test
  void temporalAddressMustBeHostPort() {
    assertThat(withSection("temporal:\n  address: localhost\n"))
        .containsExactly(
            "temporal.address: \"localhost\" is not host:port (host:port with a port from 1 to"
                + " 65535)");
  }

  @Test
  void upstreamPortMustBeInRange() {
    assertThat(problems(minimalWith("secondary: 127.0.0.1:3001", "secondary: 127.0.0.1:65536")))
        .containsExactly(
            "router.upstreams.secondary: \"127.0.0.1:65536\" is not host:port (host:port with a"
                + " port from 1 to 65535)");
  }

  @Test
  void projectMustMatchThePattern() {
    assertThat(problems(minimalWith("project: shop", "project: Shop_1")))
        .containsExactly(
            "project: \"Shop_1\" is not a valid project name (must match"
                + " [a-z0-9][a-z0-9-]{0,39})");
  }

  @Test
  void malformedSiteIdIsReportedOnceNotAgainByTheRouter() {
    assertThat(problems(minimalWith("id: primary", "id: Primary")))
        .containsExactly(
            "sites[0].id: \"Primary\" is not a valid site id (must match [a-z0-9][a-z0-9-]{0,29})");
  }

  @Test
  void duplicateSiteId() {
    assertThat(problems(minimalWith("id: secondary", "id: primary")))
        .containsExactly(
            "sites[1].id: duplicate site id \"primary\" (site ids must be unique)",
            "router.upstreams.secondary: \"secondary\" is not a site id (known site ids:"
                + " primary)");
  }

  @Test
  void exactlyTwoSites() {
    String yaml = read("minimal.yml");
    String third = yaml.substring(yaml.indexOf("  - id: secondary"), yaml.indexOf("router:"));
    assertThat(problems(minimalWith("router:", third.replace("secondary", "tertiary") + "router:")))
        .containsExactly(
            "sites: has 3 sites (exactly two are required)",
            "router.upstreams: no entry for site \"tertiary\" (one host:port per site id:"
                + " primary, secondary, tertiary)");
  }

  @Test
  void upstreamsMustNameEverySiteAndOnlySites() {
    assertThat(problems(minimalWith("secondary: 127.0.0.1:3001", "tertiary: 127.0.0.1:3001")))
        .containsExactly(
            "router.upstreams.tertiary: \"tertiary\" is not a site id (known site ids: primary,"
                + " secondary)",
            "router.upstreams: no entry for site \"secondary\" (one host:port per site id:"
                + " primary, secondary)");
  }

  @Test
  void approvalStepsAndOnTimeoutAreRestricted() {
    assertThat(
            withSection(
                "release:\n  approval:\n    steps: [switch, deploy, switch]\n"
                    + "    onTimeout: ignore\n"))
        .containsExactly(
            "release.approval.steps[1]: \"deploy\" is not a valid approval step (allowed:"
                + " switch, backfill)",
            "release.approval.steps[2]: duplicate step \"switch\" (each step may appear once)",
            "release.approval.onTimeout: \"ignore\" is not a valid onTimeout value (allowed:"
                + " reject, approve)");
  }

  @Test
  void databaseModeIsRestricted() {
    assertThat(withSection("database:\n  mode: primary\n"))
        .containsExactly(
            "database.mode: \"primary\" is not a valid database mode (allowed: external,"
                + " replicated)");
  }

  @Test
  void replicatedModeNeedsADatabaseOnEverySite() {
    assertThat(withSection("database:\n  mode: replicated\n"))
        .containsExactly(
            "sites[0].database: missing required key (database.mode is replicated, so every site"
                + " needs a database)",
            "sites[1].database: missing required key (database.mode is replicated, so every site"
                + " needs a database)");
  }

  @Test
  void siteDatabaseNeedsExactlyOnePasswordSource() {
    String url = "      url: jdbc:postgresql://127.0.0.1:5432/app\n      user: app\n";
    assertThat(withSite0Database(url + "      passwordEnv: PW\n      passwordFile: pw.txt\n"))
        .containsExactly(
            "sites[0].database: sets both passwordEnv and passwordFile (set exactly one of them)");
    assertThat(withSite0Database(url))
        .containsExactly(
            "sites[0].database: sets neither passwordEnv nor passwordFile (set exactly one of"
                + " them)");
  }

  @Test
  void siteDatabaseUrlUserAndEnvName() {
    assertThat(withSite0Database("      url: postgres://h/app\n      passwordEnv: 1PW\n"))
        .containsExactly(
            "sites[0].database.url: \"postgres://h/app\" is not a PostgreSQL JDBC URL (a JDBC URL"
                + " starting with jdbc:postgresql://)",
            "sites[0].database.user: missing required key (the database user)",
            "sites[0].database.passwordEnv: \"1PW\" is not a valid environment variable name (an"
                + " environment variable name matching [A-Za-z_][A-Za-z0-9_]*)");
  }

  @Test
  void reseedCommandIsANonEmptyListOfArguments() {
    String db = "      url: jdbc:postgresql://h/app\n      user: app\n      passwordEnv: PW\n";
    assertThat(withSite0Database(db + "      reseedCommand: []\n"))
        .containsExactly(
            "sites[0].database.reseedCommand: is empty (a command as a list of arguments, e.g."
                + " [/usr/local/bin/reseed, --fast])");
    assertThat(withSite0Database(db + "      reseedCommand: /usr/local/bin/reseed --fast\n"))
        .hasSize(1)
        .allSatisfy(p -> assertThat(p).startsWith("sites[0].database.reseedCommand: "));
  }

  @Test
  void passwordInsideTheJdbcUrlIsRefused() {
    assertThat(
            withSite0Database(
                "      url: jdbc:postgresql://h/app?user=app&password=hunter2\n"
                    + "      user: app\n      passwordEnv: PW\n"))
        .containsExactly(
            "sites[0].database.url: contains a password (put it in passwordEnv or passwordFile"
                + " instead)");
  }

  @Test
  void gitNeedsUrlAndCheckoutDir() {
    assertThat(problems(minimalWith(SITE0_HEALTH, SITE0_HEALTH + "    git: {url: ../shop}\n")))
        .containsExactly(
            "sites[0].git.checkoutDir: missing required key (the directory the version is checked"
                + " out into)");
  }

  @Test
  void activeOnlyServicesMustBeAListOfStrings() {
    assertThat(withSection("release:\n  activeOnlyServices: worker\n"))
        .containsExactly(
            "release.activeOnlyServices: expected a list, got a string (a list of compose service"
                + " names)");
    assertThat(withSection("release:\n  activeOnlyServices: [worker, {name: cron}]\n"))
        .containsExactly(
            "release.activeOnlyServices[1]: expected a string, got a mapping (a list of compose"
                + " service names)");
  }

  @Test
  void shiftStepsMustBeIncreasingPercentagesEndingWith100() {
    String shift =
        " (a list of strictly increasing percentages from 1 to 100 ending with 100, at most 10"
            + " steps, e.g. [10, 50, 100]; or [])";
    assertThat(withSection("release:\n  shift: [10, 50]\n"))
        .containsExactly("release.shift: ends with 50, not 100" + shift);
    assertThat(withSection("release:\n  shift: [50, 10, 100]\n"))
        .containsExactly("release.shift[1]: 10 does not increase on 50" + shift);
    assertThat(withSection("release:\n  shift: [10, 10, 100]\n"))
        .containsExactly("release.shift[1]: 10 does not increase on 10" + shift);
    assertThat(withSection("release:\n  shift: [0, 100]\n"))
        .containsExactly("release.shift[0]: 0 is not a percentage from 1 to 100" + shift);
    assertThat(withSection("release:\n  shift: [10, 150]\n"))
        .containsExactly("release.shift[1]: 150 is not a percentage from 1 to 100" + shift);
    assertThat(withSection("release:\n  shift: [10, 12.5, 100]\n"))
        .containsExactly("release.shift[1]: expected an integer, got a number" + shift);
    assertThat(withSection("release:\n  shift: 10%\n"))
        .containsExactly("release.shift: expected a list, got a string" + shift);
    assertThat(withSection("release:\n  shift: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100]\n"))
        .containsExactly("release.shift: has 11 steps" + shift);
    assertThat(withSection("release:\n  shift: [10, 50, 100]\n  shiftPause: soon\n"))
        .containsExactly("release.shiftPause: \"soon\" is not a duration " + DURATION);
  }

  @Test
  void aShiftNeedsTheNginxRouter() {
    String dns = DnsRouterConfigTest.withRouter(DnsRouterConfigTest.DNS);
    assertThat(problems(dns + "release:\n  shift: [10, 100]\n"))
        .containsExactly(
            "release.shift: needs router.type nginx or haproxy: a DNS record names one site, so it cannot"
                + " split traffic (remove release.shift for a one-step switch)");
    BatonConfig oneStep =
        ConfigLoader.load(TestConfigs.write(dir, dns + "release:\n  shift: []\n"), Map.of());
    assertThat(oneStep.release().shift()).isEmpty();
  }

  @Test
  void failuresBeforeActionMustBePositiveInteger() {
    assertThat(withSection("monitor:\n  failuresBeforeAction: 0\n"))
        .containsExactly(
            "monitor.failuresBeforeAction: must be at least 1, got 0 (an integer of at least 1)");
    assertThat(withSection("monitor:\n  failuresBeforeAction: 2.5\n"))
        .containsExactly(
            "monitor.failuresBeforeAction: expected an integer, got a number (an integer of at"
                + " least 1)");
  }

  @Test
  void maxLagBytesMustBeASize() {
    assertThat(withSection("database:\n  maxLagBytes: 16 megabytes\n"))
        .containsExactly(
            "database.maxLagBytes: \"16 megabytes\" is not a size (a byte count like 16777216, or"
                + " a size like 512kB, 16MB or 1GB, where 1kB is 1024 bytes)");
  }

  @Test
  void composeProjectNameMustSuitCompose() {
    assertThat(
            problems(
                minimalWith(
                    "files: [docker-compose.yml]\n",
                    "files: [docker-compose.yml]\n      projectName: Shop.A\n")))
        .containsExactly(
            "sites[0].compose.projectName: \"Shop.A\" is not a valid compose project name"
                + " (lowercase letters, digits, - and _, starting with a letter or digit)");
  }
}
