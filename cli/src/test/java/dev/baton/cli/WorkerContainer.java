package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.process.CommandResult;
import dev.baton.process.ProcessRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A site's worker as a container of {@code baton-worker:VERSION} on the site's own engine, run as
 * docs/install.md says: host network, the engine's socket and the checkout and git directories
 * mounted at the paths baton.yml names (compose's bind mounts and build contexts are resolved by
 * the engine, on the host), baton.yml at /etc/baton/baton.yml, the Temporal address in the
 * environment.
 */
final class WorkerContainer implements AutoCloseable {
  private static final Path STATE = LocalSites.STATE;
  private final String site;
  private final String image;
  private final String name;

  private WorkerContainer(String site, String image) {
    this.site = site;
    this.image = image;
    this.name = "baton-worker-" + site;
  }

  /** Builds the image into the site's engine with scripts/worker-image; prints what it said. */
  static String buildImage(String site, Path archive) {
    CommandResult built =
        ProcessRunner.run(
            List.of(
                "bash",
                LocalSites.ROOT.resolve("scripts/worker-image").toString(),
                site,
                archive.toString()),
            LocalSites.ROOT,
            Map.of(),
            Duration.ofMinutes(10));
    assertThat(built.exitCode()).as("scripts/worker-image:\n%s", built.output()).isZero();
    System.out.println(built.output()); // its size and build time, for the test's report
    List<String> lines = built.output().lines().toList();
    String image = lines.get(lines.size() - 1);
    assertThat(image).startsWith("baton-worker:");
    return image;
  }

  /** Starts the worker for {@code site} from {@code image}, detached. */
  static WorkerContainer start(String site, String image, Path config, String temporalAddress) {
    WorkerContainer container = new WorkerContainer(site, image);
    String socket = STATE.resolve(site + "/docker.sock").toString();
    String checkouts = STATE.resolve("checkouts").toString();
    String git = STATE.resolve("git").toString();
    container.docker(
        "run",
        "-d",
        "--pull",
        "never",
        "--name",
        container.name,
        "--network",
        "host",
        "-v",
        socket + ":" + socket,
        "-v",
        checkouts + ":" + checkouts,
        "-v",
        git + ":" + git + ":ro",
        "-v",
        config + ":/etc/baton/baton.yml:ro",
        "-e",
        "BATON_TEMPORAL_ADDRESS=" + temporalAddress,
        image,
        site);
    return container;
  }

  /**
   * Returns once the worker says it polls (it prints that after its pollers started), reading its
   * log as it is written; fails with the log when the container exits first or {@code within}
   * passes.
   */
  void awaitPolling(Duration within) throws IOException, InterruptedException {
    Process logs =
        new ProcessBuilder(engineCommand("logs", "--follow", name))
            .redirectErrorStream(true)
            .start();
    // Ends the read below when the worker neither polls nor exits in time.
    CompletableFuture.delayedExecutor(within.toMillis(), TimeUnit.MILLISECONDS)
        .execute(logs::destroy);
    List<String> seen = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(logs.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        seen.add(line);
        if (line.startsWith("baton worker for ") && line.contains(": site " + site)) {
          return;
        }
      }
    } finally {
      logs.destroy();
      logs.waitFor(10, TimeUnit.SECONDS);
    }
    throw new AssertionError(
        name + " did not poll within " + within + "; its log:\n" + String.join("\n", seen));
  }

  String logs() {
    return docker("logs", name).output();
  }

  private CommandResult docker(String... args) {
    CommandResult result =
        ProcessRunner.run(engineCommand(args), null, Map.of(), Duration.ofMinutes(2));
    assertThat(result.exitCode()).as("docker %s:\n%s", args[0], result.output()).isZero();
    return result;
  }

  private List<String> engineCommand(String... args) {
    List<String> command =
        new ArrayList<>(List.of("docker", "-H", "unix://" + STATE.resolve(site + "/docker.sock")));
    command.addAll(List.of(args));
    return command;
  }

  /** Removes the container and the image from the engine. */
  @Override
  public void close() {
    docker("rm", "--force", name);
    docker("rmi", image);
  }
}
