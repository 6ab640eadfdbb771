package dev.baton.site;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import dev.baton.FailureKind;
import dev.baton.config.ComposeConfig;
import dev.baton.config.GitConfig;
import dev.baton.config.SiteConfig;
import dev.baton.migrate.MigrateRequest;
import dev.baton.migrate.MigrateResult;
import dev.baton.process.Redaction;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A release's schema migration on the active site: a compose service of the new version, run once
 * in a container named after the release's run ({@code compose run -d --name}), waited for and read
 * through docker-java.
 *
 * <p>Run once, however often the activity is tried: an attempt first looks for the container of its
 * name. Found (an earlier attempt started it, then timed out, lost its worker or its result), it
 * waits for that container and reads its exit code: the migration does not run again. The container
 * is kept after its result is read and removed by the next release's migration, so even an attempt
 * whose result was lost after it ended finds it. (Its name is unique to the run; one-off containers
 * are not services, so it does not count in the site's state.)
 *
 * <p>The active site runs the old version and must not be touched: with git, the new version is
 * checked out beside the site's own checkout (…​.migrate) and its images built there; building
 * changes nothing that runs, and the backfill later finds them built.
 */
final class ServiceMigration {
  private static final Logger log = LoggerFactory.getLogger(ServiceMigration.class);
  static final int TAIL_LINES = 30;
  private static final String ONE_OFF_LABEL = "com.docker.compose.oneoff";
  private static final Duration POLL = Duration.ofMillis(200);

  private final SiteConfig site;
  private final DockerClient docker;
  private final DockerSite containers;

  ServiceMigration(SiteConfig site, DockerClient docker, DockerSite containers) {
    this.site = site;
    this.docker = docker;
    this.containers = containers;
  }

  /** {@code <compose project>-migrate-<first 12 hex digits of sha256(key)>}. */
  static String containerName(String composeProject, String key) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return composeProject + "-migrate-" + HexFormat.of().formatHex(hash).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * The site as the migration sees it: with git, its checkout moved to a sibling directory named
   * {@code <checkoutDir>.migrate}, the compose workdir at the same place inside it.
   */
  static SiteConfig besideTheSite(SiteConfig site) {
    GitConfig git = site.git();
    ComposeConfig compose = site.compose();
    if (git == null || !compose.workdir().startsWith(git.checkoutDir())) {
      return site;
    }
    Path checkout = git.checkoutDir().resolveSibling(git.checkoutDir().getFileName() + ".migrate");
    Path workdir = checkout.resolve(git.checkoutDir().relativize(compose.workdir()));
    return new SiteConfig(
        site.id(),
        site.name(),
        site.docker(),
        new ComposeConfig(workdir, compose.files(), compose.envFile(), compose.projectName()),
        new GitConfig(git.url(), checkout),
        site.health(),
        site.database(),
        site.dockerTls());
  }

  /**
   * The labels of the migration's container, in a file of its own: without git the migration runs
   * in the site's own workdir, whose override file labels what runs there with the old version.
   */
  static Path overrideFile(SiteConfig site) {
    return site.compose().workdir().resolve(".baton").resolve("docker-compose.migrate.yml");
  }

  MigrateResult run(MigrateRequest request, String project) throws InterruptedException {
    long start = System.nanoTime();
    String name = containerName(site.compose().projectName(), request.key());
    InspectContainerResponse found = inspect(name);
    boolean attached = found != null;
    if (attached) {
      log.info("{}: migration {} already started ({}): waiting for it", site.id(), name, request);
    } else {
      removeEarlier(request.service());
      start(request, project, name);
      found = inspect(name);
      if (found == null) {
        throw new SiteException(site.id(), "compose run started no container named " + name);
      }
    }
    if ("created".equals(found.getState().getStatus())) {
      // Created, never started (Compose was stopped in between): the migration has not run.
      try {
        docker.startContainerCmd(found.getId()).exec();
      } catch (NotModifiedException | ConflictException startedMeanwhile) {
        // the attempt that created it started it after all
      }
      found = inspect(name);
    }
    Instant deadline = startedAt(found).plus(request.timeout());
    Integer exit = awaitExit(found.getId(), deadline);
    String output = Redaction.apply(containers.lastLogLines(found.getId(), TAIL_LINES));
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (exit == null) {
      // A migration that runs one transaction per file rolls the unfinished one back.
      stop(found.getId());
      return new MigrateResult(
          request.service(),
          site.id(),
          false,
          -1,
          "did not end within " + request.timeout().toSeconds() + " s; stopped",
          output,
          millis,
          name,
          attached);
    }
    log.info("{}: migration {} ended with exit {} in {} ms", site.id(), name, exit, millis);
    return new MigrateResult(
        request.service(),
        site.id(),
        exit == 0,
        exit,
        "exit " + exit,
        output,
        millis,
        name,
        attached);
  }

  /** Checks the new version out beside the site, builds its images, starts the migration. */
  private void start(MigrateRequest request, String project, String name) {
    SiteConfig beside = besideTheSite(site);
    if (beside.git() != null) {
      new GitSource(site.id(), beside.git()).checkout(request.version());
    }
    Path override = overrideFile(beside);
    WorkdirConfinement.check(site.id(), beside.compose(), override);
    ComposeFiles files = new ComposeFiles(beside.compose());
    List<String> services = files.services();
    if (!services.contains(request.service())) {
      throw ApplicationFailure.newNonRetryableFailure(
          site.id()
              + ": release.migrate runs service '"
              + request.service()
              + "', which the compose files of "
              + request.version()
              + " do not define (they define: "
              + String.join(", ", services)
              + ")",
          FailureKind.BAD_CONFIG.type());
    }
    BatonOverride.write(
        override, BatonOverride.render(project, request.version(), files.version(), services));
    ComposeRunner compose = new ComposeRunner(beside, override);
    compose.build(services, request.version());
    try {
      compose.runDetached(request.service(), request.version(), name);
    } catch (SiteException e) {
      // Another attempt got there first (the name is taken): that one is this migration.
      if (inspect(name) == null) {
        throw e;
      }
    }
  }

  /** Waits until the container has exited; its exit code, or null at the deadline. */
  private Integer awaitExit(String id, Instant deadline) throws InterruptedException {
    while (true) {
      InspectContainerResponse.ContainerState state =
          docker.inspectContainerCmd(id).exec().getState();
      boolean started = state.getStartedAt() != null && !state.getStartedAt().startsWith("0001");
      if (!Boolean.TRUE.equals(state.getRunning()) && started) {
        return state.getExitCodeLong() == null ? -1 : state.getExitCodeLong().intValue();
      }
      if (Instant.now().isAfter(deadline)) {
        return null;
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private void stop(String id) {
    try {
      docker.killContainerCmd(id).exec();
    } catch (NotFoundException | ConflictException gone) {
      // ended, or removed, meanwhile
    }
  }

  /** Exited migration containers of earlier releases: their results were read long ago. */
  private void removeEarlier(String service) {
    List<Container> earlier =
        docker
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(
                Map.of(
                    DockerSite.PROJECT_LABEL,
                    site.compose().projectName(),
                    DockerSite.SERVICE_LABEL,
                    service,
                    ONE_OFF_LABEL,
                    "True"))
            .withStatusFilter(List.of("exited", "dead", "created"))
            .exec();
    for (Container c : earlier) {
      try {
        docker.removeContainerCmd(c.getId()).withForce(true).exec();
      } catch (NotFoundException | ConflictException gone) {
        // removed meanwhile
      }
    }
  }

  private InspectContainerResponse inspect(String name) {
    try {
      return docker.inspectContainerCmd(name).exec();
    } catch (NotFoundException none) {
      return null;
    }
  }

  private static Instant startedAt(InspectContainerResponse container) {
    String started = container.getState().getStartedAt();
    try {
      return started == null || started.startsWith("0001") ? Instant.now() : Instant.parse(started);
    } catch (java.time.format.DateTimeParseException e) {
      return Instant.now();
    }
  }
}
