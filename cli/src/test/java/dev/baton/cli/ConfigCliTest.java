package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.Fault;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `baton config validate`, `--help` and `--version`: no Temporal needed. */
class ConfigCliTest {
  @TempDir Path dir;

  @Test
  void aValidConfigPrintsOk() throws Exception {
    Path file = dir.resolve("baton.yml");
    Files.writeString(file, CliHarness.yaml("127.0.0.1:7233"));
    String[] result = baton("config", "validate", "-c", file.toString());
    assertThat(result[0]).isEqualTo("0");
    assertThat(result[1]).isEqualTo("OK: " + file + ", project shop, sites primary, secondary\n");
  }

  @Test
  @Fault(
      dependency = "baton.yml",
      fault = "several problems at once",
      outcome = "every problem printed, one a line; exit 2")
  void aBrokenConfigPrintsEveryProblemAndExitsWithTwo() throws Exception {
    Path file = dir.resolve("baton.yml");
    Files.writeString(
        file,
        CliHarness.yaml("127.0.0.1:7233")
            .replace("bake: 1s", "bake: soon")
            .replace("- id: secondary", "- id: primary")
            .replace("project: shop", "project: shop\ncolour: blue"));
    String[] result = baton("config", "validate", "-c", file.toString());
    assertThat(result[0]).isEqualTo("2");
    assertThat(result[2].lines())
        .hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(line -> assertThat(line).startsWith(file.toString() + ": "))
        .anySatisfy(line -> assertThat(line).contains(": colour: unknown key"))
        .anySatisfy(line -> assertThat(line).contains("sites[1].id: duplicate site id \"primary\""))
        .anySatisfy(line -> assertThat(line).contains("release.bake:"));
  }

  @Test
  void aMissingConfigSaysWhereItLooked() {
    String[] result = baton("config", "validate");
    assertThat(result[0]).isEqualTo("2");
    assertThat(result[2]).contains("no baton.yml found: looked at " + dir.resolve("baton.yml"));
  }

  @Test
  void helpDocumentsTheExitCodesAndVersionNamesBaton() {
    String[] help = baton("--help");
    assertThat(help[0]).isEqualTo("0");
    assertThat(help[1])
        .contains("Exit codes:")
        .contains("3   refused or rejected")
        .contains("4   Temporal cannot be reached")
        .contains("release", "deploy", "worker", "server", "dev", "config");
    assertThat(baton("--version")[1]).startsWith("baton 0.1.0");
    assertThat(baton("release", "start")[0]).isEqualTo("2"); // --version is required
  }

  private String[] baton(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    BatonContext context =
        new BatonContext(
            Map.of(),
            dir,
            c -> {
              throw new AssertionError("no worker in these tests");
            });
    int code = Baton.run(context, new PrintWriter(out), new PrintWriter(err), args);
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }
}
