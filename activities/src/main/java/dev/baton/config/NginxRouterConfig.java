package dev.baton.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code router.type: nginx}: an nginx upstream file names the active site.
 *
 * @param upstreamFile absolute path of the file baton rewrites atomically on a switch
 * @param nginxConfig absolute path passed to {@code nginx -t} and {@code nginx -s reload}
 * @param frontUrl the router's own listener, probed to verify a switch
 * @param upstreams site id to the {@code host:port} nginx proxies to, in file order
 * @param accessLog absolute path of nginx's access log in baton's format ({@code log_format baton
 *     '$msec $status ...'}), read to count the request errors of a drill; null when not configured
 */
public record NginxRouterConfig(
    Path upstreamFile,
    Path nginxConfig,
    String frontUrl,
    Map<String, String> upstreams,
    Path accessLog)
    implements RouterConfig {

  public static final String TYPE = "nginx";

  public NginxRouterConfig {
    upstreams = Collections.unmodifiableMap(new LinkedHashMap<>(upstreams));
  }

  /** Without an access log. */
  public NginxRouterConfig(
      Path upstreamFile, Path nginxConfig, String frontUrl, Map<String, String> upstreams) {
    this(upstreamFile, nginxConfig, frontUrl, upstreams, null);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
