package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigProblemTest {

  @Test
  void rendersFilePathAndMessage() {
    ConfigProblem problem =
        new ConfigProblem(
            "baton.yml", "sites[1].id", "duplicate site id \"primary\" (site ids must be unique)");
    assertThat(problem.render())
        .isEqualTo(
            "baton.yml: sites[1].id: duplicate site id \"primary\" (site ids must be unique)");
    assertThat(problem).hasToString(problem.render());
  }

  @Test
  void leavesOutAMissingFileOrPath() {
    assertThat(new ConfigProblem("baton.yml", "", "the file is empty").render())
        .isEqualTo("baton.yml: the file is empty");
    assertThat(new ConfigProblem(null, null, "no baton.yml found").render())
        .isEqualTo("no baton.yml found");
  }

  @Test
  void exceptionJoinsEveryProblemOnItsOwnLine() {
    ConfigException e =
        new ConfigException(
            List.of(
                new ConfigProblem("a.yml", "x", "one"), new ConfigProblem("a.yml", "y", "two")));
    assertThat(e).isInstanceOf(RuntimeException.class).hasMessage("a.yml: x: one\na.yml: y: two");
    assertThat(e.problems()).extracting(ConfigProblem::path).containsExactly("x", "y");
  }

  @Test
  void exceptionNeedsAProblem() {
    assertThatThrownBy(() -> new ConfigException(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
