package dev.baton.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.baton.config.ConfigException;
import dev.baton.config.TemporalConfig;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DataConverterException;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void aPayloadThatIsNotEncryptedIsRefusedSayingWhatWasFoundAndHowToProceed() {
    assertThatThrownBy(() -> codec(K1).decode(List.of(json("slipped in"))))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessage(
            "refused a payload that is not encrypted (encoding 'json/plain', 12 bytes): payload"
                + " encryption is on, and anyone who can write to the namespace could have sent"
                + " it. Send it with baton (which encrypts), or, to accept payloads written before"
                + " encryption was turned on or Web UI approvals, set"
                + " temporal.acceptUnencryptedPayloads: true on every worker and CLI"
                + " (docs/security.md)");
    // A null is a payload too (binary/null): baton's converter encrypts it, so a plain one is
    // refused like any other value.
    Payload plainNull = DefaultDataConverter.STANDARD_INSTANCE.toPayload(null).orElseThrow();
    assertThatThrownBy(() -> codec(K1).decode(List.of(plainNull)))
        .hasMessageStartingWith("refused a payload that is not encrypted (encoding 'binary/null'");
  }

  @Test
  void anEmptyPayloadCarriesNothingAndPasses() {
    assertThat(codec(K1).decode(List.of(Payload.getDefaultInstance())))
        .containsExactly(Payload.getDefaultInstance());
  }

  @Test
  void throughTheConverterARefusalIsADataConverterExceptionSoTheSdkDropsTheValue() {
    // The SDK drops a signal whose arguments raise DataConverterException; any other exception
    // would fail the workflow task on every retry.
    DataConverter converter =
        PayloadEncryption.dataConverter(Optional.of(PayloadKeys.parse(K1, "test keys")));
    assertThatThrownBy(() -> fromPayloads(converter, json("slipped in")))
        .isInstanceOf(DataConverterException.class)
        .hasMessageStartingWith("refused a payload that is not encrypted")
        .hasCauseInstanceOf(PayloadCodecException.class);
  }

  @Test
  void withAcceptUnencryptedPayloadsPlainPayloadsFromBeforeEncryptionStillDecode() {
    DataConverter converter =
        PayloadEncryption.dataConverter(Optional.of(PayloadKeys.parse(K1, "test keys")), true);
    Payload plain = json("old");
    assertThat(
            new PayloadEncryption(PayloadKeys.parse(K1, "test keys"), true).decode(List.of(plain)))
        .containsExactly(plain);
    assertThat(fromPayloads(converter, plain)).isEqualTo("old");
  }

  @Test
  void failureMessagesAndStackTracesAreEncryptedAndDecodeBack() {
    DataConverter converter =
        PayloadEncryption.dataConverter(Optional.of(PayloadKeys.parse(K1, "test keys")));
    Failure failure =
        converter.exceptionToFailure(
            ApplicationFailure.newNonRetryableFailure("compose up failed for v9.9.9", "TEST"));

    assertThat(failure.getMessage()).isEqualTo("Encoded failure");
    assertThat(failure.getStackTrace()).isEmpty();
    assertThat(failure.toByteString().toStringUtf8()).doesNotContain("v9.9.9");
    assertThat(failure.getEncodedAttributes().getMetadataMap().get("encoding").toStringUtf8())
        .isEqualTo("binary/encrypted");
    assertThat(((ApplicationFailure) converter.failureToException(failure)).getOriginalMessage())
        .isEqualTo("compose up failed for v9.9.9");
  }

  private static Object fromPayloads(DataConverter converter, Payload payload) {
    return converter.fromPayloads(
        0,
        Optional.of(Payloads.newBuilder().addPayloads(payload).build()),
        String.class,
        String.class);
  }

  @Test
  void aKeyFileThatGroupOrOthersCanReadIsRefusedNamingTheFix(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("payload.keys");
    Files.writeString(file, K1);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    assertThatThrownBy(() -> PayloadKeys.from(keyFile(file), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "temporal.encryptionKeyFile: "
                + file
                + " has permissions rw-r-----: group or others may use the payload keys;"
                + " refused until only its owner can (chmod 600 "
                + file
                + ")");
  }

  @Test
  void aKeyFileOnlyItsOwnerCanReadLoads(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("payload.keys");
    Files.writeString(file, K2 + "\n" + K1);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    assertThat(PayloadKeys.from(keyFile(file), Map.of()).orElseThrow().currentId()).isEqualTo("k2");
  }

  private static TemporalConfig keyFile(Path file) {
    return new TemporalConfig("127.0.0.1:7233", "default", false, null, file, null, null, null);
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
