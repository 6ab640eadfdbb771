package dev.baton.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.ComposeConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComposeCommandTest {
  private final ComposeConfig compose =
      new ComposeConfig(
          Path.of("/srv/shop"),
          List.of("docker-compose.yml", "docker-compose.primary.yml"),
          ".env.primary",
          "shop-primary");
  private final Path override = Path.of("/srv/shop/.baton/docker-compose.baton.yml");

  @Test
  void upUsesTheSiteFilesTheEnvFileTheOverrideAndNeverBuilds() {
    ComposeCommand v1 = new ComposeCommand(List.of("docker-compose"), compose, override);
    assertThat(v1.up(List.of("api", "web")))
        .containsExactly(
            "docker-compose",
            "--project-name",
            "shop-primary",
            "--env-file",
            "/srv/shop/.env.primary",
            "--file",
            "/srv/shop/docker-compose.yml",
            "--file",
            "/srv/shop/docker-compose.primary.yml",
            "--file",
            "/srv/shop/.baton/docker-compose.baton.yml",
            "up",
            "-d",
            "--no-build",
            "--remove-orphans",
            "api",
            "web");
  }

  @Test
  void composeV2IsTheDockerPlugin() {
    ComposeCommand v2 = new ComposeCommand(List.of("docker", "compose"), compose, override);
    assertThat(v2.build(List.of("api")))
        .startsWith("docker", "compose", "--project-name", "shop-primary")
        .endsWith(override.toString(), "build", "api");
    assertThat(v2.create(List.of("worker")))
        .endsWith("up", "--no-start", "--no-build", "--remove-orphans", "worker");
  }

  @Test
  void aSmokeServiceRunsOnceRemovedAfterwardsWithoutItsDependenciesOrATty() {
    ComposeCommand v1 = new ComposeCommand(List.of("docker-compose"), compose, override);
    assertThat(v1.runOnce("smoke"))
        .startsWith("docker-compose", "--project-name", "shop-primary")
        .endsWith(override.toString(), "run", "--rm", "--no-deps", "-T", "smoke");
  }

  @Test
  void aMigrationRunsInTheBackgroundInAContainerOfItsOwnNameWithoutItsDependencies() {
    ComposeCommand v1 = new ComposeCommand(List.of("docker-compose"), compose, override);
    assertThat(v1.runDetached("migrate", "shop-primary-migrate-0123456789ab"))
        .startsWith("docker-compose", "--project-name", "shop-primary")
        .endsWith(
            override.toString(),
            "run",
            "-d",
            "--name",
            "shop-primary-migrate-0123456789ab",
            "--no-deps",
            "migrate");
  }

  @Test
  void composeV1BuildsTheServicesInParallelAsV2DoesAnyway() {
    ComposeCommand v1 = new ComposeCommand(List.of("/usr/bin/docker-compose"), compose, override);
    assertThat(v1.build(List.of("api", "web")))
        .endsWith(override.toString(), "build", "--parallel", "api", "web");
  }

  @Test
  void withoutAnEnvFileThereIsNoEnvFileFlag() {
    ComposeCommand noEnv =
        new ComposeCommand(
            List.of("docker-compose"),
            new ComposeConfig(Path.of("/srv/shop"), List.of("docker-compose.yml"), null, "p"),
            override);
    assertThat(noEnv.up(List.of())).doesNotContain("--env-file");
  }
}
