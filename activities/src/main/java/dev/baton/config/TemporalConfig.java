package dev.baton.config;

/** Where the Temporal frontend is and which namespace baton's workflows live in. */
public record TemporalConfig(String address, String namespace) {

  public static final String DEFAULT_ADDRESS = "127.0.0.1:7233";
  public static final String DEFAULT_NAMESPACE = "default";
}
