package dev.baton.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.ConfigLoader;
import dev.baton.migrate.MigrateStep;
import dev.baton.release.ReleasePolicy;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The temporal section's search-attribute switches, and release.migrate, reach the rules. */
class ReleasePoliciesTest {
  @TempDir Path dir;

  @Test
  void versionSearchAttributeFalseLeavesTheVersionOutOfTheRules() throws Exception {
    ReleasePolicy policy =
        policy("temporal:\n  searchAttributes: true\n  versionSearchAttribute: false\n");

    assertThat(policy.searchAttributes()).isTrue();
    assertThat(policy.omitVersionAttribute()).isTrue();
  }

  @Test
  void byDefaultTheVersionIsASearchAttributeWhenTheyAreOn() throws Exception {
    ReleasePolicy policy = policy("temporal:\n  searchAttributes: true\n");

    assertThat(policy.searchAttributes()).isTrue();
    assertThat(policy.omitVersionAttribute()).isFalse();
  }

  @Test
  void theMigrationReachesTheRulesAndIsNullWithoutOne() throws Exception {
    assertThat(policy("release:\n  migrate: {service: migrate, timeout: 2m}\n").migrate())
        .isEqualTo(new MigrateStep("migrate", Duration.ofMinutes(2)));
    assertThat(policy("").migrate()).isNull();
  }

  private ReleasePolicy policy(String temporalSection) throws Exception {
    String minimal;
    try (InputStream in = getClass().getResourceAsStream("/config/minimal.yml")) {
      minimal = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path file = dir.resolve("baton.yml");
    Files.writeString(file, minimal + temporalSection);
    return ReleasePolicies.from(ConfigLoader.load(file, Map.of()));
  }
}
