package dev.baton.site;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import dev.baton.config.SiteConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What runs on one site, read through docker-java from the compose project's labels. */
final class DockerSite {
  static final String SERVICE_LABEL = "com.docker.compose.service";
  static final String PROJECT_LABEL = "com.docker.compose.project";
  static final String VERSION_LABEL = "dev.baton.version";

  private final SiteConfig site;
  private final DockerClient docker;

  DockerSite(SiteConfig site, DockerClient docker) {
    this.site = site;
    this.docker = docker;
  }

  /** One entry per service, in name order; a service with no container is absent. */
  Map<String, ServiceStatus> services() {
    Map<String, ServiceStatus> byService = new java.util.TreeMap<>();
    for (Container c : containers()) {
      if ("True".equals(c.getLabels().get("com.docker.compose.oneoff"))) {
        continue; // a smoke test or a migration (compose run), not a service
      }
      String service = c.getLabels().getOrDefault(SERVICE_LABEL, c.getId());
      InspectContainerResponse.ContainerState state;
      try {
        state = docker.inspectContainerCmd(c.getId()).exec().getState();
      } catch (NotFoundException removed) {
        // Removed since the list: Compose recreates containers (the deploy creates the queue
        // workers while the health wait polls). Its successor shows up in the next list.
        continue;
      }
      String health = state.getHealth() == null ? null : state.getHealth().getStatus();
      byService.put(
          service,
          new ServiceStatus(
              service,
              c.getId(),
              c.getImage(),
              c.getLabels().getOrDefault(VERSION_LABEL, ""),
              Boolean.TRUE.equals(state.getRunning()),
              health,
              state.getExitCodeLong() == null ? 0 : state.getExitCodeLong()));
    }
    return byService;
  }

  /** Changes to the project's containers, from now until closed. */
  ContainerEvents events() {
    return ContainerEvents.watch(docker, site.compose().projectName());
  }

  List<Container> containers() {
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(PROJECT_LABEL, site.compose().projectName()))
        .exec();
  }

  /**
   * Starts or stops the containers of these services. Returns false when one has no container yet
   * (the caller then creates it through Compose).
   */
  boolean startOrStop(List<String> services, boolean running) {
    List<Container> targets =
        containers().stream()
            .filter(c -> services.contains(c.getLabels().get(SERVICE_LABEL)))
            .toList();
    if (running && targets.size() < services.size()) {
      return false;
    }
    for (Container c : targets) {
      boolean isRunning = "running".equals(c.getState());
      if (running && !isRunning) {
        docker.startContainerCmd(c.getId()).exec();
      } else if (!running && isRunning) {
        docker.stopContainerCmd(c.getId()).withTimeout(10).exec();
      }
    }
    return true;
  }

  /** The last lines a container printed: what an operator needs to see why it is unhealthy. */
  /**
   * Removes the one-off containers of {@code service} that `compose run --rm` left behind: killing
   * the Compose CLI (a timeout, a cancel) does not stop the container it started.
   */
  int removeOneOffs(String service) throws InterruptedException {
    List<Container> found = oneOffs(service);
    for (Container c : found) {
      try {
        docker.removeContainerCmd(c.getId()).withForce(true).exec();
      } catch (com.github.dockerjava.api.exception.ConflictException
          | com.github.dockerjava.api.exception.NotFoundException removing) {
        // --rm got there first: the engine is removing it already, or has
      }
    }
    // A removal under way is not over: wait for it, so the site is as it was when this returns.
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
    while (!oneOffs(service).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    return found.size();
  }

  private List<Container> oneOffs(String service) {
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(
            Map.of(
                PROJECT_LABEL,
                site.compose().projectName(),
                SERVICE_LABEL,
                service,
                "com.docker.compose.oneoff",
                "True"))
        .exec();
  }

  String lastLogLines(String containerId, int lines) {
    List<String> out = new ArrayList<>();
    try {
      docker
          .logContainerCmd(containerId)
          .withStdOut(true)
          .withStdErr(true)
          .withTail(lines)
          .exec(
              new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                  out.add(new String(frame.getPayload(), StandardCharsets.UTF_8).stripTrailing());
                }
              })
          .awaitCompletion(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      out.add("(logs unavailable: " + e.getMessage() + ")");
    }
    return String.join("\n", out);
  }

  /** Adds the git SHA as a second tag of an image, so a version can be traced to its commit. */
  void tagWithCommit(String image, String sha) {
    int at = image.indexOf('@');
    int colon = image.lastIndexOf(':');
    String repository =
        at >= 0
            ? image.substring(0, at) // pulled by digest: the repository before the digest
            : colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
    docker.tagImageCmd(image, repository, "git-" + sha).exec();
  }

  Map<String, String> images(Map<String, ServiceStatus> services) {
    Map<String, String> images = new LinkedHashMap<>();
    services.values().forEach(s -> images.put(s.service(), s.image()));
    return images;
  }
}
