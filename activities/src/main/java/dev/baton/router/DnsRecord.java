package dev.baton.router;

/** One DNS record as the provider holds it; {@code id} is the provider's own. */
record DnsRecord(String id, String name, String type, String content, int ttl) {}
