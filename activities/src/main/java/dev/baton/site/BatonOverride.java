package dev.baton.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A compose override file baton applies last, labelling every container with baton, the project and
 * the version. The labels are how {@code describe} knows which version a site runs, without any
 * state file.
 */
final class BatonOverride {
  private BatonOverride() {}

  /**
   * @param composeVersion the {@code version:} of the site's first compose file, or null: Compose
   *     v1 refuses files whose versions differ
   */
  static String render(
      String project, String version, String composeVersion, List<String> services) {
    StringBuilder yaml = new StringBuilder("# written by baton on every deploy; do not edit\n");
    if (composeVersion != null) {
      yaml.append("version: \"").append(composeVersion).append("\"\n");
    }
    yaml.append("services:\n");
    for (String service : services) {
      yaml.append("  ")
          .append(service)
          .append(":\n    labels:\n")
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
      Path temp = Files.createTempFile(file.getParent(), ".baton-override", ".tmp");
      Files.writeString(temp, content);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
