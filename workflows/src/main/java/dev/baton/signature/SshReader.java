package dev.baton.signature;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the SSH wire encoding of RFC 4251 section 5 (uint32, string, mpint) from a byte array.
 * Every read checks its bounds, so a truncated or hostile blob ends in a {@link SignatureProblem}
 * naming {@code what} was being read, never in an index exception.
 */
final class SshReader {
  private final byte[] data;
  private final String what;
  private int pos;

  SshReader(byte[] data, String what) {
    this.data = data;
    this.what = what;
  }

  int uint32() {
    need(4);
    int value =
        ((data[pos] & 0xff) << 24)
            | ((data[pos + 1] & 0xff) << 16)
            | ((data[pos + 2] & 0xff) << 8)
            | (data[pos + 3] & 0xff);
    pos += 4;
    return value;
  }

  byte[] bytes(int length) {
    need(length);
    byte[] out = Arrays.copyOfRange(data, pos, pos + length);
    pos += length;
    return out;
  }

  byte[] string() {
    int length = uint32();
    if (length < 0) {
      throw malformed();
    }
    return bytes(length);
  }

  /** A string that must be UTF-8 text (key types, namespaces, algorithm names). */
  String text() {
    return new String(string(), StandardCharsets.UTF_8);
  }

  /** A non-negative mpint; SSH never encodes the RSA or ECDSA values used here as negative. */
  BigInteger mpint() {
    byte[] raw = string();
    if (raw.length > 0 && (raw[0] & 0x80) != 0) {
      throw new SignatureProblem(what + " is malformed: negative integer");
    }
    return new BigInteger(1, raw);
  }

  /** Trailing bytes mean the blob is not what it claims to be; OpenSSH refuses them too. */
  void end() {
    if (pos != data.length) {
      throw new SignatureProblem(
          what + " is malformed: " + (data.length - pos) + " unexpected trailing bytes");
    }
  }

  private void need(int length) {
    if (length < 0 || data.length - pos < length) {
      throw malformed();
    }
  }

  private SignatureProblem malformed() {
    return new SignatureProblem(what + " is malformed: truncated or bad length field");
  }

  /** The SSH string encoding of {@code value}: uint32 length, then the bytes. */
  static byte[] encodeString(byte[] value) {
    int n = value.length;
    byte[] out = new byte[4 + n];
    out[0] = (byte) (n >>> 24);
    out[1] = (byte) (n >>> 16);
    out[2] = (byte) (n >>> 8);
    out[3] = (byte) n;
    System.arraycopy(value, 0, out, 4, n);
    return out;
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }
}
