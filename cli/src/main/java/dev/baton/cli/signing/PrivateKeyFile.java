package dev.baton.cli.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * What the signer needs to know about a key file before it runs ssh-keygen: where the private key
 * is, and whether it is passphrase-protected. ssh-keygen would ask for the passphrase on the
 * terminal (or read it from its stdin, our message), so an encrypted key without an agent is
 * refused up front instead.
 */
final class PrivateKeyFile {
  private static final String OPENSSH_BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
  private static final String OPENSSH_END = "-----END OPENSSH PRIVATE KEY-----";
  private static final String MAGIC = "openssh-key-v1\0";

  private PrivateKeyFile() {}

  /** The private key of {@code keyFile}: itself, or without .pub as ssh-keygen reads it. */
  static Path privateKeyOf(Path keyFile) {
    String name = keyFile.getFileName().toString();
    for (String suffix : new String[] {"-cert.pub", ".pub"}) {
      if (name.endsWith(suffix) && name.length() > suffix.length()) {
        return keyFile.resolveSibling(name.substring(0, name.length() - suffix.length()));
      }
    }
    return keyFile;
  }

  /**
   * Whether {@code privateKey} is passphrase-protected, or empty when that cannot be told (the file
   * is missing, unreadable or in a format not known here; ssh-keygen then has its say).
   */
  static Optional<Boolean> encrypted(Path privateKey) {
    String text;
    try {
      if (!Files.isRegularFile(privateKey)) {
        return Optional.empty();
      }
      text = Files.readString(privateKey, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")
        || text.contains("Proc-Type: 4,ENCRYPTED")) {
      return Optional.of(true); // PKCS#8 or legacy PEM with a passphrase
    }
    int begin = text.indexOf(OPENSSH_BEGIN);
    int end = text.indexOf(OPENSSH_END);
    if (begin < 0 || end < begin) {
      return text.contains("PRIVATE KEY-----") ? Optional.of(false) : Optional.empty();
    }
    try {
      byte[] blob =
          Base64.getMimeDecoder().decode(text.substring(begin + OPENSSH_BEGIN.length(), end));
      // PROTOCOL.key: "openssh-key-v1\0" then string ciphername, "none" when not encrypted.
      int at = MAGIC.length();
      if (blob.length < at + 4
          || !new String(blob, 0, at, StandardCharsets.ISO_8859_1).equals(MAGIC)) {
        return Optional.empty();
      }
      int length =
          ((blob[at] & 0xff) << 24)
              | ((blob[at + 1] & 0xff) << 16)
              | ((blob[at + 2] & 0xff) << 8)
              | (blob[at + 3] & 0xff);
      if (length < 0 || blob.length < at + 4 + length) {
        return Optional.empty();
      }
      String cipher = new String(blob, at + 4, length, StandardCharsets.ISO_8859_1);
      return Optional.of(!cipher.equals("none"));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
