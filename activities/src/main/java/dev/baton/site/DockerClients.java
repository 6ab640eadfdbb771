package dev.baton.site;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.baton.config.SiteConfig;
import java.time.Duration;

/**
 * Builds each site's Docker client (docker-java over httpclient5) and pings it, so an unreachable
 * engine is reported once, clearly, with the site's name.
 */
public final class DockerClients {
  private DockerClients() {}

  /**
   * No call baton makes takes long (list, inspect, start, stop with a 10 s grace, tag, logs: builds
   * go through Compose), so an engine that accepts and never answers fails the call in this time,
   * not in docker-java's default of minutes.
   */
  static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

  /** A ping answers at once from any engine that is alive. */
  static final Duration PING_TIMEOUT = Duration.ofSeconds(5);

  /** A client for the site's engine; it connects on first use (see {@link #ping}). */
  public static DockerClient create(SiteConfig site) {
    return create(site, RESPONSE_TIMEOUT);
  }

  /** A client whose calls give up after {@link #PING_TIMEOUT}: only for {@link #ping}. */
  static DockerClient forPing(SiteConfig site) {
    return create(site, PING_TIMEOUT);
  }

  private static DockerClient create(SiteConfig site, Duration responseTimeout) {
    DefaultDockerClientConfig.Builder builder =
        DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(site.docker());
    if (site.dockerTls() != null) {
      builder.withDockerTlsVerify(true).withDockerCertPath(DockerTls.certDir(site).toString());
    } else {
      // Without dockerTls, https:// endpoints take their client certificates from the worker's
      // DOCKER_CERT_PATH (or ~/.docker), as the Docker CLI does.
      builder.withDockerTlsVerify(site.docker().startsWith("https://"));
    }
    DefaultDockerClientConfig config = builder.build();
    ApacheDockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .connectionTimeout(Duration.ofSeconds(5))
            .responseTimeout(responseTimeout)
            .build();
    return DockerClientImpl.getInstance(config, http);
  }

  static void ping(SiteConfig site, DockerClient client) {
    try {
      client.pingCmd().exec();
    } catch (RuntimeException e) {
      if (timedOut(e)) {
        throw new SiteException(
            site.id(),
            "the Docker engine at "
                + site.docker()
                + " accepted the connection but did not answer a ping within "
                + PING_TIMEOUT.toSeconds()
                + "s; is it hung (see its log), or overloaded?",
            e);
      }
      throw new SiteException(
          site.id(),
          "the Docker engine at "
              + site.docker()
              + " does not answer ("
              + rootMessage(e)
              + "); "
              + hint(site),
          e);
    }
  }

  private static boolean timedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static String hint(SiteConfig site) {
    if (site.dockerTls() != null) {
      return "is dockerd running there, and does it trust dockerTls.certFile (signed by the CA in"
          + " its --tlscacert) and present a certificate signed by dockerTls.caFile?";
    }
    if (site.docker().startsWith("tcp://")) {
      return "is dockerd running there? If it listens with --tlsverify, set the site's dockerTls"
          + " (caFile, certFile, keyFile)";
    }
    return "is dockerd running there?";
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
