package dev.baton.site;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import dev.baton.config.SiteConfig;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A version's images in the registry of {@code images.mode: registry}, seen from one site: pushed
 * from its engine, pulled by digest into it, and the digests its containers run. docker-java acts
 * on the engine; the registry's own HTTP API says which digest a tag names.
 */
final class RegistryImages {
  private static final long PUSH_MINUTES = 20;
  private final String project;
  private final String address;
  private final SiteConfig site;
  private final DockerClient docker;
  private final RegistryClient registry;

  /**
   * @param address the registry's host:port
   */
  RegistryImages(String project, String address, SiteConfig site, DockerClient docker) {
    this.project = project;
    this.address = address;
    this.site = site;
    this.docker = docker;
    this.registry = new RegistryClient(address);
  }

  /** The registry repository of {@code service}'s images: {@code registry/project/service}. */
  String repository(String service) {
    return address + "/" + project + "/" + service;
  }

  /** Service to the tag its image has in the registry: {@code registry/project/service:version}. */
  Map<String, String> tags(List<String> services, String version) {
    Map<String, String> tags = new LinkedHashMap<>();
    services.forEach(s -> tags.put(s, repository(s) + ":" + version));
    return tags;
  }

  /** Pushes the services' images (tagged by {@link #tags}) from this site's engine. */
  void push(List<String> services, String version) throws InterruptedException {
    for (String service : services) {
      String repository = repository(service);
      Errors errors = new Errors();
      docker
          .pushImageCmd(repository)
          .withTag(version)
          // An empty credential: the engine wants the header even for a registry without auth.
          .withAuthConfig(new AuthConfig())
          .exec(errors.watch(PushResponseItem.class))
          .awaitCompletion(PUSH_MINUTES, TimeUnit.MINUTES);
      errors.throwIfAny("push of " + repository + ":" + version);
    }
  }

  /**
   * Service to its image by digest ({@code registry/project/service@sha256:…}), for the tag {@code
   * version} of each service's repository as the registry has it now.
   */
  Map<String, String> resolve(List<String> services, String version) {
    Map<String, String> resolved = new TreeMap<>();
    for (String service : services) {
      String path = project + "/" + service;
      try {
        resolved.put(service, repository(service) + "@" + registry.digest(path, version));
      } catch (IllegalStateException missing) {
        throw new MissingImageException(
            site.id(),
            missing.getMessage()
                + ": publish "
                + version
                + " with a release (images.build: true) or push it from CI first");
      } catch (IOException e) {
        throw new SiteException(
            site.id(), "registry " + address + " does not answer: " + e.getMessage());
      }
    }
    return resolved;
  }

  /** Pulls each image by digest that this engine does not have yet. */
  void pull(Map<String, String> byDigest) throws InterruptedException {
    for (String reference : byDigest.values()) {
      if (present(reference)) {
        continue;
      }
      int at = reference.indexOf('@');
      Errors errors = new Errors();
      docker
          .pullImageCmd(reference.substring(0, at))
          .withTag(reference.substring(at + 1))
          .exec(errors.watch(PullResponseItem.class))
          .awaitCompletion(PUSH_MINUTES, TimeUnit.MINUTES);
      errors.throwIfAny("pull of " + reference);
      if (!present(reference)) {
        throw new SiteException(site.id(), "pull of " + reference + " ended without the image");
      }
    }
  }

  private boolean present(String reference) {
    try {
      docker.inspectImageCmd(reference).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /**
   * Service to the registry digest of the image its container runs ({@code repo@sha256:…}), read
   * from the image's RepoDigests: what the engine runs, not what was asked for. A service whose
   * image has no digest in this registry (built on the site) is absent.
   */
  Map<String, String> running(List<Container> containers) {
    Map<String, String> digests = new TreeMap<>();
    for (Container c : containers) {
      String service = c.getLabels().get(DockerSite.SERVICE_LABEL);
      if (service == null || "True".equals(c.getLabels().get("com.docker.compose.oneoff"))) {
        continue;
      }
      List<String> repoDigests;
      try {
        repoDigests = docker.inspectImageCmd(c.getImageId()).exec().getRepoDigests();
      } catch (NotFoundException removed) {
        continue;
      }
      String prefix = repository(service) + "@";
      (repoDigests == null ? List.<String>of() : repoDigests)
          .stream()
              .filter(d -> d.startsWith(prefix))
              .findFirst()
              .ifPresent(d -> digests.put(service, d));
    }
    return digests;
  }

  /** Collects the errors an engine reports inside a push's or pull's progress stream. */
  private final class Errors {
    private final StringBuilder text = new StringBuilder();

    <T extends ResponseItem> ResultCallback.Adapter<T> watch(Class<T> type) {
      return new ResultCallback.Adapter<>() {
        @Override
        public void onNext(T item) {
          if (item.isErrorIndicated()) {
            synchronized (text) {
              text.append(
                      item.getErrorDetail() != null
                          ? item.getErrorDetail().getMessage()
                          : item.getError())
                  .append("; ");
            }
          }
        }
      };
    }

    void throwIfAny(String what) {
      synchronized (text) {
        if (!text.isEmpty()) {
          throw new SiteException(site.id(), what + " failed: " + text.toString().strip());
        }
      }
    }
  }
}
