package dev.baton.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GitSourceTest {
  private final Path dir = Path.of("/srv/shop");

  @Test
  void aVersionThatLooksLikeAnOptionIsNeverReadAsOne() {
    assertThat(GitSource.resolveArgs(dir, "--upload-pack=touch /tmp/x"))
        .containsExactly(
            "git",
            "-C",
            "/srv/shop",
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            "--upload-pack=touch /tmp/x^{commit}");
    assertThat(GitSource.checkoutArgs(dir, "8d2fcd1a"))
        .containsExactly("git", "-C", "/srv/shop", "checkout", "--force", "--detach", "8d2fcd1a");
  }

  @Test
  void cloneSeparatesTheUrlFromOptions() {
    assertThat(GitSource.cloneArgs("/tmp/git/shop.git", dir))
        .containsExactly("git", "clone", "--no-checkout", "--", "/tmp/git/shop.git", "/srv/shop");
    assertThat(GitSource.fetchArgs(dir))
        .containsExactly(
            "git", "-C", "/srv/shop", "fetch", "--tags", "--force", "--prune", "origin");
  }
}
