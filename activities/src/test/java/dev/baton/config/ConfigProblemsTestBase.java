package dev.baton.config;

import static dev.baton.config.TestConfigs.read;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** Loads a broken baton.yml from a temp dir and returns its rendered problems. */
abstract class ConfigProblemsTestBase {
  static final String SITE0_HEALTH = "      api: http://127.0.0.1:3000/health\n";
  static final String DURATION = "(" + Durations.ACCEPTED + ")";

  @TempDir Path dir;

  List<String> problems(String yaml) {
    return TestConfigs.problemsOf(dir, yaml);
  }

  /** minimal.yml with a section appended. */
  List<String> withSection(String yaml) {
    return problems(read("minimal.yml") + yaml);
  }
}
