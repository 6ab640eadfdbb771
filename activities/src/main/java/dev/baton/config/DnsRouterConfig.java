package dev.baton.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code router.type: dns}: one DNS record, kept by a provider's API, names the active site. The
 * API token is never held here: it is read when needed, so a rotated token is picked up without a
 * restart and no config object (or workflow history) can leak it.
 *
 * @param provider the DNS provider's API; see {@link #PROVIDERS}
 * @param apiUrl the provider's API base URL, without a trailing slash
 * @param zoneId the provider's id of the zone that holds the record
 * @param recordName the record's full name, e.g. {@code shop.example.com}
 * @param recordType {@code A}, {@code AAAA} or {@code CNAME}
 * @param ttl seconds; 1 means the provider's automatic TTL
 * @param tokenEnv environment variable holding the API token; null when tokenFile is used
 * @param tokenFile absolute path of a file holding the API token; null when tokenEnv is used
 * @param connectTimeout how long one API call may take to connect
 * @param readTimeout how long one API call may wait for the provider's answer
 * @param targets site id to the record content that sends clients to that site, in file order
 * @param allowHttpLoopback apiUrl may be plain http to this machine (a local API relay)
 */
public record DnsRouterConfig(
    String provider,
    String apiUrl,
    String zoneId,
    String recordName,
    String recordType,
    int ttl,
    String tokenEnv,
    Path tokenFile,
    Duration connectTimeout,
    Duration readTimeout,
    Map<String, String> targets,
    boolean allowHttpLoopback)
    implements RouterConfig {

  public static final String TYPE = "dns";
  public static final String CLOUDFLARE = "cloudflare";
  public static final List<String> PROVIDERS = List.of(CLOUDFLARE);
  public static final String CLOUDFLARE_API = "https://api.cloudflare.com/client/v4";

  public DnsRouterConfig {
    targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
  }

  @Override
  public String type() {
    return TYPE;
  }

  /** Reads the API token from the process environment or the token file. */
  public String token() {
    return token(System.getenv());
  }

  /** Reads the API token from {@code env} or the token file. */
  public String token(Map<String, String> env) {
    return Secrets.read(
            "router.tokenEnv",
            tokenEnv,
            "router.tokenFile",
            tokenFile,
            env,
            "the " + provider + " API token that may edit " + recordName)
        .strip();
  }
}
