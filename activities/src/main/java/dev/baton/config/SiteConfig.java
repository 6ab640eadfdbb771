package dev.baton.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One of the two sites.
 *
 * @param id stable identifier, also the key in {@code router.upstreams}
 * @param name display name; the id when the file gives none
 * @param docker Docker endpoint ({@code unix://}, {@code tcp://} or {@code https://})
 * @param dockerTls client certificates for a {@code tcp://} or {@code https://} endpoint that
 *     verifies them ({@code dockerd --tlsverify}); null when the endpoint needs none
 * @param git where to check the version out before building; null when not set
 * @param health app name to the URL checked over HTTP, in file order
 * @param database the site's database; null when not set
 */
public record SiteConfig(
    String id,
    String name,
    String docker,
    ComposeConfig compose,
    GitConfig git,
    Map<String, String> health,
    SiteDatabaseConfig database,
    TlsConfig dockerTls) {

  public SiteConfig {
    health = Collections.unmodifiableMap(new LinkedHashMap<>(health));
  }
}
