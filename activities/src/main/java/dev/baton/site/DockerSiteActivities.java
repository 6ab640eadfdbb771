package dev.baton.site;

import com.github.dockerjava.api.DockerClient;
import dev.baton.FailureKind;
import dev.baton.config.BatonConfig;
import dev.baton.config.SiteConfig;
import dev.baton.images.ImageActivities;
import dev.baton.images.PublishRequest;
import dev.baton.images.PublishResult;
import dev.baton.images.RunningImages;
import dev.baton.migrate.MigrateActivities;
import dev.baton.migrate.MigrateRequest;
import dev.baton.migrate.MigrateResult;
import dev.baton.probe.HttpChecks;
import dev.baton.process.CancellableWork;
import dev.baton.process.PhaseTimer;
import dev.baton.smoke.SmokeActivities;
import dev.baton.smoke.SmokeRequest;
import dev.baton.smoke.SmokeResult;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A site's side effects: git checkout, compose build/up with the real Compose CLI, and docker-java
 * for everything that reads containers and images. One instance per site, on its worker.
 */
public final class DockerSiteActivities
    implements SiteActivities, SmokeActivities, ImageActivities, MigrateActivities {
  private static final Logger log = LoggerFactory.getLogger(DockerSiteActivities.class);
  private final BatonConfig config;
  private final SiteConfig site;
  private final DockerClient client;
  private final DockerClient pingClient;
  private final DockerSite docker;
  private final ComposeRunner compose;
  private final SiteImages images;
  private final HttpChecks http = new HttpChecks(Duration.ofSeconds(2));
  private static final List<Duration> ENGINE_RECHECKS =
      List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2));
  // Compose runs on this site never overlap, not even a retry with its cancelled attempt.
  private final Semaphore composeSlot = CancellableWork.slot();

  public DockerSiteActivities(BatonConfig config, SiteConfig site) {
    this.config = config;
    this.site = site;
    // Connects lazily: a worker may start while its engine is still coming up.
    this.client = DockerClients.create(site);
    this.pingClient = DockerClients.forPing(site);
    this.docker = new DockerSite(site, client);
    this.compose = new ComposeRunner(site, overrideFile());
    this.images = new SiteImages(config, site, client, pingClient, docker);
  }

  @Override
  public SiteState describe(SiteRequest request) {
    return guarded(
        () -> {
          DockerClients.ping(site, pingClient);
          return stateOf(docker.services());
        },
        FailureKind.DEPLOY_FAILED);
  }

  @Override
  public DeployResult deploy(DeployRequest request) {
    try {
      return deployGuarded(request);
    } catch (ApplicationFailure failure) {
      throw unlessEngineDown(failure);
    }
  }

  /**
   * A deploy that failed while the engine does not answer failed because of the engine (it stopped
   * or restarted under the build, the health wait lost it): ENGINE_UNAVAILABLE, which the workflow
   * waits out within release.outageWait. An engine going down still answers for a moment after it
   * killed what ran (a build then fails with exit 137), so it is asked again over a few seconds
   * before the failure is taken as the deploy's own.
   */
  private ApplicationFailure unlessEngineDown(ApplicationFailure failure) {
    if (FailureKind.BAD_CONFIG.type().equals(failure.getType())) {
      return failure;
    }
    for (Duration pause : ENGINE_RECHECKS) {
      try {
        Thread.sleep(pause.toMillis());
        DockerClients.ping(site, pingClient);
      } catch (SiteException down) {
        return ApplicationFailure.newFailureWithCause(
            down.getMessage(), FailureKind.ENGINE_UNAVAILABLE.type(), failure);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return failure;
      }
    }
    return failure;
  }

  private DeployResult deployGuarded(DeployRequest request) {
    return guarded(
        () -> inComposeSlot("deploy", "deploying " + request.version(), () -> deployNow(request)),
        FailureKind.DEPLOY_FAILED);
  }

  /**
   * Runs {@code work} in this site's compose slot (never beside a deploy or another compose run),
   * cancellable, its heartbeats saying what it does and for how long: "deploying v2 on primary for
   * 12s".
   */
  private <T> T inComposeSlot(String name, String doing, java.util.concurrent.Callable<T> work) {
    long start = System.nanoTime();
    return CancellableWork.run(
        composeSlot,
        name + " on " + site.id(),
        () ->
            doing
                + " on "
                + site.id()
                + " for "
                + (System.nanoTime() - start) / 1_000_000_000L
                + "s",
        work);
  }

  /** Runs a service smoke test on this site, never beside a deploy or another compose run. */
  @Override
  public SmokeResult smoke(SmokeRequest request) {
    ServiceSmoke smoke = new ServiceSmoke(site, docker, compose);
    smoke.requireService(request.check());
    return guarded(
        () ->
            inComposeSlot(
                "smoke test",
                "running smoke test " + request.check().describe(),
                () -> {
                  DockerClients.ping(site, pingClient);
                  WorkdirConfinement.check(site.id(), site.compose(), overrideFile());
                  return smoke.run(request);
                }),
        FailureKind.SMOKE_FAILED);
  }

  /**
   * Builds the version's images on this site from its checkout, tagged with the registry's names
   * through an override of its own (the deploy's override stays as the running services need it),
   * pushes them, and answers the digests the registry has for the tags. Without build it only
   * resolves the tags a CI pushed.
   */
  @Override
  public PublishResult publish(PublishRequest request) {
    return guarded(
        () ->
            inComposeSlot(
                "publish", "publishing " + request.version(), () -> images.publish(request)),
        FailureKind.DEPLOY_FAILED);
  }

  @Override
  public RunningImages running(SiteRequest request) {
    return guarded(
        () -> {
          DockerClients.ping(site, pingClient);
          Map<String, String> versions =
              docker.services().values().stream()
                  .collect(Collectors.toMap(ServiceStatus::service, ServiceStatus::version));
          return new RunningImages(site.id(), versions, images.running());
        },
        FailureKind.DEPLOY_FAILED);
  }

  /**
   * Runs the release's migration on this site (the active one), never beside a deploy or another
   * compose run; see {@link ServiceMigration} for how a retry attaches instead of running it again.
   * An engine that does not answer is ENGINE_UNAVAILABLE, which the workflow waits out; anything
   * else that keeps it from running is MIGRATION_FAILED.
   */
  @Override
  public MigrateResult migrate(MigrateRequest request) {
    ServiceMigration migration = new ServiceMigration(site, client, docker);
    try {
      return guarded(
          () ->
              inComposeSlot(
                  "migration",
                  "migrating with " + request.service() + " of " + request.version(),
                  () -> {
                    DockerClients.ping(site, pingClient);
                    return migration.run(request, config.project());
                  }),
          FailureKind.MIGRATION_FAILED);
    } catch (ApplicationFailure failure) {
      throw unlessEngineDown(failure);
    }
  }

  @Override
  public void setActiveOnlyServices(ActiveOnlyRequest request) {
    List<String> activeOnly = config.release().activeOnlyServices();
    if (activeOnly.isEmpty()) {
      return;
    }
    guarded(
        () ->
            CancellableWork.run(
                composeSlot,
                "active-only services on " + site.id(),
                () ->
                    (request.running() ? "starting " : "stopping ")
                        + activeOnly
                        + " on "
                        + site.id(),
                () -> switchActiveOnly(activeOnly, request.running())),
        FailureKind.SWITCH_FAILED);
  }

  private Void switchActiveOnly(List<String> activeOnly, boolean running) {
    long start = System.nanoTime();
    DockerClients.ping(site, pingClient);
    long pinged = System.nanoTime();
    // docker-java on the containers the deploy created: a switch must not wait for the
    // Compose CLI to start up. Compose only when a container is missing.
    if (!docker.startOrStop(activeOnly, running)) {
      WorkdirConfinement.check(site.id(), site.compose(), overrideFile());
      compose.up(activeOnly, currentVersion());
    }
    // The switch step waits for this handover: its share of the switch is worth seeing.
    log.info(
        "{}: {} {} in {} ms (engine ping {} ms)",
        site.id(),
        activeOnly,
        running ? "running" : "stopped",
        (System.nanoTime() - start) / 1_000_000,
        (pinged - start) / 1_000_000);
    return null;
  }

  private DeployResult deployNow(DeployRequest request) throws InterruptedException {
    PhaseTimer timer = new PhaseTimer();
    String version = request.version();
    List<String> activeOnly = config.release().activeOnlyServices();
    DockerClients.ping(site, pingClient);
    String sha = site.git() == null ? null : new GitSource(site.id(), site.git()).checkout(version);
    if (sha != null) {
      timer.done("git");
    }
    WorkdirConfinement.check(site.id(), site.compose(), overrideFile());
    ComposeFiles files = new ComposeFiles(site.compose());
    List<String> all = files.services();
    // Profiled services (a smoke test) are built with the version but never started by a deploy.
    List<String> oneOff = files.profiled();
    List<String> wanted =
        all.stream()
            .filter(s -> request.role() == Role.ACTIVE || !activeOnly.contains(s))
            .filter(s -> !oneOff.contains(s))
            .toList();
    // In mode registry the site pulls the release's digests (or, for `baton deploy`, the ones
    // the registry has for the version's tags now) instead of building.
    Map<String, String> images = request.images();
    if (images == null && config.images().registryMode()) {
      images = this.images.resolve(files.built(), version);
    }
    Map<String, ServiceStatus> before = docker.services();
    if (alreadyRuns(before, wanted, version)
        && (images == null || this.images.runs(images, wanted))) {
      return new DeployResult(
          site.id(),
          version,
          docker.images(before),
          false,
          site.id() + " already runs " + version + ": " + summary(before, wanted));
    }
    BatonOverride.write(
        overrideFile(),
        BatonOverride.render(
            config.project(),
            version,
            files.version(),
            all,
            images == null ? Map.of() : files.forEveryService(images)));
    if (images == null) {
      // Active-only services are built too, so that they can start at once when the site turns
      // active.
      compose.build(all, version);
      timer.done("build");
    } else {
      this.images.pull(images);
      timer.done("pull");
    }
    compose.up(wanted, version);
    timer.done("up");
    // Queue workers never run on a standby; created but stopped, they start fast at the switch.
    // Created while the other services get healthy, since that wait takes seconds anyway.
    List<String> stopHere =
        all.stream().filter(s -> !wanted.contains(s) && !oneOff.contains(s)).toList();
    Map<String, ServiceStatus> after;
    try (SideTask created =
        SideTask.start(
            "create on " + site.id(),
            () -> {
              if (!stopHere.isEmpty()) {
                compose.create(stopHere, version);
              }
            })) {
      after = new HealthWait(site, docker, http).until(wanted, healthTimeout());
      timer.done("healthy");
      created.join();
    }
    if (sha != null) {
      wanted.forEach(s -> docker.tagWithCommit(after.get(s).image(), sha));
    }
    String text =
        site.id()
            + " runs "
            + version
            + (sha == null ? "" : " (" + sha + ")")
            + ": "
            + summary(after, wanted)
            + " "
            + timer.summary();
    log.info("{}", text);
    return new DeployResult(site.id(), version, docker.images(after), true, text);
  }

  private boolean alreadyRuns(
      Map<String, ServiceStatus> services, List<String> wanted, String version) {
    return wanted.stream()
            .allMatch(
                n ->
                    services.containsKey(n)
                        && services.get(n).version().equals(version)
                        && services.get(n).ready())
        && http.failures(site.health()).isEmpty();
  }

  private String currentVersion() {
    return docker.services().values().stream()
        .map(ServiceStatus::version)
        .filter(v -> !v.isEmpty())
        .findFirst()
        .orElseThrow(
            () ->
                new SiteException(
                    site.id(), "no baton-deployed service runs here;" + " deploy a version first"));
  }

  private SiteState stateOf(Map<String, ServiceStatus> services) {
    Map<String, String> versions =
        services.values().stream()
            .collect(
                Collectors.toMap(
                    ServiceStatus::service,
                    ServiceStatus::version,
                    (a, b) -> a,
                    java.util.TreeMap::new));
    boolean healthy =
        !services.isEmpty()
            && services.values().stream()
                .filter(s -> !config.release().activeOnlyServices().contains(s.service()))
                .allMatch(ServiceStatus::ready);
    Map<String, String> states =
        services.values().stream()
            .collect(
                Collectors.toMap(
                    ServiceStatus::service,
                    ServiceStatus::condition,
                    (a, b) -> a,
                    java.util.TreeMap::new));
    return new SiteState(
        site.id(),
        versions,
        healthy,
        services.isEmpty()
            ? "nothing deployed"
            : summary(services, new ArrayList<>(versions.keySet())),
        states,
        images.running());
  }

  private static String summary(Map<String, ServiceStatus> services, List<String> names) {
    return names.stream()
        .map(n -> services.containsKey(n) ? services.get(n).describe() : n + " missing")
        .collect(Collectors.joining(", "));
  }

  /** A little less than the activity's timeout, so the error names the service, not a timer. */
  private Duration healthTimeout() {
    Duration deploy = config.release().deployTimeout();
    return deploy.minus(deploy.dividedBy(10));
  }

  private Path overrideFile() {
    return site.compose().workdir().resolve(".baton").resolve("docker-compose.baton.yml");
  }

  private <T> T guarded(java.util.function.Supplier<T> action, FailureKind kind) {
    try {
      return action.get();
    } catch (ActivityCompletionException cancelled) {
      throw cancelled; // Temporal's own: the attempt is over, its work stopped
    } catch (ApplicationFailure typed) {
      throw typed; // typed where it was found (a service the new version's files lack)
    } catch (UnhealthyServiceException | MissingImageException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), kind.type(), e);
    } catch (WorkdirConfinement.UnsafePathException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          e.getMessage(), FailureKind.BAD_CONFIG.type(), e);
    } catch (SiteException e) {
      // An engine restarting or a flaky git remote may pass: let Temporal retry these.
      throw ApplicationFailure.newFailureWithCause(e.getMessage(), kind.type(), e);
    } catch (RuntimeException e) {
      throw ApplicationFailure.newFailureWithCause(
          site.id() + ": " + DockerClients.rootMessage(e), kind.type(), e);
    }
  }
}
