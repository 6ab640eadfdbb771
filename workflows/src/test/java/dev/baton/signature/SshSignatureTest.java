package dev.baton.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SshSignatureTest {
  private static final byte[] MESSAGE = "release shop 42\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  static List<List<String>> keyTypes() {
    return List.of(
        List.of("ssh-ed25519", "-t", "ed25519"),
        List.of("ecdsa-sha2-nistp256", "-t", "ecdsa", "-b", "256"),
        List.of("ecdsa-sha2-nistp384", "-t", "ecdsa", "-b", "384"),
        List.of("ecdsa-sha2-nistp521", "-t", "ecdsa", "-b", "521"),
        List.of("ssh-rsa", "-t", "rsa", "-b", "2048"));
  }

  @ParameterizedTest
  @MethodSource("keyTypes")
  void verifiesWhatSshKeygenSignedForEveryKeyType(List<String> type) {
    Path key = generate(type);
    SshSignature signature = SshSignature.parse(SshKeygenTool.sign(key, "baton", MESSAGE));

    assertThat(signature.publicKey().type()).isEqualTo(type.get(0));
    assertThat(signature.publicKey())
        .isEqualTo(SshPublicKey.parse(SshKeygenTool.publicKeyLine(key)));
    assertThat(signature.publicKey().fingerprint())
        .isEqualTo(SshKeygenTool.fingerprint(Path.of(key + ".pub")));
    assertThat(signature.namespace()).isEqualTo("baton");
    assertThat(signature.verifies(MESSAGE, "baton")).isTrue();

    byte[] tampered = MESSAGE.clone();
    tampered[tampered.length - 2] ^= 1;
    assertThat(signature.verifies(tampered, "baton")).isFalse();
    assertThat(signature.verifies(MESSAGE, "other")).isFalse();
  }

  @Test
  void aSignatureInAnotherNamespaceNeverVerifiesAsBaton() {
    Path key = generate(keyTypes().get(0));
    SshSignature signature = SshSignature.parse(SshKeygenTool.sign(key, "other", MESSAGE));
    assertThat(signature.namespace()).isEqualTo("other");
    assertThat(signature.verifies(MESSAGE, "baton")).isFalse();
    assertThat(signature.verifies(MESSAGE, "other")).isTrue();
  }

  @Test
  void acceptsTheArmorHoweverItTravelled() {
    Path key = generate(keyTypes().get(0));
    String armored = SshKeygenTool.sign(key, "baton", MESSAGE);
    String body =
        armored
            .replace("-----BEGIN SSH SIGNATURE-----", "")
            .replace("-----END SSH SIGNATURE-----", "")
            .replaceAll("\\s", "");
    List<String> forms =
        List.of(
            armored,
            armored.replace("\n", "\r\n"),
            "\n  " + armored + "\n\n",
            armored.replace("\n", ""),
            armored.replace("\n", "\\n"),
            "-----BEGIN SSH SIGNATURE-----\n" + body + "\n-----END SSH SIGNATURE-----",
            body);
    for (String form : forms) {
      assertThat(SshSignature.parse(form).verifies(MESSAGE, "baton")).as(form).isTrue();
    }
  }

  @Test
  void refusesMalformedSignaturesWithAMessage() {
    assertThatThrownBy(() -> SshSignature.parse("  "))
        .isInstanceOf(SignatureProblem.class)
        .hasMessage("no signature given");
    assertThatThrownBy(() -> SshSignature.parse("-----BEGIN SSH SIGNATURE-----\nU1NI\n"))
        .isInstanceOf(SignatureProblem.class)
        .hasMessageContaining("must run from");
    assertThatThrownBy(() -> SshSignature.parse("not base64 at all!"))
        .isInstanceOf(SignatureProblem.class)
        .hasMessageContaining("not valid base64");
    String notSshsig = Base64.getEncoder().encodeToString("PGPSIGxxxxxx".getBytes());
    assertThatThrownBy(() -> SshSignature.parse(notSshsig))
        .isInstanceOf(SignatureProblem.class)
        .hasMessageContaining("no SSHSIG magic");
    Path key = generate(keyTypes().get(0));
    byte[] blob = decode(SshKeygenTool.sign(key, "baton", MESSAGE));
    String truncated = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(blob, 40));
    assertThatThrownBy(() -> SshSignature.parse(truncated))
        .isInstanceOf(SignatureProblem.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void refusesSha1RsaSignaturesAndAlgorithmsThatDoNotFitTheKey() {
    Path key = generate(keyTypes().get(4));
    byte[] blob = decode(SshKeygenTool.sign(key, "baton", MESSAGE));
    assertThat(SshSignature.parse(withAlgorithm(blob, "rsa-sha2-512")).verifies(MESSAGE, "baton"))
        .isTrue();
    SshSignature sha1 = SshSignature.parse(withAlgorithm(blob, "ssh-rsa"));
    assertThatThrownBy(() -> sha1.verifies(MESSAGE, "baton"))
        .isInstanceOf(SignatureProblem.class)
        .hasMessageContaining("SHA-1");
    SshSignature misfit = SshSignature.parse(withAlgorithm(blob, "ssh-ed25519"));
    assertThatThrownBy(() -> misfit.verifies(MESSAGE, "baton"))
        .isInstanceOf(SignatureProblem.class)
        .hasMessageContaining("does not fit a ssh-rsa key");
    // rsa-sha2-256 names a different hash than the one used: a plain mismatch.
    assertThat(SshSignature.parse(withAlgorithm(blob, "rsa-sha2-256")).verifies(MESSAGE, "baton"))
        .isFalse();
  }

  /** The SSHSIG blob re-encoded with its signature algorithm name replaced. */
  private static String withAlgorithm(byte[] blob, String algorithm) {
    SshReader in = new SshReader(blob, "test");
    byte[] head = in.bytes(10);
    byte[] key = in.string();
    byte[] namespace = in.string();
    byte[] reserved = in.string();
    byte[] hash = in.string();
    SshReader signature = new SshReader(in.string(), "test");
    signature.text();
    byte[] raw = signature.string();
    byte[] rebuilt =
        SshReader.concat(
            head,
            SshReader.encodeString(key),
            SshReader.encodeString(namespace),
            SshReader.encodeString(reserved),
            SshReader.encodeString(hash),
            SshReader.encodeString(
                SshReader.concat(
                    SshReader.encodeString(algorithm.getBytes(StandardCharsets.US_ASCII)),
                    SshReader.encodeString(raw))));
    return Base64.getEncoder().encodeToString(rebuilt);
  }

  @Test
  void refusesCertificatesAndSecurityKeys() {
    assertThatThrownBy(() -> SshPublicKey.parse("ssh-ed25519-cert-v01@openssh.com AAAA comment"))
        .isInstanceOf(SignatureProblem.class)
        .hasMessageContaining("certificates are not supported");
    assertThatThrownBy(() -> SshPublicKey.parse("sk-ssh-ed25519@openssh.com AAAA comment"))
        .isInstanceOf(SignatureProblem.class)
        .hasMessageContaining("FIDO");
    assertThatThrownBy(() -> SshPublicKey.parse("ssh-dss AAAA comment"))
        .isInstanceOf(SignatureProblem.class)
        .hasMessageContaining("unsupported key type");
  }

  private Path generate(List<String> type) {
    String name = "key-" + type.get(0);
    return SshKeygenTool.generate(
        dir, name, "", type.subList(1, type.size()).toArray(String[]::new));
  }

  private static byte[] decode(String armored) {
    return Base64.getMimeDecoder()
        .decode(
            armored
                .replace("-----BEGIN SSH SIGNATURE-----", "")
                .replace("-----END SSH SIGNATURE-----", ""));
  }
}
