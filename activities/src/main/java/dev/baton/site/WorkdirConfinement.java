package dev.baton.site;

import dev.baton.config.ComposeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps what a deploy reads and writes inside {@code compose.workdir}, links resolved. The config
 * refuses names that climb out ({@code ..}, absolute); a symlink in the workdir (or one a git
 * checkout brought) could still lead a compose file or the env file to any file on the deploy
 * server, or the override baton writes to any place. Checked before every deploy, after the
 * checkout.
 */
final class WorkdirConfinement {
  private WorkdirConfinement() {}

  /** Throws {@link UnsafePathException} naming each file that leads out of the workdir. */
  static void check(String siteId, ComposeConfig compose, Path overrideFile) {
    Path workdir;
    try {
      workdir = compose.workdir().toRealPath(); // the workdir itself may be a link: /srv/shop
    } catch (IOException e) {
      throw new SiteException(siteId, "compose.workdir " + compose.workdir() + ": " + e, e);
    }
    List<String> problems = new ArrayList<>();
    List<String> read = new ArrayList<>(compose.files());
    if (compose.envFile() != null) {
      read.add(compose.envFile());
    }
    for (String name : read) {
      Path file = compose.workdir().resolve(name);
      if (Files.exists(file) && !real(file).startsWith(workdir)) {
        problems.add(name + " leads to " + real(file));
      }
    }
    if (Files.isSymbolicLink(overrideFile)) {
      problems.add(compose.workdir().relativize(overrideFile) + " is a symlink; baton writes it");
    } else if (Files.exists(overrideFile.getParent(), LinkOption.NOFOLLOW_LINKS)
        && !real(overrideFile.getParent()).startsWith(workdir)) {
      problems.add(
          compose.workdir().relativize(overrideFile.getParent())
              + " leads to "
              + real(overrideFile.getParent()));
    }
    if (!problems.isEmpty()) {
      throw new UnsafePathException(
          siteId
              + ": outside compose.workdir "
              + workdir
              + " through a symlink: "
              + String.join("; ", problems)
              + " (keep the compose files, the env file and .baton/ inside the workdir)");
    }
  }

  private static Path real(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize(); // a dangling link: compared as written
    }
  }

  /** A path leaves the workdir: a configuration problem that no retry will change. */
  static final class UnsafePathException extends RuntimeException {
    UnsafePathException(String message) {
      super(message);
    }
  }
}
