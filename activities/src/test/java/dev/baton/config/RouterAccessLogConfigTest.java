package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code router.accessLog}: nginx and haproxy only, resolved like every path, optional. */
class RouterAccessLogConfigTest extends ConfigProblemsTestBase {

  @Test
  void anNginxRouterMayNameItsAccessLog() {
    String yaml = TestConfigs.minimalWith("router:\n", "router:\n  accessLog: logs/access.log\n");
    NginxRouterConfig router =
        (NginxRouterConfig) ConfigLoader.load(TestConfigs.write(dir, yaml), Map.of()).router();
    assertThat(router.accessLog()).isEqualTo(dir.resolve("logs/access.log"));

    NginxRouterConfig without =
        (NginxRouterConfig)
            ConfigLoader.load(TestConfigs.resource("minimal.yml"), Map.of()).router();
    assertThat(without.accessLog()).isNull();
  }

  @Test
  void aDnsRouterWithAnAccessLogIsOneClearProblem() {
    assertThat(
            problems(
                DnsRouterConfigTest.withRouter(
                    DnsRouterConfigTest.DNS + "  accessLog: /var/log/nginx/access.log\n")))
        .containsExactly(
            "router.accessLog: is for nginx and haproxy routers only: a DNS router sees no requests, so"
                + " drills cannot count request errors with type: dns");
  }
}
