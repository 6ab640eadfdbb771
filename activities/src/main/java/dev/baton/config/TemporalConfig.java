package dev.baton.config;

/**
 * Where the Temporal frontend is and which namespace baton's workflows live in.
 *
 * @param searchAttributes the namespace has the search attributes BatonProject, BatonVersion and
 *     BatonStep (Keyword), so releases set them; see docs/config.md for registering them
 */
public record TemporalConfig(String address, String namespace, boolean searchAttributes) {

  public TemporalConfig(String address, String namespace) {
    this(address, namespace, false);
  }

  public static final String DEFAULT_ADDRESS = "127.0.0.1:7233";
  public static final String DEFAULT_NAMESPACE = "default";
}
