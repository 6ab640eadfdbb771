package dev.baton.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.config.GitConfig;
import dev.baton.process.CommandResult;
import dev.baton.process.ProcessRunner;
import dev.baton.testing.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real git against a remote that is gone, a version it lacks, and versions that attack it. */
class GitSourceFaultTest {
  @TempDir Path dir;

  @Test
  @Fault(
      dependency = "git",
      fault = "remote gone (non-zero exit of git clone)",
      outcome = "SiteException naming the site, the exit code and git's own message")
  void aRemoteThatIsGoneFailsNamingTheSiteAndGitsMessage() {
    Path gone = dir.resolve("gone.git");

    SiteException e = checkoutFails(gone.toString(), "v1");

    assertThat(e.getMessage())
        .startsWith("dc2: git clone failed (exit 128): ")
        .contains("does not exist");
    assertThat(dir.resolve("checkout")).doesNotExist();
  }

  @Test
  @Fault(
      dependency = "git",
      fault = "version not in the repository",
      outcome = "SiteException: version V is not in URL (is it pushed?)")
  void aVersionTheRemoteLacksSaysSo() {
    Path remote = remoteWithTag("v1");

    SiteException e = checkoutFails(remote.toString(), "v9");

    assertThat(e.getMessage())
        .isEqualTo(
            "dc2: version v9 is not in "
                + remote
                + " (no such tag, branch or commit: is it pushed?)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--output=PWNED", "$(touch PWNED)", "v1;touch PWNED", "-rm"})
  @Fault(
      dependency = "--version",
      fault = "option or shell injection reaching git (API start bypassing every check)",
      outcome = "read as a ref that does not exist: SiteException, no file written, no option run")
  void aHostileVersionIsAMissingRefAndRunsNothing(String template) throws Exception {
    Path remote = remoteWithTag("v1");
    Path pwned = dir.resolve("pwned");
    String version = template.replace("PWNED", pwned.toString());

    SiteException e = checkoutFails(remote.toString(), version);

    assertThat(e.getMessage())
        .isEqualTo(
            "dc2: version "
                + version
                + " is not in "
                + remote
                + " (no such tag, branch or commit: is it pushed?)");
    assertThat(pwned).doesNotExist();
  }

  @Test
  @Fault(
      dependency = "git",
      fault = "credentials in the URL (https://user:token@host/...) and the remote unreachable",
      outcome = "SiteException with git's message and the URL as https://***@host/..., no token")
  void aTokenInTheGitUrlNeverReachesTheMessageWhenTheCloneFails() throws Exception {
    int closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    String url = "http://deploy:ghp_T0KEN@127.0.0.1:" + closed + "/shop.git";

    SiteException e = checkoutFails(url, "v1");

    assertThat(e.getMessage()).startsWith("dc2: git clone failed (exit 128): ");
    assertThat(e.getMessage()).doesNotContain("ghp_T0KEN").doesNotContain("deploy:");
  }

  @Test
  void aTokenInTheGitUrlNeverReachesTheMessageOfAMissingVersion() {
    // A checkout cloned before (from a local repository): the token-bearing URL only names the
    // source in the message, since clone is skipped and fetch uses the checkout's origin.
    Path remote = remoteWithTag("v1");
    git(dir, "clone", "-q", remote.toString(), dir.resolve("checkout").toString());
    String url = "https://deploy:ghp_T0KEN@git.example.test/shop.git";

    SiteException e =
        catchThrowableOfType(
            SiteException.class,
            () -> new GitSource("dc2", new GitConfig(url, dir.resolve("checkout"))).checkout("v9"));

    assertThat(e.getMessage())
        .isEqualTo(
            "dc2: version v9 is not in https://***@git.example.test/shop.git"
                + " (no such tag, branch or commit: is it pushed?)");
  }

  @Test
  void theRealCheckoutOfAnExistingTagGivesItsCommit() throws Exception {
    Path remote = remoteWithTag("v1");
    String sha = git(remote, "rev-parse", "v1").output().strip();

    String checkedOut = new GitSource("dc2", git(remote)).checkout("v1");

    assertThat(sha).startsWith(checkedOut);
    assertThat(dir.resolve("checkout/app.txt")).hasContent("v1");
  }

  private SiteException checkoutFails(String url, String version) {
    SiteException e =
        catchThrowableOfType(
            SiteException.class, () -> new GitSource("dc2", git(Path.of(url))).checkout(version));
    assertThat(e).as("checkout of %s should fail", version).isNotNull();
    return e;
  }

  private GitConfig git(Path remote) {
    return new GitConfig(remote.toString(), dir.resolve("checkout"));
  }

  private Path remoteWithTag(String tag) {
    Path remote = dir.resolve("remote");
    try {
      Files.createDirectories(remote);
      Files.writeString(remote.resolve("app.txt"), tag);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    git(remote, "init", "-q");
    git(remote, "add", "app.txt");
    git(remote, "-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-q", "-m", tag);
    git(remote, "tag", tag);
    return remote;
  }

  private static CommandResult git(Path repo, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
    command.addAll(List.of(args));
    CommandResult result = ProcessRunner.run(command, null, Map.of(), Duration.ofSeconds(30));
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result;
  }
}
