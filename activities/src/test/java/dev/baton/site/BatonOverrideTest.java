package dev.baton.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.baton.config.ComposeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatonOverrideTest {
  @TempDir Path dir;

  @Test
  void labelsEveryServiceOfEveryFileAndCopiesTheComposeFileVersion() throws Exception {
    Files.writeString(
        dir.resolve("docker-compose.yml"),
        "version: '3.8'\nservices:\n  api:\n    image: shop-api:${VERSION}\n");
    Files.writeString(dir.resolve("site.yml"), "services:\n  web:\n    image: w\n  api: {}\n");
    ComposeFiles files =
        new ComposeFiles(
            new ComposeConfig(
                dir, List.of("docker-compose.yml", "site.yml"), null, "shop-primary"));
    assertThat(files.services()).containsExactly("api", "web");
    String yaml = BatonOverride.render("shop", "v2", files.version(), files.services());
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
    Files.writeString(dir.resolve("compose.yml"), "services:\n  api:\n    image: x\n");
    ComposeFiles files =
        new ComposeFiles(new ComposeConfig(dir, List.of("compose.yml"), null, "p"));
    assertThat(files.version()).isNull();
    assertThat(BatonOverride.render("shop", "v1", null, List.of("api")))
        .doesNotContain("\nversion:");
  }

  @Test
  void inModeRegistryEveryServiceRunningABuiltImageGetsItsRegistryImage() throws Exception {
    // As in the shop: the smoke test has no build and runs the api's image.
    Files.writeString(
        dir.resolve("compose.yml"),
        """
        services:
          api:
            image: shop-api:${VERSION}
            build: ./api
          smoke:
            image: shop-api:${VERSION}
            profiles: [smoke]
          db:
            image: postgres:15
        """);
    ComposeFiles files =
        new ComposeFiles(new ComposeConfig(dir, List.of("compose.yml"), null, "p"));
    String api = "127.0.0.1:5000/shop/api@sha256:" + "a".repeat(64);

    assertThat(files.built()).containsExactly("api");
    assertThat(files.imageOwners()).containsExactly(entry("api", "api"), entry("smoke", "api"));
    String yaml =
        BatonOverride.render(
            "shop", "v2", null, files.services(), files.forEveryService(Map.of("api", api)));
    assertThat(yaml)
        .contains("  api:\n    image: \"" + api + "\"\n    labels:\n")
        .contains("  smoke:\n    image: \"" + api + "\"\n    labels:\n")
        .contains("  db:\n    labels:\n");
  }
}
