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

  /** A client for the site's engine; it connects on first use (see {@link #ping}). */
  public static DockerClient create(SiteConfig site) {
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(site.docker())
            // TLS endpoints (https://) take their client certificates from DOCKER_CERT_PATH.
            .withDockerTlsVerify(site.docker().startsWith("https://"))
            .build();
    ApacheDockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .connectionTimeout(Duration.ofSeconds(5))
            .responseTimeout(Duration.ofMinutes(5))
            .build();
    return DockerClientImpl.getInstance(config, http);
  }

  static void ping(SiteConfig site, DockerClient client) {
    try {
      client.pingCmd().exec();
    } catch (RuntimeException e) {
      throw new SiteException(
          site.id(),
          "the Docker engine at "
              + site.docker()
              + " does not answer ("
              + rootMessage(e)
              + "); is dockerd running there?",
          e);
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
