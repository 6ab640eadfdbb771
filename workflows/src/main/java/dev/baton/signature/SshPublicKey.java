package dev.baton.signature;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

/**
 * An OpenSSH public key: ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa. Certificates and FIDO
 * (sk-*) keys are refused with a message. Pure JDK and deterministic (no I/O, clock or randomness),
 * so a Temporal workflow may use it. Two keys are equal when their blobs are.
 */
public final class SshPublicKey {
  private final String type;
  private final byte[] blob;
  private final PublicKey javaKey;

  private SshPublicKey(String type, byte[] blob, PublicKey javaKey) {
    this.type = type;
    this.blob = blob;
    this.javaKey = javaKey;
  }

  /** Parses {@code keytype base64 [comment]}, the format of a .pub file or authorized_keys. */
  public static SshPublicKey parse(String text) {
    String[] fields = text.strip().split("[ \t]+", 3);
    if (fields.length < 2 || fields[0].isEmpty()) {
      throw new SignatureProblem("not an SSH public key: expected \"keytype base64 [comment]\"");
    }
    refuseUnsupported(fields[0]);
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(fields[1]);
    } catch (IllegalArgumentException e) {
      throw new SignatureProblem("the " + fields[0] + " public key is not valid base64");
    }
    SshPublicKey key = fromBlob(blob);
    if (!key.type.equals(fields[0])) {
      throw new SignatureProblem(
          "public key says " + fields[0] + " but its data holds a " + key.type + " key");
    }
    return key;
  }

  /** Parses the SSH wire encoding of a public key (RFC 4253 section 6.6, RFC 5656, RFC 8709). */
  public static SshPublicKey fromBlob(byte[] blob) {
    byte[] copy = blob.clone();
    SshReader in = new SshReader(copy, "public key");
    String type = in.text();
    refuseUnsupported(type);
    return new SshPublicKey(type, copy, SshKeys.decode(type, in));
  }

  private static void refuseUnsupported(String type) {
    if (type.endsWith("-cert-v01@openssh.com")) {
      throw new SignatureProblem(
          "SSH certificates are not supported ("
              + SignatureProblem.quote(type)
              + "):"
              + " use the plain public key");
    }
    if (type.startsWith("sk-")) {
      throw new SignatureProblem(
          "FIDO security-key keys are not supported ("
              + SignatureProblem.quote(type)
              + "):"
              + " use an ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa key");
    }
    if (!SshKeys.supports(type)) {
      throw new SignatureProblem(
          "unsupported key type "
              + SignatureProblem.quote(type)
              + " (supported: ssh-ed25519, ecdsa-sha2-nistp256/384/521, ssh-rsa)");
    }
  }

  /** The SSH key type, e.g. {@code ssh-ed25519}. */
  public String type() {
    return type;
  }

  /** The SSH wire encoding of the key (a copy). */
  public byte[] blob() {
    return blob.clone();
  }

  /** {@code SHA256:} and the unpadded base64 SHA-256 of the blob, as {@code ssh-keygen -l}. */
  public String fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  /** The key as a JCA public key (EdEC, EC or RSA). */
  public PublicKey toJavaKey() {
    return javaKey;
  }

  /** {@code keytype base64}, the public-key line without a comment. */
  public String toOpenSsh() {
    return type + " " + Base64.getEncoder().encodeToString(blob);
  }

  /**
   * Whether {@code signature} (the raw bytes of an SSH signature blob, after its algorithm name) is
   * this key's signature over {@code data} with the SSH signature algorithm {@code sigAlgorithm}. A
   * bad or malformed signature gives {@code false}; an algorithm that does not fit the key, or
   * SHA-1 {@code ssh-rsa}, is refused with a {@link SignatureProblem}.
   */
  public boolean verify(String sigAlgorithm, byte[] signature, byte[] data) {
    SshKeys.Check check = SshKeys.check(type, javaKey, sigAlgorithm, signature);
    if (check == null) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance(check.jcaAlgorithm());
      verifier.initVerify(javaKey);
      verifier.update(data);
      return verifier.verify(check.signature());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // The JDK throws rather than answers false for some malformed signatures (an Ed25519
      // signature that is not a curve point, say): that is still "does not verify".
      return false;
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SshPublicKey key && Arrays.equals(blob, key.blob);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(blob);
  }

  @Override
  public String toString() {
    return type + " " + fingerprint();
  }
}
