package dev.baton.database;

import static dev.baton.database.Activities.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reseed failures that need no database: they happen before baton connects to one. */
class ReseedFailuresTest {

  @Test
  void aFailingCommandIsNonRetryableAndShowsItsOutputAndEnvironment() {
    List<String> command =
        List.of(
            "bash",
            "-c",
            "echo \"site=$BATON_SITE primary=$BATON_PRIMARY_SITE"
                + " at $BATON_PRIMARY_HOST:$BATON_PRIMARY_PORT\"; echo 'no space left' >&2; exit 3");
    try (Activities activities = new Activities(LocalDatabases.config(Map.of(), command))) {
      ApplicationFailure failure = failureOf(() -> activities.reseed("primary", "secondary"));
      assertThat(failure.getType()).isEqualTo("RESEED_FAILED");
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getOriginalMessage())
          .startsWith("site primary: reseed command bash -c ")
          .contains(" exited with 3:")
          .contains(
              "site=primary primary=secondary at 127.0.0.1:" + LocalDatabases.port("secondary"))
          .endsWith("no space left");
    }
  }

  @Test
  void withoutACommandItIsBadConfig() {
    try (Activities activities = new Activities(LocalDatabases.config(Map.of(), List.of()))) {
      ApplicationFailure failure = failureOf(() -> activities.reseed("primary", "secondary"));
      assertThat(failure.getType()).isEqualTo("BAD_CONFIG");
      assertThat(failure.getOriginalMessage())
          .startsWith("site primary has no database.reseedCommand in baton.yml");
    }
  }

  @Test
  void aSiteIsNeverReseededFromItself() {
    try (Activities activities = new Activities(LocalDatabases.config())) {
      ApplicationFailure failure = failureOf(() -> activities.reseed("primary", "primary"));
      assertThat(failure.getType()).isEqualTo("RESEED_FAILED");
    }
  }
}
