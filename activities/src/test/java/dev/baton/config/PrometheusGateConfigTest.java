package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.release.PrometheusGate;
import dev.baton.release.TrafficLimits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** release.bake.prometheus: an instant query the new site must pass while it bakes. */
class PrometheusGateConfigTest extends ConfigProblemsTestBase {
  private static final String GATE =
      "release:\n  bake:\n    duration: 1m\n    prometheus:\n"
          + "      url: http://127.0.0.1:9090\n"
          + "      query: sum(rate(shop_api_errors_total[30s]))\n";

  @Test
  void aGateAloneJudgesTheBakeAndFailsOnNoDataByDefault() throws Exception {
    ReleaseConfig release = load(GATE + "      max: 0.5\n");

    assertThat(release.bake()).isEqualTo(Duration.ofMinutes(1));
    assertThat(release.bakeTraffic())
        .isEqualTo(
            new TrafficLimits(
                null,
                null,
                BakeTrafficReader.DEFAULT_MIN_REQUESTS,
                new PrometheusGate(
                    "http://127.0.0.1:9090", "sum(rate(shop_api_errors_total[30s]))", 0.5, true)));
    assertThat(release.bakeTraffic().judgesAccessLog()).isFalse();
  }

  @Test
  void aGateBesideTrafficLimitsWithOnNoDataPass() throws Exception {
    ReleaseConfig release =
        load(GATE + "      max: 3\n      onNoData: pass\n    maxErrorRate: 1%\n");

    TrafficLimits limits = release.bakeTraffic();
    assertThat(limits.maxErrorRate()).isEqualTo(0.01);
    assertThat(limits.prometheus().max()).isEqualTo(3.0);
    assertThat(limits.prometheus().failOnNoData()).isFalse();
    assertThat(limits.describe())
        .isEqualTo(
            "at most 1.0% failed over at least 20 requests; prometheus"
                + " sum(rate(shop_api_errors_total[30s])) at most 3");
  }

  @Test
  void theExampleInTheDocsIsValid() throws Exception {
    String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/config.md"));
    int section = doc.indexOf("## `release.bake.prometheus`");
    int start = doc.indexOf("```yaml\n", section) + "```yaml\n".length();

    ReleaseConfig release = load(doc.substring(start, doc.indexOf("```", start)));

    assertThat(release.bakeTraffic().maxErrorRate()).isEqualTo(0.01);
    assertThat(release.bakeTraffic().prometheus())
        .isEqualTo(
            new PrometheusGate(
                "http://127.0.0.1:9090",
                "sum(rate(shop_api_errors_total{site=\"secondary\"}[30s]))",
                0.5,
                true));
  }

  @Test
  void badGatesAreNamed() {
    assertThat(withSection(GATE + "      max: lots\n      onNoData: maybe\n"))
        .containsExactly(
            "release.bake.prometheus.max: \"lots\" is not a number, e.g. 0.5",
            "release.bake.prometheus.onNoData: \"maybe\" is not fail or pass");
    assertThat(withSection("release:\n  bake:\n    prometheus:\n      max: 1\n"))
        .hasSize(2)
        .allMatch(p -> p.startsWith("release.bake.prometheus.url") || p.contains(".query"));
  }

  @Test
  void theUrlFollowsTheOutboundRules() {
    assertThat(withSection(gate("http://prometheus.example:9090")))
        .containsExactly(
            "release.bake.prometheus.url: the URL uses plain http to prometheus.example, which"
                + " would send it in clear: use https");
    assertThat(withSection(gate("http://169.254.169.254/")))
        .containsExactly(
            "release.bake.prometheus.url: the URL points at 169.254.169.254, a link-local or"
                + " cloud-metadata address: refused");
    assertThat(withSection(gate("https://ops:secret@prometheus.example")))
        .containsExactly(
            "release.bake.prometheus.url: the URL carries credentials, which would be recorded in"
                + " the release's history: point it at a Prometheus (or a proxy) that needs none");
  }

  @Test
  void httpsAnywhereIsAllowed() throws Exception {
    assertThat(load(gate("https://prometheus.example/prom")).bakeTraffic().prometheus().url())
        .isEqualTo("https://prometheus.example/prom");
  }

  private static String gate(String url) {
    return "release:\n  bake:\n    prometheus:\n      url: "
        + url
        + "\n      query: up\n      max: 0\n";
  }

  private ReleaseConfig load(String section) throws Exception {
    java.nio.file.Path file = TestConfigs.write(dir, TestConfigs.read("minimal.yml") + section);
    return ConfigLoader.load(file, Map.of()).release();
  }
}
