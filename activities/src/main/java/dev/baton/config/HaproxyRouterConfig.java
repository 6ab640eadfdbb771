package dev.baton.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code router.type: haproxy}: both sites are servers of one HAProxy backend, and HAProxy's
 * runtime API (its admin socket) moves traffic between them without a reload.
 *
 * @param socket absolute path of HAProxy's admin socket ({@code stats socket PATH level admin})
 * @param backend the backend whose servers are the sites
 * @param servers site id to the name of that site's server in {@link #backend}, in file order
 * @param frontUrl the router's own listener, probed to verify a switch
 * @param stateFile absolute path of the server state file HAProxy loads when it starts ({@code
 *     server-state-file} with {@code load-server-state-from-file global}); baton rewrites it after
 *     every change, so a restarted HAProxy keeps the target
 * @param accessLog absolute path of HAProxy's access log in baton's format ({@code log-format
 *     "%Ts.%ms %ST %si:%sp ..."}), read to count the request errors of a drill; null when not
 *     configured
 */
public record HaproxyRouterConfig(
    Path socket,
    String backend,
    Map<String, String> servers,
    String frontUrl,
    Path stateFile,
    Path accessLog)
    implements RouterConfig {

  public static final String TYPE = "haproxy";

  public HaproxyRouterConfig {
    servers = Collections.unmodifiableMap(new LinkedHashMap<>(servers));
  }

  @Override
  public String type() {
    return TYPE;
  }
}
