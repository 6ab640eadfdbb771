package dev.baton.config;

import java.nio.file.Path;
import java.util.List;

/**
 * How one site's stack is described to {@code docker compose}.
 *
 * @param workdir absolute directory holding the compose files
 * @param files compose file names as written, relative to {@code workdir}
 * @param envFile env file as written, relative to {@code workdir}; null when not set
 * @param projectName compose project name; defaults to {@code <project>-<site id>}
 */
public record ComposeConfig(Path workdir, List<String> files, String envFile, String projectName) {

  public ComposeConfig {
    files = List.copyOf(files);
  }
}
