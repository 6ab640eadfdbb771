package dev.baton.signature;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Map;

/** The per-key-type decoding of SSH key and signature blobs into JCA objects. */
final class SshKeys {
  private static final String ED25519 = "ssh-ed25519";
  private static final String RSA = "ssh-rsa";

  /** ECDSA key type to its JCA curve and digest (RFC 5656 section 6.2.1). */
  private static final Map<String, Curve> ECDSA =
      Map.of(
          "ecdsa-sha2-nistp256", new Curve("nistp256", "secp256r1", "SHA256"),
          "ecdsa-sha2-nistp384", new Curve("nistp384", "secp384r1", "SHA384"),
          "ecdsa-sha2-nistp521", new Curve("nistp521", "secp521r1", "SHA512"));

  private record Curve(String sshName, String jcaName, String digest) {}

  /** The signature bytes in the form the JCA algorithm wants. */
  record Check(String jcaAlgorithm, byte[] signature) {}

  private SshKeys() {}

  static boolean supports(String type) {
    return type.equals(ED25519) || type.equals(RSA) || ECDSA.containsKey(type);
  }

  /** Reads the rest of a key blob whose type string {@code in} has already read. */
  static PublicKey decode(String type, SshReader in) {
    try {
      PublicKey key;
      if (type.equals(ED25519)) {
        byte[] raw = in.string();
        if (raw.length != 32) {
          throw new SignatureProblem("ssh-ed25519 public key is not 32 bytes long");
        }
        // RFC 8032: y little-endian with the top bit of the last byte holding x's parity.
        boolean xOdd = (raw[31] & 0x80) != 0;
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
          bigEndian[i] = raw[31 - i];
        }
        bigEndian[0] &= 0x7f;
        EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, bigEndian));
        key =
            KeyFactory.getInstance("Ed25519")
                .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
      } else if (type.equals(RSA)) {
        BigInteger e = in.mpint();
        BigInteger n = in.mpint();
        // OpenSSH refuses RSA keys under 1024 bits (SSH_RSA_MINIMUM_MODULUS_SIZE).
        if (n.bitLength() < 1024) {
          throw new SignatureProblem("ssh-rsa key is too short: " + n.bitLength() + " bits");
        }
        key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
      } else {
        Curve curve = ECDSA.get(type);
        String name = in.text();
        if (!name.equals(curve.sshName())) {
          throw new SignatureProblem(type + " key names curve " + SignatureProblem.quote(name));
        }
        ECParameterSpec params = curve(curve.jcaName());
        key =
            KeyFactory.getInstance("EC")
                .generatePublic(new ECPublicKeySpec(point(in.string(), params), params));
      }
      in.end();
      return key;
    } catch (GeneralSecurityException e) {
      throw new SignatureProblem(type + " public key is invalid: " + e.getMessage(), e);
    }
  }

  /**
   * The JCA algorithm and signature bytes for an SSH signature, or null when the bytes are
   * malformed. Refuses algorithms that do not fit the key type, and SHA-1 RSA.
   */
  static Check check(String type, PublicKey key, String sigAlgorithm, byte[] signature) {
    if (type.equals(RSA)) {
      String jca =
          switch (sigAlgorithm) {
            case "rsa-sha2-256" -> "SHA256withRSA";
            case "rsa-sha2-512" -> "SHA512withRSA";
            case "ssh-rsa" ->
                throw new SignatureProblem(
                    "the signature uses SHA-1 (\"ssh-rsa\"), which is refused:"
                        + " sign with a current ssh-keygen (it uses rsa-sha2-512)");
            default -> throw misfit(type, sigAlgorithm);
          };
      // OpenSSH accepts signatures shorter than the modulus (leading zeros dropped); the JDK
      // wants exactly the modulus length, so pad on the left as ssh_rsa_verify does.
      int length = (((RSAPublicKey) key).getModulus().bitLength() + 7) / 8;
      if (signature.length > length) {
        return null;
      }
      byte[] padded = new byte[length];
      System.arraycopy(signature, 0, padded, length - signature.length, signature.length);
      return new Check(jca, padded);
    }
    if (!sigAlgorithm.equals(type)) {
      throw misfit(type, sigAlgorithm);
    }
    if (type.equals(ED25519)) {
      return signature.length == 64 ? new Check("Ed25519", signature) : null;
    }
    // ECDSA: the SSH blob holds mpint r, mpint s. The JDK's P1363 form takes r || s, each padded
    // to the group order's length, which spares a hand-written DER encoder.
    SshReader in = new SshReader(signature, "ECDSA signature");
    BigInteger r;
    BigInteger s;
    try {
      r = in.mpint();
      s = in.mpint();
      in.end();
    } catch (SignatureProblem malformed) {
      return null;
    }
    ECParameterSpec params = curve(ECDSA.get(type).jcaName());
    int length = (params.getOrder().bitLength() + 7) / 8;
    byte[] rs = new byte[2 * length];
    if (!fixed(r, rs, 0, length) || !fixed(s, rs, length, length)) {
      return null;
    }
    return new Check(ECDSA.get(type).digest() + "withECDSAinP1363Format", rs);
  }

  private static boolean fixed(BigInteger value, byte[] out, int offset, int length) {
    byte[] raw = value.toByteArray();
    int skip = raw.length > 1 && raw[0] == 0 ? 1 : 0;
    int size = raw.length - skip;
    if (size > length) {
      return false;
    }
    System.arraycopy(raw, skip, out, offset + length - size, size);
    return true;
  }

  private static SignatureProblem misfit(String type, String sigAlgorithm) {
    return new SignatureProblem(
        "signature algorithm "
            + SignatureProblem.quote(sigAlgorithm)
            + " does not fit a "
            + type
            + " key");
  }

  private static ECParameterSpec curve(String name) {
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec(name));
      return params.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no curve " + name, e);
    }
  }

  /** Decodes an uncompressed SEC1 point (0x04 || X || Y) and checks that it is on the curve. */
  private static ECPoint point(byte[] encoded, ECParameterSpec params) {
    EllipticCurve curve = params.getCurve();
    BigInteger p = ((ECFieldFp) curve.getField()).getP();
    int length = (p.bitLength() + 7) / 8;
    if (encoded.length != 1 + 2 * length || encoded[0] != 0x04) {
      throw new SignatureProblem("ECDSA public key is not an uncompressed curve point");
    }
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(encoded, 1, 1 + length));
    BigInteger y = new BigInteger(1, Arrays.copyOfRange(encoded, 1 + length, encoded.length));
    BigInteger left = y.multiply(y).mod(p);
    BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
    if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0 || !left.equals(right)) {
      throw new SignatureProblem("ECDSA public key is not a point on its curve");
    }
    return new ECPoint(x, y);
  }
}
