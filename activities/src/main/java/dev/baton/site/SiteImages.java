package dev.baton.site;

import com.github.dockerjava.api.DockerClient;
import dev.baton.config.BatonConfig;
import dev.baton.config.SiteConfig;
import dev.baton.images.Digests;
import dev.baton.images.PublishRequest;
import dev.baton.images.PublishResult;
import dev.baton.process.PhaseTimer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One site's part in {@code images.mode: registry}: publishing a version's images from its
 * checkout, resolving and pulling them by digest for a deploy, and reading the digests its
 * containers run. {@link DockerSiteActivities} runs these inside its compose slot and failure
 * mapping.
 */
final class SiteImages {
  private static final Logger log = LoggerFactory.getLogger(SiteImages.class);
  private final BatonConfig config;
  private final SiteConfig site;
  private final DockerClient client;
  private final DockerClient pingClient;
  private final DockerSite docker;

  SiteImages(
      BatonConfig config,
      SiteConfig site,
      DockerClient client,
      DockerClient pingClient,
      DockerSite docker) {
    this.config = config;
    this.site = site;
    this.client = client;
    this.pingClient = pingClient;
    this.docker = docker;
  }

  /**
   * Builds the version's images from the site's checkout, tagged with the registry's names through
   * an override of their own (the deploy's override stays as the running services need it), pushes
   * them and answers the digests the registry has for the tags. Without build it only resolves the
   * tags a CI pushed.
   */
  PublishResult publish(PublishRequest request) throws InterruptedException {
    PhaseTimer timer = new PhaseTimer();
    String version = request.version();
    RegistryImages registry = registry(request.registry());
    DockerClients.ping(site, pingClient);
    String sha = site.git() == null ? null : new GitSource(site.id(), site.git()).checkout(version);
    WorkdirConfinement.check(site.id(), site.compose(), publishFile());
    ComposeFiles files = new ComposeFiles(site.compose());
    List<String> built = files.built();
    if (!request.build()) {
      // A CI pushed the images: the compose files say which services it built.
      Map<String, String> pushed = registry.resolve(built, version);
      return new PublishResult(
          site.id(),
          version,
          pushed,
          version + " as pushed to " + request.registry() + ": " + Digests.describe(pushed));
    }
    BatonOverride.write(
        publishFile(),
        BatonOverride.render(
            config.project(),
            version,
            files.version(),
            files.services(),
            files.forEveryService(registry.tags(built, version))));
    new ComposeRunner(site, publishFile()).build(built, version);
    timer.done("build");
    registry.push(built, version);
    timer.done("push");
    Map<String, String> images = registry.resolve(built, version);
    String text =
        version
            + (sha == null ? "" : " (" + sha + ")")
            + " built on "
            + site.id()
            + " and pushed to "
            + request.registry()
            + ": "
            + Digests.describe(images)
            + " "
            + timer.summary();
    log.info("{}", text);
    return new PublishResult(site.id(), version, images, text);
  }

  /** The digests the registry has now for the version's tags: what `baton deploy` deploys. */
  Map<String, String> resolve(List<String> built, String version) {
    return registry(config.images().registry()).resolve(built, version);
  }

  void pull(Map<String, String> images) throws InterruptedException {
    registry(config.images().registry()).pull(images);
  }

  /** Service to the registry digest it runs; empty unless images come from a registry. */
  Map<String, String> running() {
    return config.images().registryMode()
        ? registry(config.images().registry()).running(docker.containers())
        : Map.of();
  }

  /** Every wanted service that has an image by digest runs exactly that digest. */
  boolean runs(Map<String, String> images, List<String> wanted) {
    Map<String, String> running = running();
    return wanted.stream()
        .filter(images::containsKey)
        .allMatch(
            s ->
                running.containsKey(s)
                    && Digests.digest(running.get(s)).equals(Digests.digest(images.get(s))));
  }

  private RegistryImages registry(String address) {
    return new RegistryImages(config.project(), address, site, client);
  }

  /** The override the publish step builds with: the registry's tags, apart from the deploy's. */
  private Path publishFile() {
    return site.compose().workdir().resolve(".baton").resolve("docker-compose.publish.yml");
  }
}
