package dev.baton.worker;

import dev.baton.config.Secrets;
import dev.baton.config.TemporalConfig;
import dev.baton.process.Redaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys that encrypt what baton stores in Temporal, read by the CLI and the workers from
 * an environment variable or a file ({@code temporal.encryptionKeyEnv} / {@code
 * encryptionKeyFile}). One key per line, {@code ID BASE64-OF-32-BYTES}; the first line is the key
 * new payloads get, the others still decrypt older ones, so a key rotates by adding a line on top
 * (on every machine) and removing the old one once no running workflow uses it. Blank lines and
 * lines starting with {@code #} are ignored.
 */
public record PayloadKeys(String currentId, Map<String, SecretKeySpec> keys) {

  /** The configured keys, or empty when payloads are not encrypted. */
  public static Optional<PayloadKeys> from(TemporalConfig temporal, Map<String, String> env) {
    if (!temporal.encrypted()) {
      return Optional.empty();
    }
    if (temporal.encryptionKeyEnv() == null) {
      requirePrivate(temporal.encryptionKeyFile());
    }
    String text =
        Secrets.read(
            "temporal.encryptionKeyEnv",
            temporal.encryptionKeyEnv(),
            "temporal.encryptionKeyFile",
            temporal.encryptionKeyFile(),
            env,
            "the payload keys, docs/security.md");
    String source =
        temporal.encryptionKeyEnv() != null
            ? "environment variable " + temporal.encryptionKeyEnv()
            : temporal.encryptionKeyFile().toString();
    return Optional.of(parse(text, source));
  }

  /**
   * Refuses a key file that users other than its owner may read or write (POSIX permissions): they
   * could decrypt everything in the namespace, or swap the keys. A file system without POSIX
   * permissions is not checked; a file that is missing is reported when it is read.
   */
  static void requirePrivate(Path file) {
    Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException | IOException e) {
      return;
    }
    Set<PosixFilePermission> shared = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission p : perms) {
      if (!p.name().startsWith("OWNER_")) {
        shared.add(p);
      }
    }
    if (!shared.isEmpty()) {
      throw Secrets.fail(
          "temporal.encryptionKeyFile",
          file
              + " has permissions "
              + PosixFilePermissions.toString(perms)
              + ": group or others may use the payload keys; refused until only its owner can"
              + " (chmod 600 "
              + file
              + ")");
    }
  }

  /** Parses the key lines; every problem names the source and the line, never the key. */
  public static PayloadKeys parse(String text, String source) {
    Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    String current = null;
    int lineNo = 0;
    for (String line : text.split("\\R|;")) {
      lineNo++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] parts = trimmed.split("\\s+");
      if (parts.length != 2 || !parts[0].matches("[A-Za-z0-9._-]{1,64}")) {
        throw new IllegalArgumentException(
            source
                + " line "
                + lineNo
                + ": expected \"ID BASE64KEY\" (ID: letters, digits, . _ -)");
      }
      byte[] key;
      try {
        key = Base64.getDecoder().decode(parts[1]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            source + " line " + lineNo + ": key " + parts[0] + " is not base64");
      }
      if (key.length != 32) {
        throw new IllegalArgumentException(
            source
                + " line "
                + lineNo
                + ": key "
                + parts[0]
                + " has "
                + key.length
                + " bytes; AES-256 needs 32 (head -c 32 /dev/urandom | base64)");
      }
      Redaction.secret(parts[1]);
      if (keys.put(parts[0], new SecretKeySpec(key, "AES")) != null) {
        throw new IllegalArgumentException(
            source + " line " + lineNo + ": key id " + parts[0] + " appears twice");
      }
      current = current == null ? parts[0] : current;
    }
    if (current == null) {
      throw new IllegalArgumentException(source + " holds no key (one \"ID BASE64KEY\" per line)");
    }
    return new PayloadKeys(current, Map.copyOf(keys));
  }
}
