package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code router.type: haproxy}: what loads, and the one precise problem for each bad value. */
class HaproxyRouterConfigTest extends ConfigProblemsTestBase {
  static final String HAPROXY =
      "router:\n"
          + "  type: haproxy\n"
          + "  socket: /run/baton/haproxy.sock\n"
          + "  backend: shop\n"
          + "  servers:\n"
          + "    primary: dc1\n"
          + "    secondary: dc2\n"
          + "  frontUrl: http://127.0.0.1:8080/version\n"
          + "  stateFile: state/servers.state\n";

  private HaproxyRouterConfig load(String router) {
    return (HaproxyRouterConfig)
        ConfigLoader.load(TestConfigs.write(dir, DnsRouterConfigTest.withRouter(router)), Map.of())
            .router();
  }

  private List<String> problemsWith(String router) {
    return problems(DnsRouterConfigTest.withRouter(router));
  }

  @Test
  void everyKeyIsReadAsWrittenAndRelativePathsResolveBesideTheFile() {
    assertThat(load(HAPROXY + "  accessLog: logs/access.log\n"))
        .isEqualTo(
            new HaproxyRouterConfig(
                java.nio.file.Path.of("/run/baton/haproxy.sock"),
                "shop",
                Map.of("primary", "dc1", "secondary", "dc2"),
                "http://127.0.0.1:8080/version",
                dir.resolve("state/servers.state"),
                dir.resolve("logs/access.log")));
    assertThat(load(HAPROXY).accessLog()).as("optional").isNull();
  }

  @Test
  void missingKeysAreEachNamed() {
    assertThat(problemsWith("router:\n  type: haproxy\n  backend: shop\n"))
        .containsExactly(
            "router.socket: missing required key (HAProxy's admin socket (stats socket ..."
                + " level admin))",
            "router.servers: missing required key (a mapping of site id to that site's server"
                + " name in the backend, one per site)",
            "router.frontUrl: missing required key (HAProxy's own listener: "
                + SectionReader.URL
                + ")",
            "router.stateFile: missing required key (the server state file HAProxy loads at"
                + " start (server-state-file), which baton rewrites)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"shop; shutdown sessions", "a b", "x\\ny", "", "é"})
  void aBackendNameThatCouldNotBeOneRuntimeApiArgumentIsRefused(String name) {
    List<String> problems =
        problemsWith(HAPROXY.replace("backend: shop", "backend: \"" + name + "\""));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).startsWith("router.backend: ");
    assertThat(problems.get(0)).doesNotContain("\n");
  }

  @Test
  void aServerNameWithTheCommandSeparatorIsRefusedWithItsSite() {
    assertThat(problemsWith(HAPROXY.replace("primary: dc1", "primary: \"dc1;disable frontend x\"")))
        .containsExactly(
            "router.servers.primary: \"dc1;disable frontend x\" is not "
                + HaproxyRouterReader.NAME);
  }

  @Test
  void twoSitesOnOneServerAndAMissingSiteAreRefused() {
    assertThat(problemsWith(HAPROXY.replace("secondary: dc2", "secondary: dc1")))
        .containsExactly(
            "router.servers.secondary: \"dc1\" is also the value for site \"primary\" (each site"
                + " needs its own, or baton cannot tell which is active)");
    assertThat(problemsWith(HAPROXY.replace("    secondary: dc2\n", "")))
        .containsExactly(
            "router.servers: no entry for site \"secondary\" (one server name per site id:"
                + " primary, secondary)");
  }

  @Test
  void aSocketPathTooLongForAUnixSocketIsRefused() {
    String longPath = "/run/" + "s".repeat(110) + ".sock";
    assertThat(problemsWith(HAPROXY.replace("/run/baton/haproxy.sock", longPath)))
        .containsExactly(
            "router.socket: \""
                + ProblemText.printable(longPath)
                + "\" is too long for a unix socket (at most 107 bytes)");
  }

  @Test
  void theStateFileCannotBeTheSocket() {
    assertThat(problemsWith(HAPROXY.replace("state/servers.state", "/run/baton/haproxy.sock")))
        .containsExactly(
            "router.stateFile: is the same path as router.socket (the state file is a separate"
                + " file)");
  }

  @Test
  void nginxKeysAreUnknownHere() {
    assertThat(problemsWith(HAPROXY + "  upstreams: {primary: 127.0.0.1:3000}\n"))
        .containsExactly(
            "router.upstreams: unknown key (allowed here: "
                + String.join(", ", HaproxyRouterReader.KEYS)
                + ")");
  }

  @Test
  void aFrontUrlThatIsNotHttpIsRefused() {
    assertThat(problemsWith(HAPROXY.replace("http://127.0.0.1:8080/version", "file:///etc/passwd")))
        .containsExactly(
            "router.frontUrl: \"file:///etc/passwd\" is not a valid URL ("
                + SectionReader.URL
                + ")");
  }
}
