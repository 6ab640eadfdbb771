package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteDatabaseConfigTest {

  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/app";

  private static SiteDatabaseConfig fromEnv(String name) {
    return new SiteDatabaseConfig(URL, "app", name, null);
  }

  private static SiteDatabaseConfig fromFile(Path file) {
    return new SiteDatabaseConfig(URL, "app", null, file);
  }

  @Test
  void readsPasswordFromTheGivenEnvironment() {
    assertThat(fromEnv("SHOP_DB_PASSWORD").password(Map.of("SHOP_DB_PASSWORD", "hunter2")))
        .isEqualTo("hunter2");
  }

  @Test
  void readsPasswordFromTheProcessEnvironmentByDefault() {
    String path = System.getenv("PATH");
    assumeThat(path).isNotEmpty();
    assertThat(fromEnv("PATH").password()).isEqualTo(path);
  }

  @Test
  void missingOrEmptyEnvironmentVariableIsAClearError() {
    assertThatThrownBy(() -> fromEnv("SHOP_DB_PASSWORD").password(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "passwordEnv: environment variable SHOP_DB_PASSWORD is not set on this machine (it must hold"
                + " the password of user"
                + " app at "
                + URL
                + ")");
    assertThatThrownBy(() -> fromEnv("SHOP_DB_PASSWORD").password(Map.of("SHOP_DB_PASSWORD", "")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("passwordEnv: environment variable SHOP_DB_PASSWORD is empty");
  }

  @Test
  void readsPasswordFileWithoutItsTrailingNewline(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("pw"), "s3cret pass \n");
    assertThat(fromFile(file).password(Map.of())).isEqualTo("s3cret pass ");
  }

  @Test
  void readsThePasswordFileNamedInTheSampleConfig() {
    BatonConfig config = ConfigLoader.load(TestConfigs.resource("valid/baton.yml"), Map.of());
    assertThat(config.site("secondary").database().password()).isEqualTo("s3cret pass");
  }

  @Test
  void missingOrEmptyPasswordFileIsAClearError(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> fromFile(missing).password(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "passwordFile: cannot read "
                + missing
                + ": NoSuchFileException (it must hold the password of user app at "
                + URL
                + ")");
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    assertThatThrownBy(() -> fromFile(empty).password(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("passwordFile: " + empty + " is empty");
  }

  @Test
  void neitherSourceIsAnError() {
    assertThatThrownBy(() -> new SiteDatabaseConfig(URL, "app", null, null).password(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("passwordEnv: neither passwordEnv nor passwordFile is set (set one of them)");
  }

  @Test
  void toStringNeverShowsAPassword(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("pw"), "hunter2");
    SiteDatabaseConfig db =
        new SiteDatabaseConfig(
            "jdbc:postgresql://h/app?password=hunter2&ssl=true", "app", null, file);
    assertThat(db.password(Map.of())).isEqualTo("hunter2");
    assertThat(db.toString())
        .doesNotContain("hunter2")
        .isEqualTo(
            "SiteDatabaseConfig[url=jdbc:postgresql://h/app?password=***&ssl=true, user=app,"
                + " passwordEnv=null, passwordFile="
                + file
                + ", reseedCommand=[]]");
    SiteConfig site = new SiteConfig("a", "a", "unix:///x", null, null, Map.of(), db, null);
    assertThat(site.toString()).doesNotContain("hunter2");
  }
}
