package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code release.migrate}: what it reads, and what it refuses. */
class MigrateConfigTest extends ConfigProblemsTestBase {

  private ReleaseConfig release(String section) {
    String yaml = TestConfigs.read("minimal.yml") + section;
    return ConfigLoader.load(TestConfigs.write(dir, yaml), Map.of()).release();
  }

  @Test
  void readsTheServiceAndTimeout() {
    assertThat(release("release:\n  migrate: {service: migrate, timeout: 90s}\n").migrate())
        .isEqualTo(new MigrateConfig("migrate", Duration.ofSeconds(90)));
  }

  @Test
  void theTimeoutDefaultsToTenMinutesAndNoMigrationIsNull() {
    assertThat(release("release:\n  migrate: {service: migrate}\n").migrate().timeout())
        .isEqualTo(MigrateConfig.DEFAULT_TIMEOUT)
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(release("release:\n  bake: 1m\n").migrate()).isNull();
  }

  @Test
  void aServiceThatIsNotAComposeServiceNameOrAnUnknownKeyIsRefused() {
    assertThat(withSection("release:\n  migrate: {service: \"--rm\", when: always}\n"))
        .containsExactly(
            "release.migrate.when: unknown key (allowed here: service, timeout)",
            "release.migrate.service: \"--rm\" is not a compose service name (a compose service"
                + " name matching "
                + SmokeReader.SERVICE_PATTERN
                + ")");
    assertThat(withSection("release:\n  migrate: migrate\n"))
        .containsExactly(
            "release.migrate: expected a mapping, got a string (a mapping with service and an"
                + " optional timeout)");
  }
}
