package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Sample files under src/test/resources/config and helpers to load variations of them. */
public final class TestConfigs {

  private TestConfigs() {}

  /** A config of project "shop" with these sites and nothing else (no router, no release). */
  public static BatonConfig sitesOnly(Path file, List<SiteConfig> sites) {
    return new BatonConfig(
        file, "shop", null, sites, null, null, null, null, null, null, null, null);
  }

  /**
   * A config of project "shop" with these sites and a release section of short test timings
   * (deploys up to 3 minutes) with these smoke checks; nothing else.
   */
  public static BatonConfig withRelease(
      Path file, List<SiteConfig> sites, List<SmokeConfig> smoke) {
    ReleaseConfig release =
        new ReleaseConfig(
            null,
            Duration.ofMinutes(1),
            Duration.ofSeconds(1),
            Duration.ofMinutes(3),
            List.of(),
            List.of(),
            Duration.ZERO,
            Duration.ofMinutes(3),
            null,
            smoke,
            null);
    return new BatonConfig(
        file, "shop", null, sites, null, release, null, null, null, null, null, null);
  }

  /** {@code config} with these images settings. */
  public static BatonConfig withImages(BatonConfig c, ImagesConfig images) {
    return new BatonConfig(
        c.file(),
        c.project(),
        c.temporal(),
        c.sites(),
        c.router(),
        c.release(),
        c.database(),
        c.monitor(),
        c.drill(),
        c.notifications(),
        c.metrics(),
        images);
  }

  static Path resource(String name) {
    try {
      return Path.of(TestConfigs.class.getResource("/config/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String read(String name) {
    try {
      return Files.readString(resource(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** minimal.yml with the first {@code find} replaced; fails if {@code find} is not there. */
  static String minimalWith(String find, String replacement) {
    String yaml = read("minimal.yml");
    assertThat(yaml).as("minimal.yml must contain the text to replace").contains(find);
    return yaml.replaceFirst(java.util.regex.Pattern.quote(find), replacement.replace("$", "\\$"));
  }

  static Path write(Path dir, String yaml) {
    try {
      return Files.writeString(dir.resolve("baton.yml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads {@code file}, expecting it to fail, and returns every rendered problem. */
  static List<String> problemsOf(Path file, Map<String, String> env) {
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, env));
    assertThat(e).as("loading %s should fail", file).isNotNull();
    return e.problems().stream().map(ConfigProblem::render).toList();
  }

  /** Writes {@code yaml} to {@code dir/baton.yml} and returns its problems without the prefix. */
  static List<String> problemsOf(Path dir, String yaml) {
    Path file = write(dir, yaml);
    String prefix = file + ": ";
    List<String> rendered = problemsOf(file, Map.of());
    assertThat(rendered).allSatisfy(p -> assertThat(p).startsWith(prefix));
    return rendered.stream().map(p -> p.substring(prefix.length())).toList();
  }
}
