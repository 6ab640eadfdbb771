package dev.baton.worker;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM over every payload baton stores in Temporal (workflow inputs and results, activity
 * arguments, queries, signals, updates, failures' details): the whole serialized payload, metadata
 * included, is encrypted, and the key id travels in the new payload's metadata so keys can rotate.
 *
 * <p>A payload that is not encrypted is refused when decoded: whoever can write to the namespace (a
 * Web UI signal, any SDK client) could otherwise slip plain values in. {@code
 * temporal.acceptUnencryptedPayloads: true} lets them through, for turning encryption on while
 * workflows run and for Web UI approvals without a codec server (docs/security.md).
 */
public final class PayloadEncryption implements PayloadCodec {
  static final String ENCODING = "binary/encrypted";
  static final String KEY_ID = "encryption-key-id";
  static final String CIPHER = "AES/GCM/NoPadding";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final PayloadKeys keys;
  private final boolean acceptUnencrypted;
  private final SecureRandom random = new SecureRandom();

  /** Refuses payloads that are not encrypted. */
  public PayloadEncryption(PayloadKeys keys) {
    this(keys, false);
  }

  public PayloadEncryption(PayloadKeys keys, boolean acceptUnencrypted) {
    this.keys = keys;
    this.acceptUnencrypted = acceptUnencrypted;
  }

  /**
   * The data converter for the CLI and the workers: JSON, then encrypted when keys are set. With
   * keys, failures are encrypted too ({@code encodeFailureAttributes}): the SDK moves each
   * failure's message and stack trace into a payload that goes through this codec and leaves
   * "Encoded failure" in their place, so the version, command output and log lines an activity
   * failure carries are as unreadable in history as the payloads. The CLI decodes them with the
   * same keys.
   */
  public static DataConverter dataConverter(Optional<PayloadKeys> keys) {
    return dataConverter(keys, false);
  }

  /** The same, letting unencrypted payloads through when {@code acceptUnencrypted}. */
  public static DataConverter dataConverter(Optional<PayloadKeys> keys, boolean acceptUnencrypted) {
    return keys.<DataConverter>map(
            k -> new EncryptingDataConverter(new PayloadEncryption(k, acceptUnencrypted)))
        .orElseGet(DefaultDataConverter::newDefaultInstance);
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  private Payload encrypt(Payload plain) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(
          Cipher.ENCRYPT_MODE,
          keys.keys().get(keys.currentId()),
          new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(plain.toByteArray());
      return Payload.newBuilder()
          .putMetadata("encoding", ByteString.copyFromUtf8(ENCODING))
          .putMetadata(KEY_ID, ByteString.copyFromUtf8(keys.currentId()))
          .setData(
              ByteString.copyFrom(
                  ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array()))
          .build();
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException(e);
    }
  }

  /**
   * A payload without the encrypted encoding. Every payload baton's own converter writes is
   * encrypted, null values included (JSON's {@code binary/null} goes through the codec like any
   * other); only an entirely empty payload, which carries nothing to read or to trust, passes.
   */
  private Payload unencrypted(Payload payload, ByteString encoding) {
    if (acceptUnencrypted || payload.equals(Payload.getDefaultInstance())) {
      return payload;
    }
    throw new PayloadCodecException(
        "refused a payload that is not encrypted (encoding '"
            + (encoding == null ? "none" : encoding.toStringUtf8())
            + "', "
            + payload.getData().size()
            + " bytes): payload encryption is on, and anyone who can write to the namespace"
            + " could have sent it. Send it with baton (which encrypts), or, to accept payloads"
            + " written before encryption was turned on or Web UI approvals, set"
            + " temporal.acceptUnencryptedPayloads: true on every worker and CLI"
            + " (docs/security.md)");
  }

  private Payload decrypt(Payload payload) {
    ByteString encoding = payload.getMetadataMap().get("encoding");
    if (encoding == null || !ENCODING.equals(encoding.toStringUtf8())) {
      return unencrypted(payload, encoding);
    }
    String keyId = payload.getMetadataOrDefault(KEY_ID, ByteString.EMPTY).toStringUtf8();
    SecretKeySpec key = keys.keys().get(keyId);
    if (key == null) {
      throw new PayloadCodecException(
          "a payload is encrypted with key '"
              + keyId
              + "', which is not among this machine's payload keys "
              + keys.keys().keySet()
              + ": add that key's line to the key file or variable",
          null);
    }
    byte[] data = payload.getData().toByteArray();
    try {
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, IV_BYTES));
      return Payload.parseFrom(cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES));
    } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
      throw new PayloadCodecException(
          "a payload encrypted with key '"
              + keyId
              + "' does not decrypt (altered, or another key"
              + " with that id): "
              + e.getMessage(),
          e);
    }
  }
}
