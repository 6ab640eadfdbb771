package dev.baton.router;

/**
 * A DNS provider's API, narrowed to the one record baton moves between sites (zone, name and type
 * come from {@code router} in baton.yml). Implementations throw {@link DnsProviderException} and
 * must never put the API token in a message. To add a provider, implement this, add its name to
 * {@code DnsRouterConfig.PROVIDERS} and construct it in {@link DnsRouterActivities#provider}.
 */
interface DnsProvider {

  /** The provider's name as written in {@code router.provider}. */
  String name();

  /** The configured record; exactly one must exist. */
  DnsRecord find();

  /** Sets the record's content and TTL, returning the record as the provider now holds it. */
  DnsRecord update(String id, String content, int ttl);

  /** Reads the record back by id. */
  DnsRecord get(String id);
}
