package dev.baton.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatonOverrideTest {
  @TempDir Path dir;

  @Test
  void labelsEveryServiceAndCopiesTheComposeFileVersion() throws Exception {
    Path base = dir.resolve("docker-compose.yml");
    Files.writeString(base, "version: '3.8'\nservices:\n  api:\n    image: shop-api:${VERSION}\n");
    String yaml =
        BatonOverride.render(
            "shop", "v2", BatonOverride.composeVersion(base), List.of("api", "web"));
    assertThat(yaml)
        .startsWith(
            "# written by baton on every deploy; do not edit\nversion: \"3.8\"\nservices:\n")
        .contains(
            "  api:\n    labels:\n      dev.baton.managed: \"true\"\n"
                + "      dev.baton.project: \"shop\"\n      dev.baton.version: \"v2\"\n")
        .contains("  web:\n    labels:");
  }

  @Test
  void aComposeFileWithoutVersionGivesAnOverrideWithoutOne() throws Exception {
    Path base = dir.resolve("compose.yml");
    Files.writeString(base, "services:\n  api:\n    image: x\n");
    assertThat(BatonOverride.composeVersion(base)).isNull();
    assertThat(BatonOverride.render("shop", "v1", null, List.of("api")))
        .doesNotContain("\nversion:");
  }
}
