package dev.baton.site;

import dev.baton.config.GitConfig;
import dev.baton.process.CommandResult;
import dev.baton.process.ProcessRunner;
import dev.baton.process.Redaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Checks a version (tag, branch or commit) out of the site's git source, as the guide's {@code
 * clone.sh} does, and tells its commit. The argument lists are built by static methods so they can
 * be asserted without git.
 */
final class GitSource {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private final String siteId;
  private final GitConfig git;

  GitSource(String siteId, GitConfig git) {
    this.siteId = siteId;
    this.git = git;
  }

  /** Returns the short SHA now checked out. */
  String checkout(String version) {
    Path dir = git.checkoutDir();
    if (!Files.isDirectory(dir.resolve(".git"))) {
      run(cloneArgs(git.url(), dir), "git clone");
    }
    run(fetchArgs(dir), "git fetch");
    CommandResult resolved = ProcessRunner.run(resolveArgs(dir, version), null, Map.of(), TIMEOUT);
    if (!resolved.ok()) {
      throw new SiteException(
          siteId,
          "version "
              + version
              + " is not in "
              + Redaction.apply(git.url())
              + " (no such tag, branch or commit: is it pushed?)");
    }
    String commit = resolved.output().strip();
    run(checkoutArgs(dir, commit), "git checkout " + version);
    return commit.substring(0, 12);
  }

  static List<String> cloneArgs(String url, Path dir) {
    return List.of("git", "clone", "--no-checkout", "--", url, dir.toString());
  }

  static List<String> fetchArgs(Path dir) {
    return List.of("git", "-C", dir.toString(), "fetch", "--tags", "--force", "--prune", "origin");
  }

  /**
   * The commit a version names (tag, branch or commit). {@code --end-of-options} keeps a version
   * like {@code --foo} from being read as an option; checkout then gets a plain commit id.
   */
  static List<String> resolveArgs(Path dir, String version) {
    return List.of(
        "git",
        "-C",
        dir.toString(),
        "rev-parse",
        "--verify",
        "--quiet",
        "--end-of-options",
        version + "^{commit}");
  }

  static List<String> checkoutArgs(Path dir, String commit) {
    return List.of("git", "-C", dir.toString(), "checkout", "--force", "--detach", commit);
  }

  private CommandResult run(List<String> command, String what) {
    CommandResult result =
        ProcessRunner.run(command, null, Map.of("GIT_TERMINAL_PROMPT", "0"), TIMEOUT);
    if (!result.ok()) {
      throw new SiteException(
          siteId, what + " failed (exit " + result.exitCode() + "): " + result.tail(5));
    }
    return result;
  }
}
