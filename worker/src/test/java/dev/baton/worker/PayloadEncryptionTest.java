package dev.baton.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PayloadEncryptionTest {
  private static final String K1 = "k1 " + key(1);
  private static final String K2 = "k2 " + key(2);

  private static String key(int fill) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) fill);
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static PayloadEncryption codec(String keyLines) {
    return new PayloadEncryption(PayloadKeys.parse(keyLines, "test keys"));
  }

  private static Payload json(String text) {
    return DefaultDataConverter.STANDARD_INSTANCE.toPayload(text).orElseThrow();
  }

  @Test
  void aPayloadRoundTripsAndHoldsNothingReadable() {
    Payload plain = json("deploy v2 to secondary");
    Payload sealed = codec(K1).encode(List.of(plain)).get(0);

    assertThat(sealed.getData().toStringUtf8()).doesNotContain("secondary");
    assertThat(sealed.getMetadataMap().get("encoding").toStringUtf8())
        .isEqualTo("binary/encrypted");
    assertThat(sealed.getMetadataMap().get("encryption-key-id").toStringUtf8()).isEqualTo("k1");
    assertThat(codec(K1).decode(List.of(sealed))).containsExactly(plain);
    // A fresh IV each time: the same value never gives the same bytes.
    assertThat(codec(K1).encode(List.of(plain)).get(0).getData()).isNotEqualTo(sealed.getData());
  }

  @Test
  void aRotatedKeyFileWritesWithTheNewKeyAndStillReadsTheOldOne() {
    Payload old = codec(K1).encode(List.of(json("before"))).get(0);
    PayloadEncryption rotated = codec(K2 + "\n" + K1);

    assertThat(rotated.decode(List.of(old))).containsExactly(json("before"));
    assertThat(
            rotated.encode(List.of(json("after"))).get(0).getMetadataMap().get("encryption-key-id"))
        .isEqualTo(ByteString.copyFromUtf8("k2"));
    assertThatThrownBy(() -> codec(K2).decode(List.of(old)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining(
            "encrypted with key 'k1', which is not among this machine's payload keys [k2]");
  }

  @Test
  void anAlteredPayloadOrAWrongKeyWithTheSameIdIsRefused() {
    Payload sealed = codec(K1).encode(List.of(json("x"))).get(0);
    byte[] data = sealed.getData().toByteArray();
    data[data.length - 1] ^= 1;
    Payload altered = sealed.toBuilder().setData(ByteString.copyFrom(data)).build();

    assertThatThrownBy(() -> codec(K1).decode(List.of(altered)))
        .hasMessageContaining("does not decrypt");
    assertThatThrownBy(() -> codec("k1 " + key(9)).decode(List.of(sealed)))
        .hasMessageContaining("does not decrypt");
  }

  @Test
  void plainPayloadsFromBeforeEncryptionStillDecode() {
    DataConverter converter =
        PayloadEncryption.dataConverter(Optional.of(PayloadKeys.parse(K1, "test keys")));
    Payload plain = json("old");
    assertThat(codec(K1).decode(List.of(plain))).containsExactly(plain);
    assertThat(
            converter.fromPayloads(
                0,
                Optional.of(
                    io.temporal.api.common.v1.Payloads.newBuilder().addPayloads(plain).build()),
                String.class,
                String.class))
        .isEqualTo("old");
  }

  @Test
  void badKeyLinesNameTheSourceAndLineButNeverTheKey() {
    assertThatThrownBy(() -> PayloadKeys.parse("k1 " + key(1).substring(4), "/etc/baton/keys"))
        .hasMessage(
            "/etc/baton/keys line 1: key k1 has 29 bytes; AES-256 needs 32 (head -c 32 /dev/urandom | base64)");
    assertThatThrownBy(() -> PayloadKeys.parse("# only a comment\n", "KEYS"))
        .hasMessage("KEYS holds no key (one \"ID BASE64KEY\" per line)");
    assertThatThrownBy(() -> PayloadKeys.parse(K1 + "\n" + K1, "KEYS"))
        .hasMessage("KEYS line 2: key id k1 appears twice");
    assertThatThrownBy(() -> PayloadKeys.parse("k1 !!!", "KEYS"))
        .hasMessage("KEYS line 1: key k1 is not base64");
  }
}
