package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLocateTest {

  @TempDir Path cwd;
  private Path inCwd;
  private Path explicit;
  private Path fromEnv;

  @BeforeEach
  void files() throws IOException {
    inCwd = Files.writeString(cwd.resolve("baton.yml"), "project: cwd\n");
    explicit = Files.writeString(cwd.resolve("explicit.yml"), "project: explicit\n");
    Files.createDirectories(cwd.resolve("etc"));
    fromEnv = Files.writeString(cwd.resolve("etc/env.yml"), "project: env\n");
  }

  @Test
  void explicitFileWinsOverEnvironmentAndCwd() {
    assertThat(ConfigLoader.locate(explicit, Map.of("BATON_CONFIG", fromEnv.toString()), cwd))
        .isEqualTo(explicit);
  }

  @Test
  void relativeExplicitFileResolvesAgainstCwd() {
    assertThat(ConfigLoader.locate(Path.of("explicit.yml"), Map.of(), cwd)).isEqualTo(explicit);
  }

  @Test
  void environmentWinsOverCwd() {
    assertThat(ConfigLoader.locate(null, Map.of("BATON_CONFIG", "etc/env.yml"), cwd))
        .isEqualTo(fromEnv);
  }

  @Test
  void blankEnvironmentFallsBackToCwd() {
    assertThat(ConfigLoader.locate(null, Map.of("BATON_CONFIG", " "), cwd)).isEqualTo(inCwd);
  }

  @Test
  void cwdBatonYmlLast() {
    assertThat(ConfigLoader.locate(null, Map.of(), cwd)).isEqualTo(inCwd);
  }

  @Test
  void missingExplicitFileFailsRatherThanFallingBack() {
    Path missing = cwd.resolve("missing.yml");
    assertThatThrownBy(() -> ConfigLoader.locate(missing, Map.of(), cwd))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "no baton.yml found: looked at "
                + missing
                + " (--config); pass --config FILE or set BATON_CONFIG");
  }

  @Test
  void missingEnvironmentFileFailsRatherThanFallingBack() {
    assertThatThrownBy(() -> ConfigLoader.locate(null, Map.of("BATON_CONFIG", "nope.yml"), cwd))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "no baton.yml found: looked at "
                + cwd.resolve("nope.yml")
                + " (BATON_CONFIG); pass --config FILE or set BATON_CONFIG");
  }

  @Test
  void nothingAnywhere() throws IOException {
    Files.delete(inCwd);
    assertThatThrownBy(() -> ConfigLoader.locate(null, Map.of(), cwd))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "no baton.yml found: looked at "
                + cwd.resolve("baton.yml")
                + " (current directory); pass --config FILE or set BATON_CONFIG");
  }

  @Test
  void directoryIsNotAConfigFile() throws IOException {
    Path directory = Files.createDirectories(cwd.resolve("conf.d"));
    assertThatThrownBy(() -> ConfigLoader.locate(directory, Map.of(), cwd))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("no baton.yml found: looked at " + directory);
  }
}
