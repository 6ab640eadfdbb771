package dev.baton.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.FailureKind;
import dev.baton.config.NginxRouterConfig;
import dev.baton.process.ProcessRunner;
import dev.baton.testing.Fault;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nginx router against a real nginx and two backends, all on 127.0.0.1. */
class NginxRouterActivitiesTest {
  @TempDir Path dir;
  private Backend primary;
  private Backend secondary;
  private LocalNginx nginx;
  private Path upstreamFile;

  @BeforeEach
  void setUp() throws IOException {
    assumeTrue(LocalNginx.installed(), "nginx is not installed at " + LocalNginx.BINARY);
    primary = new Backend();
    secondary = new Backend();
    Path upstreams = Files.createDirectories(dir.resolve("upstreams"));
    upstreamFile = upstreams.resolve("upstream.conf");
    Files.writeString(upstreamFile, "server " + primary.address() + ";\n");
    nginx = new LocalNginx(Files.createDirectories(dir.resolve("nginx")), upstreamFile);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (nginx != null) {
      nginx.close();
    }
    if (primary != null) {
      primary.close();
      secondary.close();
    }
  }

  @Test
  void switchesVerifiesAndARetryAfterAWriteNginxNeverLoadedStillMovesTraffic() throws IOException {
    nginx.start();
    NginxRouterActivities router = router(upstreamFile);
    assertThat(router.currentTarget(new RouterRequest("shop"))).isEqualTo("primary");

    SwitchResult result = router.switchTo(new SwitchRequest("shop", "primary", "secondary"));

    assertThat(result.target()).isEqualTo("secondary");
    assertThat(result.detail())
        .startsWith("nginx upstream " + secondary.address() + " verified in ")
        // The old worker had exited before the verification: a short run of answers sufficed.
        .contains("old workers exited");
    assertThat(Files.readString(upstreamFile)).isEqualTo("server " + secondary.address() + ";\n");
    assertThat(router.currentTarget(new RouterRequest("shop"))).isEqualTo("secondary");
    // A switch back whose worker died between its write and nginx's reload: the file names
    // primary, nginx still sends traffic to secondary. Its retry must not take the file's word.
    Files.writeString(upstreamFile, "server " + primary.address() + ";\n");

    SwitchResult retried = router.switchTo(new SwitchRequest("shop", "secondary", "primary"));

    assertThat(retried.detail()).startsWith("nginx upstream " + primary.address() + " verified");
    assertThat(router.switchTo(new SwitchRequest("shop", "secondary", "primary")).target())
        .as("switching to where traffic already goes is verified again")
        .isEqualTo("primary");
  }

  @Test
  void aMissingUpstreamFileSaysHowToCreateIt() {
    Path missing = dir.resolve("upstreams/nope.conf");
    ApplicationFailure failure = fails(() -> router(missing).currentTarget(request()));

    assertThat(failure.getType()).isEqualTo(FailureKind.BAD_CONFIG.type());
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "router nginx: the upstream file "
                + missing
                + " does not exist (create it with one line such as `server 127.0.0.1:3000;` for"
                + " the active site, include it in nginx's upstream block, or fix"
                + " router.upstreamFile)");
    ApplicationFailure onSwitch =
        fails(() -> router(missing).switchTo(new SwitchRequest("shop", "primary", "secondary")));
    assertThat(onSwitch.getOriginalMessage()).startsWith("router nginx: the upstream file");
  }

  @Test
  @Fault(
      dependency = "nginx",
      fault = "upstream directory not writable",
      outcome = "BAD_CONFIG naming the directory; file untouched; traffic stays")
  void anUnwritableUpstreamDirectoryLeavesTrafficWhereItWas() throws Exception {
    nginx.start();
    Path upstreams = upstreamFile.getParent();
    String before = Files.readString(upstreamFile);
    Runnable unlock = lock(upstreams);
    try {
      ApplicationFailure failure = fails(() -> router(upstreamFile).switchTo(switchToSecondary()));

      assertThat(failure.getType()).isEqualTo(FailureKind.BAD_CONFIG.type());
      assertThat(failure.getOriginalMessage())
          .startsWith("router nginx: cannot write the upstream file " + upstreamFile + " (")
          .contains(
              "baton writes a temp file next to it and renames it, so the directory "
                  + upstreams
                  + " must be a writable directory for the worker's user")
          .endsWith("; traffic stays on primary");
    } finally {
      unlock.run();
    }
    assertThat(Files.readString(upstreamFile)).isEqualTo(before);
    try (var files = Files.list(upstreams)) {
      assertThat(files).containsExactly(upstreamFile);
    }
    assertThat(new SwitchVerifier(nginx.frontUrl()).awaitUpstream(primary.address(), 3)).isNull();
  }

  @Test
  @Fault(
      dependency = "nginx",
      fault = "stopped",
      outcome =
          "non-retryable SWITCH_FAILED saying how to start it; upstream file restored; traffic stays")
  void nginxNotRunningRestoresTheFileAndSaysToStartIt() throws IOException {
    String before = Files.readString(upstreamFile);

    ApplicationFailure failure = fails(() -> router(upstreamFile).switchTo(switchToSecondary()));

    assertThat(failure.getType()).isEqualTo(FailureKind.SWITCH_FAILED.type());
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .startsWith("router nginx: nginx is not running (nginx -s reload -c " + nginx.config)
        .contains("nginx.pid")
        .contains("start it with `nginx -c " + nginx.config + "` and switch again")
        .endsWith("restored " + upstreamFile + ", traffic stays on primary");
    assertThat(failure.getOriginalMessage()).doesNotContain("\n");
    assertThat(Files.readString(upstreamFile)).isEqualTo(before);
  }

  @Test
  @Fault(
      dependency = "nginx",
      fault = "config fails nginx -t",
      outcome = "upstream file restored; traffic stays on the old site")
  void aConfigNginxRejectsIsRestored() throws IOException {
    nginx.start();
    // nginx -t fails: the upstream block would name port 99999.
    NginxRouterConfig config =
        new NginxRouterConfig(
            upstreamFile,
            nginx.config,
            nginx.frontUrl(),
            Map.of("primary", primary.address(), "secondary", "127.0.0.1:99999"));
    String before = Files.readString(upstreamFile);

    ApplicationFailure failure =
        fails(() -> new NginxRouterActivities(config).switchTo(switchToSecondary()));

    assertThat(failure.getOriginalMessage())
        .startsWith("router nginx: nginx rejected the config (nginx -t -q -c " + nginx.config)
        .endsWith("restored " + upstreamFile + ", traffic stays on primary");
    assertThat(Files.readString(upstreamFile)).isEqualTo(before);
    assertThat(new SwitchVerifier(nginx.frontUrl()).awaitUpstream(primary.address(), 3)).isNull();
  }

  private NginxRouterActivities router(Path upstream) {
    return new NginxRouterActivities(
        new NginxRouterConfig(
            upstream,
            nginx.config,
            nginx.frontUrl(),
            Map.of("primary", primary.address(), "secondary", secondary.address())));
  }

  private static RouterRequest request() {
    return new RouterRequest("shop");
  }

  private static SwitchRequest switchToSecondary() {
    return new SwitchRequest("shop", "primary", "secondary");
  }

  private static ApplicationFailure fails(Runnable call) {
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, call::run);
    assertThat(failure).as("an ApplicationFailure").isNotNull();
    return failure;
  }

  /**
   * Makes {@code dir} refuse new files, returning how to undo it: read-only permissions, or for
   * root (whom permissions do not stop) the immutable attribute.
   */
  private static Runnable lock(Path dir) throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    Runnable unlock =
        () -> {
          try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        };
    if (!canCreateFileIn(dir)) {
      return unlock;
    }
    boolean immutable = chattr("+i", dir);
    assumeTrue(immutable && !canCreateFileIn(dir), "cannot make " + dir + " unwritable here");
    return () -> {
      chattr("-i", dir);
      unlock.run();
    };
  }

  private static boolean chattr(String flag, Path dir) {
    try {
      return ProcessRunner.run(
              List.of("chattr", flag, dir.toString()), null, Map.of(), Duration.ofSeconds(5))
          .ok();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean canCreateFileIn(Path dir) {
    try {
      Files.delete(Files.createTempFile(dir, "probe", ".tmp"));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
