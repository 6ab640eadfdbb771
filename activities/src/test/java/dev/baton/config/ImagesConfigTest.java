package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.images.ImageMode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code images} section: build on each site unless told to pull from a registry. */
class ImagesConfigTest extends ConfigProblemsTestBase {

  private static ImagesConfig load(Path dir, String section) {
    String yaml = TestConfigs.read("minimal.yml") + section;
    return ConfigLoader.load(TestConfigs.write(dir, yaml), Map.of()).images();
  }

  @Test
  void withoutTheSectionEachSiteBuilds(@TempDir Path dir) {
    assertThat(load(dir, "")).isEqualTo(new ImagesConfig(ImageMode.BUILD, null, true));
  }

  @Test
  void registryModeBuildsOnceByDefault(@TempDir Path dir) {
    assertThat(load(dir, "images:\n  mode: registry\n  registry: 127.0.0.1:5000\n"))
        .isEqualTo(new ImagesConfig(ImageMode.REGISTRY, "127.0.0.1:5000", true));
  }

  @Test
  void registryModeWithoutBuildOnlyResolvesTags(@TempDir Path dir) {
    assertThat(load(dir, "images: {mode: registry, registry: 127.0.0.1:5000, build: false}\n"))
        .isEqualTo(new ImagesConfig(ImageMode.REGISTRY, "127.0.0.1:5000", false));
  }

  @Test
  void registryModeNeedsARegistry() {
    assertThat(withSection("images:\n  mode: registry\n"))
        .containsExactly(
            "images.registry: missing required key with mode: registry (the registry's"
                + " host:port, e.g. 127.0.0.1:5000)");
  }

  @Test
  void anUnknownModeNamesTheModes() {
    assertThat(withSection("images:\n  mode: pull\n"))
        .containsExactly("images.mode: \"pull\" is not a mode (build or registry)");
  }

  @Test
  void aRegistryInModeBuildIsAMistake() {
    assertThat(withSection("images:\n  registry: 127.0.0.1:5000\n"))
        .containsExactly("images.registry: is used only with mode: registry");
  }
}
