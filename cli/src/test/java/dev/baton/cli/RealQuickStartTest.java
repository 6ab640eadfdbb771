package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.process.CommandResult;
import dev.baton.process.ProcessRunner;
import dev.baton.testing.EnvLock;
import dev.baton.testing.RealEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's quick start, run as its code block is written: the environment up, v1 on both sites,
 * a release of v2 approved by alice once it waits, followed to its end, everything stopped. One
 * substitution: {@code ./baton} runs the CLI from this build's classpath, because the launcher
 * would build the jar with Maven in the middle of this Maven run (the demo runs the launcher).
 */
class RealQuickStartTest {
  private static boolean locked;
  @TempDir Path dir;

  @BeforeAll
  static void lock() {
    RealEnvironment.assumeUsable(RealQuickStartTest.class);
    EnvLock.acquire();
    locked = true;
  }

  @AfterAll
  static void cleanUp() {
    if (!locked) {
      return; // skipped here: nothing was started
    }
    try {
      LocalSites.env("down");
    } finally {
      EnvLock.release();
    }
  }

  @Test
  void theQuickStartRunsAsPastedAndTheReleaseSucceeds() throws IOException {
    String block = quickStart(Files.readString(LocalSites.ROOT.resolve("README.md")));
    assertThat(block).contains("./baton release approve").contains("scripts/env down");
    // A launcher that execs the JVM, as ./baton does: `./baton dev &` is then the JVM itself,
    // which the block's `kill %1` stops.
    Path launcher = dir.resolve("baton");
    Files.writeString(
        launcher,
        "#!/bin/sh\nexec '"
            + ProcessHandle.current().info().command().orElse("java")
            + "' -cp '"
            + classpath()
            + "' dev.baton.cli.Baton \"$@\"\n");
    assertThat(launcher.toFile().setExecutable(true)).isTrue();
    String script =
        String.join(
            "\n",
            "set -euo pipefail",
            // Whatever the block leaves running when a command fails (baton dev) goes with it.
            "trap 'kill $(jobs -p) 2>/dev/null || true' EXIT",
            block.replace("./baton ", launcher + " "));
    CommandResult run =
        ProcessRunner.run(
            List.of("bash", "-c", script), LocalSites.ROOT, Map.of(), Duration.ofMinutes(10));
    assertThat(run.exitCode())
        .as("the quick start (classpath %s):\n%s", classpath(), run.output())
        .isZero();
    assertThat(run.output()).contains("waiting for approval of switch").contains("release v2 done");
  }

  /** This test's own classpath (surefire hands the JVM a manifest-only jar instead). */
  private static String classpath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  /** The first sh block after the "## Quick start" heading. */
  static String quickStart(String readme) {
    int heading = readme.indexOf("\n## Quick start");
    assertThat(heading).as("README has a quick start").isPositive();
    int start = readme.indexOf("```sh\n", heading) + "```sh\n".length();
    return readme.substring(start, readme.indexOf("```", start));
  }
}
