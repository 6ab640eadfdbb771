package dev.baton.site;

import dev.baton.config.SiteConfig;
import dev.baton.config.TlsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A site's Docker endpoint with its TLS client certificates ({@code sites[].dockerTls}), in the one
 * form both docker-java and the Docker / Compose CLIs take: a directory holding {@code ca.pem},
 * {@code cert.pem} and {@code key.pem} (DOCKER_CERT_PATH), with DOCKER_TLS_VERIFY set.
 */
public final class DockerTls {
  // One directory of links per set of files for the life of the worker, not one per client.
  private static final Map<TlsConfig, Path> LINK_DIRS = new ConcurrentHashMap<>();

  private DockerTls() {}

  /**
   * What a Docker or Compose CLI process needs in its environment to reach the site's engine:
   * DOCKER_HOST, and with {@code dockerTls} also DOCKER_TLS_VERIFY and DOCKER_CERT_PATH.
   */
  public static Map<String, String> environment(SiteConfig site) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DOCKER_HOST", site.docker());
    if (site.dockerTls() != null) {
      env.put("DOCKER_TLS_VERIFY", "1");
      env.put("DOCKER_CERT_PATH", certDir(site).toString());
    }
    return env;
  }

  /**
   * The directory with {@code ca.pem}, {@code cert.pem} and {@code key.pem}: the files' own one
   * when they are named so, else a private one of symbolic links to them (so renewed files are
   * picked up, as with the files' own directory).
   *
   * @throws SiteException naming the key and the file when one cannot be read
   */
  public static Path certDir(SiteConfig site) {
    TlsConfig tls = site.dockerTls();
    readable(site, "caFile", tls.caFile());
    readable(site, "certFile", tls.certFile());
    readable(site, "keyFile", tls.keyFile());
    Path dir = tls.caFile().getParent();
    if (tls.caFile().equals(dir.resolve("ca.pem"))
        && tls.certFile().equals(dir.resolve("cert.pem"))
        && tls.keyFile().equals(dir.resolve("key.pem"))) {
      return dir;
    }
    return LINK_DIRS.computeIfAbsent(tls, DockerTls::linkDir);
  }

  private static void readable(SiteConfig site, String key, Path file) {
    if (!Files.isReadable(file)) {
      throw new SiteException(
          site.id(),
          "dockerTls."
              + key
              + ": cannot read "
              + file
              + (Files.exists(file) ? " (permission denied)" : " (no such file)"));
    }
  }

  private static Path linkDir(TlsConfig tls) {
    try {
      // createTempDirectory makes it readable by its owner only.
      Path dir = Files.createTempDirectory("baton-docker-tls-");
      Files.createSymbolicLink(dir.resolve("ca.pem"), tls.caFile().toAbsolutePath());
      Files.createSymbolicLink(dir.resolve("cert.pem"), tls.certFile().toAbsolutePath());
      Files.createSymbolicLink(dir.resolve("key.pem"), tls.keyFile().toAbsolutePath());
      // Deleted in reverse order of registration: the links, then the directory.
      dir.toFile().deleteOnExit();
      for (String name : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
        dir.resolve(name).toFile().deleteOnExit();
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot link the Docker TLS files: " + e.getMessage(), e);
    }
  }
}
