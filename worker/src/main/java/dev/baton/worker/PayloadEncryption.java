package dev.baton.worker;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM over every payload baton stores in Temporal (workflow inputs and results, activity
 * arguments, queries, signals, updates, failures' details): the whole serialized payload, metadata
 * included, is encrypted, and the key id travels in the new payload's metadata so keys can rotate.
 * Plain payloads (written before encryption was turned on) still decode, so turning it on does not
 * strand running workflows.
 */
public final class PayloadEncryption implements PayloadCodec {
  static final String ENCODING = "binary/encrypted";
  static final String KEY_ID = "encryption-key-id";
  static final String CIPHER = "AES/GCM/NoPadding";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final PayloadKeys keys;
  private final SecureRandom random = new SecureRandom();

  public PayloadEncryption(PayloadKeys keys) {
    this.keys = keys;
  }

  /** The data converter for the CLI and the workers: JSON, then encrypted when keys are set. */
  public static DataConverter dataConverter(Optional<PayloadKeys> keys) {
    return keys.<DataConverter>map(
            k ->
                new CodecDataConverter(
                    DefaultDataConverter.newDefaultInstance(),
                    Collections.singletonList(new PayloadEncryption(k))))
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

  private Payload decrypt(Payload payload) {
    ByteString encoding = payload.getMetadataMap().get("encoding");
    if (encoding == null || !ENCODING.equals(encoding.toStringUtf8())) {
      return payload; // written before encryption was turned on
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
