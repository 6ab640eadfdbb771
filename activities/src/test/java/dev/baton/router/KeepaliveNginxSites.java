package dev.baton.router;

import dev.baton.config.NginxRouterConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Two stand-in sites behind a real nginx whose upstream block keeps idle connections ({@code
 * keepalive 16;} after the included server lines, as scripts/lib/env.sh writes it), traffic on
 * primary, and the router activities that move it. Shared with the bench module's tests (through
 * this module's test-jar), which shift traffic under the load generator that lives there.
 */
final class KeepaliveNginxSites implements AutoCloseable {
  final Backend primary;
  final Backend secondary;
  final Path upstreamFile;
  final LocalNginx nginx;
  final NginxRouterActivities router;

  /** Callers check {@link LocalNginx#installed()} first. */
  KeepaliveNginxSites(Path dir) throws IOException {
    primary = new Backend();
    secondary = new Backend();
    upstreamFile = Files.createDirectories(dir.resolve("upstreams")).resolve("upstream.conf");
    Files.writeString(upstreamFile, "server " + primary.address() + ";\n");
    nginx = new LocalNginx(Files.createDirectories(dir.resolve("nginx")), upstreamFile, true);
    try {
      nginx.start();
    } catch (RuntimeException e) {
      // The caller never gets this object to close: the stand-ins must not outlive the test.
      primary.close();
      secondary.close();
      throw e;
    }
    router =
        new NginxRouterActivities(
            new NginxRouterConfig(
                upstreamFile,
                nginx.config,
                nginx.frontUrl(),
                Map.of("primary", primary.address(), "secondary", secondary.address())));
  }

  /** A shift of {@code percent} of project shop's traffic from primary to secondary. */
  static ShiftRequest shift(int percent) {
    return new ShiftRequest("shop", "primary", "secondary", percent);
  }

  @Override
  public void close() throws Exception {
    try {
      nginx.close();
    } finally {
      primary.close();
      secondary.close();
    }
  }
}
