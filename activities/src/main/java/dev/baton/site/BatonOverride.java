package dev.baton.site;

import dev.baton.files.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A compose override file baton applies last, labelling every container with baton, the project and
 * the version. The labels are how {@code describe} knows which version a site runs, without any
 * state file. In {@code images.mode: registry} it also names each built service's image in the
 * registry: by tag when the release builds and pushes, by digest when a site deploys.
 */
final class BatonOverride {
  private BatonOverride() {}

  /**
   * @param composeVersion the {@code version:} of the site's first compose file, or null: Compose
   *     v1 refuses files whose versions differ
   */
  static String render(
      String project, String version, String composeVersion, List<String> services) {
    return render(project, version, composeVersion, services, Map.of());
  }

  /**
   * @param images service to the image it runs instead of the compose files' own (a registry
   *     reference by digest or by tag); the other services keep theirs
   */
  static String render(
      String project,
      String version,
      String composeVersion,
      List<String> services,
      Map<String, String> images) {
    StringBuilder yaml = new StringBuilder("# written by baton on every deploy; do not edit\n");
    if (composeVersion != null) {
      yaml.append("version: \"").append(composeVersion).append("\"\n");
    }
    yaml.append("services:\n");
    for (String service : services) {
      yaml.append("  ").append(service).append(":\n");
      if (images.containsKey(service)) {
        yaml.append("    image: \"").append(images.get(service)).append("\"\n");
      }
      yaml.append("    labels:\n")
          .append("      dev.baton.managed: \"true\"\n")
          .append("      dev.baton.project: \"")
          .append(project)
          .append("\"\n")
          .append("      dev.baton.version: \"")
          .append(version)
          .append("\"\n");
    }
    return yaml.toString();
  }

  static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      AtomicFile.replace(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
