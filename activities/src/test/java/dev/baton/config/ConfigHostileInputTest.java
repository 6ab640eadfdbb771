package dev.baton.config;

import static dev.baton.config.TestConfigs.minimalWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A baton.yml written to do harm, or by accident enormous: every case is one precise problem (what
 * `baton config validate` prints, exit 2), never a stack trace, a hang or a huge message.
 */
class ConfigHostileInputTest extends ConfigProblemsTestBase {

  @ParameterizedTest
  @ValueSource(strings = {"../../etc/passwd", "/etc/passwd", "ok/../../../etc/shadow"})
  @Fault(
      dependency = "baton.yml",
      fault = "compose file or envFile path leaving compose.workdir (../, absolute)",
      outcome = "one problem naming the key and the path; exit 2")
  void composePathsThatLeaveTheWorkdirAreRefused(String path) {
    assertThat(problems(minimalWith("files: [docker-compose.yml]", "files: [\"" + path + "\"]")))
        .containsExactly(
            "sites[0].compose.files[0]: \""
                + path
                + "\" leaves compose.workdir (name a file inside it, relative to it, without ..)");
    assertThat(
            problems(
                minimalWith(
                    "files: [docker-compose.yml]",
                    "files: [docker-compose.yml]\n      envFile: \"" + path + "\"")))
        .containsExactly(
            "sites[0].compose.envFile: \""
                + path
                + "\" leaves compose.workdir (name a file inside it, relative to it, without ..)");
  }

  @Test
  void aNameThatOnlyLooksLikeClimbingStaysAllowed() {
    String yaml =
        minimalWith("files: [docker-compose.yml]", "files: [sub/../docker-compose.yml, ..x.yml]");
    assertThat(TestConfigs.write(dir, yaml)).isNotNull();
    assertThat(ConfigLoader.load(dir.resolve("baton.yml"), java.util.Map.of()).sites().get(0))
        .isNotNull();
  }

  @Test
  @Fault(
      dependency = "baton.yml",
      fault = "a 4 MB value (over the 3 MB YAML limit)",
      outcome = "one problem: the file is too large for the YAML reader's limit; exit 2")
  void aFourMegabyteValueIsOneShortProblem() {
    String huge = "x".repeat(4 * 1024 * 1024);

    // String.replace, not minimalWith: a regex replacement of 10 MB is what would be slow here.
    var problems =
        problems(TestConfigs.read("minimal.yml").replace("project: shop", "project: " + huge));

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).hasSizeLessThan(400).contains("limit");
  }

  @Test
  @Fault(
      dependency = "baton.yml",
      fault = "YAML bomb (nested aliases)",
      outcome = "never expanded: its keys are named as unknown, in milliseconds; exit 2")
  void aYamlBombIsRefusedBeforeItExpands() {
    StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 12; i++) {
      bomb.append("a").append(i).append(": &a").append(i).append(" [");
      bomb.append(("*a" + (i - 1) + ", ").repeat(9)).append("*a").append(i - 1).append("]\n");
    }
    long started = System.nanoTime();

    var problems = problems(bomb + TestConfigs.read("minimal.yml"));

    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
    // Jackson keeps aliases as references in the tree: nothing expands, the keys are unknown.
    assertThat(problems)
        .hasSize(12)
        .allSatisfy(p -> assertThat(p).contains(": unknown key").hasSizeLessThan(400));
  }

  @Test
  @Fault(
      dependency = "baton.yml",
      fault = "numbers out of range (1e12 failures, a 10^20-day bake, port 1e12)",
      outcome = "one problem per key saying what is allowed; exit 2")
  void hugeNumbersAreProblemsNotOverflows() {
    String yaml =
        TestConfigs.read("minimal.yml")
            + "monitor:\n  failuresBeforeAction: 1000000000000\n"
            + "release:\n  bake: 99999999999999999999d\n"
            + "metrics:\n  port: 1e12\n";

    var problems = problems(yaml);

    assertThat(problems).hasSize(3);
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .isEqualTo(
                        "monitor.failuresBeforeAction: 1000000000000 is too large (an integer of"
                            + " at least 1)"))
        .anySatisfy(p -> assertThat(p).startsWith("release.bake: "))
        .anySatisfy(p -> assertThat(p).startsWith("metrics.port: "));
  }
}
