package dev.baton.signature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * An OpenSSH SSHSIG signature as {@code ssh-keygen -Y sign} writes it (OpenSSH's PROTOCOL.sshsig):
 *
 * <pre>
 * -----BEGIN SSH SIGNATURE-----
 * base64 of: "SSHSIG" uint32(1) string(publickey) string(namespace) string(reserved)
 *            string(hash_algorithm) string(string(sig_algorithm) string(raw_signature))
 * -----END SSH SIGNATURE-----
 * </pre>
 *
 * The key signs {@code "SSHSIG" string(namespace) string(reserved) string(hash_algorithm)
 * string(H(message))}. Pure JDK and deterministic, for use inside a Temporal workflow.
 */
public final class SshSignature {
  private static final String BEGIN = "-----BEGIN SSH SIGNATURE-----";
  private static final String END = "-----END SSH SIGNATURE-----";
  private static final byte[] MAGIC = "SSHSIG".getBytes(StandardCharsets.US_ASCII);

  private final SshPublicKey publicKey;
  private final String namespace;
  private final byte[] reserved;
  private final String hashAlgorithm;
  private final String signatureAlgorithm;
  private final byte[] rawSignature;

  private SshSignature(
      SshPublicKey publicKey,
      String namespace,
      byte[] reserved,
      String hashAlgorithm,
      String signatureAlgorithm,
      byte[] rawSignature) {
    this.publicKey = publicKey;
    this.namespace = namespace;
    this.reserved = reserved;
    this.hashAlgorithm = hashAlgorithm;
    this.signatureAlgorithm = signatureAlgorithm;
    this.rawSignature = rawSignature;
  }

  /**
   * Parses the armored text. Tolerant of how it travels: line breaks anywhere or nowhere, CRLF,
   * surrounding blank space, the two-character escapes {@code \n} {@code \r} {@code \t} left by
   * copying a JSON string by hand (a backslash is never part of a signature, so this cannot change
   * one), and the bare base64 body without the BEGIN/END lines.
   */
  public static SshSignature parse(String armored) {
    if (armored == null || armored.isBlank()) {
      throw new SignatureProblem("no signature given");
    }
    String text = armored.replace("\\r", "\n").replace("\\n", "\n").replace("\\t", "\n").strip();
    boolean begins = text.startsWith(BEGIN);
    boolean ends = text.endsWith(END);
    if (begins != ends || (!begins && (text.contains(BEGIN) || text.contains(END)))) {
      throw new SignatureProblem(
          "malformed signature: it must run from " + BEGIN + " to " + END + ", nothing around it");
    }
    if (begins) {
      text = text.substring(BEGIN.length(), Math.max(BEGIN.length(), text.length() - END.length()));
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(text.replaceAll("\\s+", ""));
    } catch (IllegalArgumentException e) {
      throw new SignatureProblem("malformed signature: not valid base64 between the armor lines");
    }
    return fromBlob(blob);
  }

  private static SshSignature fromBlob(byte[] blob) {
    SshReader in = new SshReader(blob, "signature");
    if (blob.length < MAGIC.length || !Arrays.equals(in.bytes(MAGIC.length), MAGIC)) {
      throw new SignatureProblem("malformed signature: not an SSHSIG signature (no SSHSIG magic)");
    }
    int version = in.uint32();
    if (version != 1) {
      throw new SignatureProblem(
          "malformed signature: SSHSIG version "
              + Integer.toUnsignedString(version)
              + " is not supported (only version 1)");
    }
    SshPublicKey key;
    try {
      key = SshPublicKey.fromBlob(in.string());
    } catch (SignatureProblem e) {
      throw new SignatureProblem("cannot use the signature's key: " + e.getMessage(), e);
    }
    String namespace = in.text();
    if (namespace.isEmpty()) {
      throw new SignatureProblem("malformed signature: empty namespace");
    }
    // Ignored if not empty, as PROTOCOL.sshsig asks, but still part of the signed data.
    byte[] reserved = in.string();
    String hash = in.text();
    if (!hash.equals("sha256") && !hash.equals("sha512")) {
      throw new SignatureProblem(
          "malformed signature: hash algorithm "
              + SignatureProblem.quote(hash)
              + " is not supported (sha256 or sha512)");
    }
    SshReader sig = new SshReader(in.string(), "signature");
    String algorithm = sig.text();
    byte[] raw = sig.string();
    sig.end();
    in.end();
    return new SshSignature(key, namespace, reserved, hash, algorithm, raw);
  }

  /** The key that made the signature, as the signature itself states it. */
  public SshPublicKey publicKey() {
    return publicKey;
  }

  /** The namespace the signer named ({@code ssh-keygen -Y sign -n}). */
  public String namespace() {
    return namespace;
  }

  /** {@code sha256} or {@code sha512}. */
  public String hashAlgorithm() {
    return hashAlgorithm;
  }

  /** The SSH signature algorithm, e.g. {@code ssh-ed25519} or {@code rsa-sha2-512}. */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /**
   * Whether this is {@link #publicKey()}'s signature over {@code message} in {@code namespace}. A
   * different namespace gives {@code false}: a signature made for another purpose never counts.
   */
  public boolean verifies(byte[] message, String namespace) {
    if (!this.namespace.equals(namespace)) {
      return false;
    }
    byte[] digest;
    try {
      String jca = hashAlgorithm.equals("sha256") ? "SHA-256" : "SHA-512";
      digest = MessageDigest.getInstance(jca).digest(message);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256 and SHA-512", e);
    }
    byte[] signed =
        SshReader.concat(
            MAGIC,
            SshReader.encodeString(namespace.getBytes(StandardCharsets.UTF_8)),
            SshReader.encodeString(reserved),
            SshReader.encodeString(hashAlgorithm.getBytes(StandardCharsets.UTF_8)),
            SshReader.encodeString(digest));
    return publicKey.verify(signatureAlgorithm, rawSignature, signed);
  }
}
