package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code release.approval.allowedSigners}: what loads, and what `config validate` names. */
class AllowedSignersConfigTest extends ConfigProblemsTestBase {
  // A real ed25519 public key (from ssh-keygen); the file holds public keys only.
  private static final String KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK5P47S641mv3QvHk+JP7ZX8013NWi0+ZZ/F5QcgcBJa";

  private static String approval(String lines) {
    return "release:\n  approval:\n    steps: [switch]\n" + lines;
  }

  private ApprovalConfig load(String section) {
    String yaml = TestConfigs.read("minimal.yml") + section;
    return ConfigLoader.load(TestConfigs.write(dir, yaml), Map.of()).release().approval();
  }

  @Test
  void withoutAFileDecisionsAreUnsigned() {
    ApprovalConfig approval = load(approval(""));
    assertThat(approval.allowedSigners()).isNull();
    assertThat(approval.allowUnsigned()).isTrue();
    assertThat(approval.signatureMaxAge()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void aFileMakesSignaturesRequiredUnlessUnsignedIsAllowed() throws Exception {
    Files.writeString(dir.resolve("allowed_signers"), "alice " + KEY + "\n");
    ApprovalConfig signed =
        load(approval("    allowedSigners: allowed_signers\n    signatureMaxAge: 2m\n"));
    assertThat(signed.allowedSigners()).isEqualTo(dir.resolve("allowed_signers"));
    assertThat(signed.allowUnsigned()).isFalse();
    assertThat(signed.signatureMaxAge()).isEqualTo(Duration.ofMinutes(2));
    assertThat(
            load(approval("    allowedSigners: allowed_signers\n    allowUnsigned: true\n"))
                .allowUnsigned())
        .isTrue();
  }

  @Test
  void aBadOrMissingFileAndUnsignedOffWithoutOneAreNamed() throws Exception {
    Files.writeString(dir.resolve("broken"), "alice " + KEY + "\nbob ssh-ed25519 !!!\n");
    List<String> broken = withSection(approval("    allowedSigners: broken\n"));
    assertThat(broken).hasSize(1);
    assertThat(broken.get(0))
        .startsWith("release.approval.allowedSigners: " + dir.resolve("broken"));
    assertThat(broken.get(0)).contains("line 2");

    assertThat(withSection(approval("    allowedSigners: missing\n")))
        .singleElement()
        .asString()
        .startsWith("release.approval.allowedSigners: cannot read " + dir.resolve("missing"));
    assertThat(withSection(approval("    allowUnsigned: false\n")))
        .containsExactly(
            "release.approval.allowUnsigned: allowUnsigned: false needs allowedSigners, the"
                + " approvers' keys");
  }
}
