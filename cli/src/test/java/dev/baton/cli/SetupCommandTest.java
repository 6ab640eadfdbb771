package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton setup} against a service that has the attributes (the dev service registers them at
 * start): it says so for each, changes nothing, and tells how releases start using them.
 * (SearchAttributesSetupTest registers them on a service without them.)
 */
class SetupCommandTest {
  @TempDir Path dir;
  private CliHarness harness;

  @BeforeEach
  void start() throws Exception {
    harness = new CliHarness(dir);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void setupListsEachAttributeAndTheSettingThatUsesThem() {
    CliHarness.Run run = CliHarness.ok(harness.baton("setup"));
    assertThat(run.out())
        .contains(
            "search attributes in namespace default on "
                + harness.env().get("BATON_TEMPORAL_ADDRESS"))
        .contains("  BatonProject (Keyword): already registered")
        .contains("  BatonVersion (Keyword): already registered")
        .contains("  BatonStep (Keyword): already registered")
        .contains("temporal.searchAttributes: true");
  }
}
