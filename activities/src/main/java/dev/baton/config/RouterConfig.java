package dev.baton.config;

/**
 * The front router that decides which site is active; {@code router.type} picks the kind.
 *
 * @see NginxRouterConfig
 * @see HaproxyRouterConfig
 * @see DnsRouterConfig
 */
public sealed interface RouterConfig
    permits NginxRouterConfig, HaproxyRouterConfig, DnsRouterConfig {

  /** The value of {@code router.type}. */
  String type();
}
