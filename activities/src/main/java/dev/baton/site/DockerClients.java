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
              + "); "
              + hint(site),
          e);
    }
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
