package dev.baton.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether this machine can run the real-environment tests (Docker engines, nginx, PostgreSQL of
 * {@code scripts/env}): root, and dockerd installed. Where it cannot, a developer's {@code mvn
 * test} skips each such test class with one line saying why; CI ({@code BATON_REQUIRE_REAL_ENV=1},
 * set by {@code .ci/run}) fails instead, so a broken CI machine never passes by skipping.
 */
public final class RealEnvironment {
  public static final String REQUIRE = "BATON_REQUIRE_REAL_ENV";

  private RealEnvironment() {}

  /** Skips (or in CI fails) the calling test class unless the environment can start here. */
  public static void assumeUsable(Class<?> testClass) {
    String missing = missing();
    if (missing == null) {
      return;
    }
    String why = testClass.getSimpleName() + ": needs " + missing;
    if ("1".equals(System.getenv(REQUIRE))) {
      Assertions.fail(why + " (" + REQUIRE + "=1: CI runs every real-environment test)");
    }
    System.err.println(why + "; skipped (`.ci/run` installs it; run as root)");
    Assumptions.abort(why);
  }

  /** What is missing, or null. */
  static String missing() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "root for the local environment (scripts/env)";
    }
    if (!Files.isExecutable(Path.of("/usr/sbin/dockerd"))) {
      return "dockerd (Debian's docker.io)";
    }
    return null;
  }
}
