package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.release.TrafficLimits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** release.bake as a duration, or as a mapping with limits on the new site's real traffic. */
class BakeTrafficConfigTest extends ConfigProblemsTestBase {

  @Test
  void aDurationBakeIsJudgedByProbesOnly() throws Exception {
    ReleaseConfig release = load("release:\n  bake: 2m\n");

    assertThat(release.bake()).isEqualTo(Duration.ofMinutes(2));
    assertThat(release.bakeTraffic()).isNull();
  }

  @Test
  void aMappingBakeCarriesItsTrafficLimits() throws Exception {
    ReleaseConfig release =
        load(
            "release:\n  bake:\n    duration: 3m\n    maxErrorRate: 0.5%\n    maxP99: 800ms\n"
                + "    minRequests: 50\n");

    assertThat(release.bake()).isEqualTo(Duration.ofMinutes(3));
    assertThat(release.bakeTraffic())
        .isEqualTo(new TrafficLimits(0.005, Duration.ofMillis(800), 50));
  }

  @Test
  void oneLimitIsEnoughAndMinRequestsDefaults() throws Exception {
    ReleaseConfig release = load("release:\n  bake:\n    maxErrorRate: 1%\n");

    assertThat(release.bake()).isEqualTo(Duration.ofMinutes(5));
    assertThat(release.bakeTraffic())
        .isEqualTo(new TrafficLimits(0.01, null, BakeTrafficReader.DEFAULT_MIN_REQUESTS));
  }

  @Test
  void badLimitsAreNamed() {
    assertThat(withSection("release:\n  bake:\n    maxErrorRate: 150%\n    minRequests: 0\n"))
        .containsExactly(
            "release.bake.maxErrorRate: \"150%\" is not " + BakeTrafficReader.RATE,
            "release.bake.minRequests: 0 is not a number of requests (1 or more)");
    assertThat(withSection("release:\n  bake:\n    duration: 5m\n"))
        .containsExactly(
            "release.bake: a bake mapping sets maxErrorRate, maxP99 or prometheus (or write bake:"
                + " 5m)");
    assertThat(withSection("release:\n  bake:\n    maxErrorRate: 1%\n    maxLatency: 1s\n"))
        .containsExactly(
            "release.bake.maxLatency: unknown key (allowed here: duration, maxErrorRate, maxP99,"
                + " minRequests, prometheus)");
  }

  private ReleaseConfig load(String section) throws Exception {
    java.nio.file.Path file = TestConfigs.write(dir, TestConfigs.read("minimal.yml") + section);
    return ConfigLoader.load(file, Map.of()).release();
  }
}
