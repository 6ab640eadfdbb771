package dev.baton.config;

import java.nio.file.Path;

/**
 * Where the Temporal frontend is, which namespace baton's workflows live in, what the namespace
 * offers, and where the payload encryption keys are.
 *
 * @param searchAttributes the namespace has the search attributes BatonProject, BatonVersion and
 *     BatonStep (Keyword), so releases set them; see docs/config.md for registering them
 * @param encryptionKeyEnv environment variable holding the payload keys; null when not used
 * @param encryptionKeyFile file holding the payload keys; null when not used. Without either,
 *     payloads are stored as plain JSON (they carry ids and versions, never secrets).
 */
public record TemporalConfig(
    String address,
    String namespace,
    boolean searchAttributes,
    String encryptionKeyEnv,
    Path encryptionKeyFile) {

  public static final String DEFAULT_ADDRESS = "127.0.0.1:7233";
  public static final String DEFAULT_NAMESPACE = "default";

  public TemporalConfig(String address, String namespace) {
    this(address, namespace, false, null, null);
  }

  public boolean encrypted() {
    return encryptionKeyEnv != null || encryptionKeyFile != null;
  }
}
