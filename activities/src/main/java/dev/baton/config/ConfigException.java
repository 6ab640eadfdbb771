package dev.baton.config;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration cannot be used; {@link #problems()} lists every reason found. */
public class ConfigException extends RuntimeException {

  private final List<ConfigProblem> problems;

  public ConfigException(List<ConfigProblem> problems) {
    this(problems, null);
  }

  public ConfigException(ConfigProblem problem) {
    this(List.of(problem), null);
  }

  public ConfigException(List<ConfigProblem> problems, Throwable cause) {
    super(render(problems), cause);
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String render(List<ConfigProblem> problems) {
    return problems.stream().map(ConfigProblem::render).collect(Collectors.joining("\n"));
  }
}
