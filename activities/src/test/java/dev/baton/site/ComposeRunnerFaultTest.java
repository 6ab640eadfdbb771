package dev.baton.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.config.ComposeConfig;
import dev.baton.config.SiteConfig;
import dev.baton.process.CommandException;
import dev.baton.process.ProcessRunner;
import dev.baton.testing.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Compose CLI (and the runner every external command goes through) failing: a compose file
 * it rejects, a workdir that is gone, a command that hangs, a binary that is missing. None of these
 * needs a Docker engine: Compose fails while reading its files.
 */
class ComposeRunnerFaultTest {
  @TempDir Path dir;

  @Test
  @Fault(
      dependency = "Compose CLI",
      fault = "non-zero exit (compose file it rejects)",
      outcome = "SiteException naming the site, the step, the exit code and Compose's last lines")
  void aComposeFileComposeRejectsFailsWithItsExitCodeAndOutput() throws Exception {
    Files.writeString(
        dir.resolve("docker-compose.yml"), "services:\n  api:\n    image: [unclosed\n");

    SiteException e =
        catchThrowableOfType(SiteException.class, () -> runner(dir).build(List.of("api"), "v2"));

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).matches("(?s)dc2: compose build failed \\(exit [1-9][0-9]*\\):\n.+");
    assertThat(e.getMessage()).containsIgnoringCase("yaml");
  }

  @Test
  @Fault(
      dependency = "Compose CLI",
      fault = "compose workdir missing",
      outcome = "SiteException naming the site and the directory, before Compose runs")
  void aMissingWorkdirIsNamedBeforeComposeRuns() {
    Path gone = dir.resolve("gone");

    SiteException e =
        catchThrowableOfType(SiteException.class, () -> runner(gone).up(List.of("api"), "v2"));

    assertThat(e.getMessage())
        .isEqualTo(
            "dc2: compose workdir "
                + gone
                + " does not exist (check sites[].compose.workdir, or git.checkoutDir)");
  }

  @Test
  @Fault(
      dependency = "Compose CLI",
      fault = "hangs (timeout)",
      outcome = "killed at its timeout; CommandException says which command and how long")
  void aCommandThatHangsIsKilledAtItsTimeout() {
    long started = System.nanoTime();

    CommandException e =
        catchThrowableOfType(
            CommandException.class,
            () ->
                ProcessRunner.run(
                    List.of("sh", "-c", "echo started; exec sleep 60"),
                    dir,
                    Map.of(),
                    Duration.ofMillis(300)));

    assertThat(e.getMessage())
        .isEqualTo(
            "sh -c echo started; exec sleep 60 did not finish within PT0.3S and was killed with"
                + " what it started: started");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  @Fault(
      dependency = "Compose CLI",
      fault = "not installed",
      outcome = "CommandException: cannot run it (is it installed?)")
  void aMissingBinarySaysSo() {
    CommandException e =
        catchThrowableOfType(
            CommandException.class,
            () ->
                ProcessRunner.run(
                    List.of("docker-compose-not-here", "up"),
                    dir,
                    Map.of(),
                    Duration.ofSeconds(5)));

    assertThat(e.getMessage())
        .startsWith("cannot run docker-compose-not-here: ")
        .endsWith("(is it installed?)");
  }

  private static ComposeRunner runner(Path workdir) {
    SiteConfig site =
        new SiteConfig(
            "dc2",
            "dc2",
            "unix://" + workdir.resolve("docker.sock"),
            new ComposeConfig(workdir, List.of("docker-compose.yml"), null, "shop-dc2"),
            null,
            Map.of(),
            null,
            null);
    return new ComposeRunner(site, workdir.resolve(".baton/docker-compose.baton.yml"));
  }
}
