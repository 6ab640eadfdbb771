package dev.baton.site;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.config.ComposeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real symlinks: what a deploy reads and writes stays inside compose.workdir, links resolved. */
class WorkdirConfinementTest {
  @TempDir Path tmp;
  private Path workdir;
  private Path outside;

  @BeforeEach
  void lay() throws Exception {
    workdir = Files.createDirectories(tmp.resolve("shop"));
    outside = Files.writeString(tmp.resolve("secrets.env"), "DB_PASSWORD=hunter2\n");
    Files.writeString(workdir.resolve("docker-compose.yml"), "services: {}\n");
  }

  private static ComposeConfig compose(Path workdir, String envFile, String... files) {
    return new ComposeConfig(workdir, List.of(files), envFile, "shop");
  }

  private Path override(Path workdir) {
    return workdir.resolve(".baton").resolve("docker-compose.baton.yml");
  }

  @Test
  void plainFilesAndLinksThatStayInsideAreAllowedAndTheWorkdirItselfMayBeALink() throws Exception {
    Files.createSymbolicLink(workdir.resolve("site.yml"), workdir.resolve("docker-compose.yml"));
    Path linkedWorkdir = Files.createSymbolicLink(tmp.resolve("current"), workdir);
    assertThatCode(
            () ->
                WorkdirConfinement.check(
                    "primary",
                    compose(linkedWorkdir, null, "docker-compose.yml", "site.yml"),
                    override(linkedWorkdir)))
        .doesNotThrowAnyException();
  }

  @Test
  void aComposeFileOrEnvFileThatLinksOutIsRefusedNamingIt() throws Exception {
    Files.createSymbolicLink(workdir.resolve(".env"), outside);
    Files.createDirectories(workdir.resolve("conf"));
    Files.createSymbolicLink(workdir.resolve("conf/prod.yml"), outside);
    assertThatThrownBy(
            () ->
                WorkdirConfinement.check(
                    "primary",
                    compose(workdir, ".env", "docker-compose.yml", "conf/prod.yml"),
                    override(workdir)))
        .isInstanceOf(WorkdirConfinement.UnsafePathException.class)
        .hasMessage(
            "primary: outside compose.workdir "
                + workdir.toRealPath()
                + " through a symlink: conf/prod.yml leads to "
                + outside.toRealPath()
                + "; .env leads to "
                + outside.toRealPath()
                + " (keep the compose files, the env file and .baton/ inside the workdir)");
  }

  @Test
  void theOverrideIsNeverWrittenThroughALink() throws Exception {
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createSymbolicLink(workdir.resolve(".baton"), elsewhere);
    assertThatThrownBy(
            () ->
                WorkdirConfinement.check(
                    "primary", compose(workdir, null, "docker-compose.yml"), override(workdir)))
        .hasMessageContaining(".baton leads to " + elsewhere.toRealPath());

    Files.delete(workdir.resolve(".baton"));
    Files.createDirectories(workdir.resolve(".baton"));
    Files.createSymbolicLink(override(workdir), outside);
    assertThatThrownBy(
            () ->
                WorkdirConfinement.check(
                    "primary", compose(workdir, null, "docker-compose.yml"), override(workdir)))
        .hasMessageContaining(".baton/docker-compose.baton.yml is a symlink; baton writes it");
  }
}
