package dev.baton.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the Temporal frontend is, which namespace baton's workflows live in, what the namespace
 * offers, where the payload encryption keys are, and how the connection is secured.
 *
 * @param searchAttributes the namespace has the search attributes BatonProject, BatonVersion and
 *     BatonStep (Keyword), so releases set them; see docs/config.md for registering them
 * @param encryptionKeyEnv environment variable holding the payload keys; null when not used
 * @param encryptionKeyFile file holding the payload keys; null when not used. Without either,
 *     payloads are stored as plain JSON (they carry ids and versions, never secrets).
 * @param tls TLS (mTLS with a client certificate) to the frontend; null for plain gRPC unless an
 *     API key is set
 * @param apiKeyEnv environment variable holding an API key (Temporal Cloud); null when not used
 * @param apiKeyFile file holding the API key; null when not used
 * @param acceptUnencryptedPayloads with encryption on, still decode payloads that are not encrypted
 *     (written before it was turned on, or Web UI approvals without a codec server); false refuses
 *     them, see docs/security.md
 * @param versionSearchAttribute with {@code searchAttributes}, releases set BatonVersion too; false
 *     keeps the version out of the (never encrypted) search attributes
 */
public record TemporalConfig(
    String address,
    String namespace,
    boolean searchAttributes,
    String encryptionKeyEnv,
    Path encryptionKeyFile,
    TlsConfig tls,
    String apiKeyEnv,
    Path apiKeyFile,
    boolean acceptUnencryptedPayloads,
    boolean versionSearchAttribute) {

  public static final String DEFAULT_ADDRESS = "127.0.0.1:7233";
  public static final String DEFAULT_NAMESPACE = "default";

  public TemporalConfig(String address, String namespace) {
    this(address, namespace, false, null, null, null, null, null);
  }

  /** Unencrypted payloads refused, the version a search attribute when they are on. */
  public TemporalConfig(
      String address,
      String namespace,
      boolean searchAttributes,
      String encryptionKeyEnv,
      Path encryptionKeyFile,
      TlsConfig tls,
      String apiKeyEnv,
      Path apiKeyFile) {
    this(
        address,
        namespace,
        searchAttributes,
        encryptionKeyEnv,
        encryptionKeyFile,
        tls,
        apiKeyEnv,
        apiKeyFile,
        false,
        true);
  }

  public boolean encrypted() {
    return encryptionKeyEnv != null || encryptionKeyFile != null;
  }

  public boolean hasApiKey() {
    return apiKeyEnv != null || apiKeyFile != null;
  }

  /** TLS when configured, and always with an API key: a bearer token must not travel in clear. */
  public boolean usesTls() {
    return tls != null || hasApiKey();
  }

  /** Reads the API key from {@code env} or the key file; ConfigException says what is wrong. */
  public String apiKey(Map<String, String> env) {
    return Secrets.read(
            "temporal.apiKeyEnv", apiKeyEnv, "temporal.apiKeyFile", apiKeyFile, env, "the API key")
        .strip();
  }

  /** The same settings at another address (BATON_TEMPORAL_ADDRESS). */
  public TemporalConfig withAddress(String other) {
    return new TemporalConfig(
        other,
        namespace,
        searchAttributes,
        encryptionKeyEnv,
        encryptionKeyFile,
        tls,
        apiKeyEnv,
        apiKeyFile,
        acceptUnencryptedPayloads,
        versionSearchAttribute);
  }
}
