package dev.baton.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowedSignersTest {
  private static String alice;
  private static String carol;

  @BeforeAll
  static void keys(@TempDir Path dir) {
    alice = SshKeygenTool.publicKeyLine(SshKeygenTool.generate(dir, "alice", "", "-t", "ed25519"));
    carol = SshKeygenTool.publicKeyLine(SshKeygenTool.generate(dir, "carol", "", "-t", "ed25519"));
  }

  @Test
  void readsCommentsQuotedPrincipalsOptionsAndPrincipalLists() {
    AllowedSigners signers =
        AllowedSigners.parse(
            String.join(
                "\n",
                "# the release team",
                "",
                "alice,alice@example.com " + alice,
                "\"carol smith\" namespaces=\"baton,git\" " + carol + " carol's laptop",
                "  *@ops.example.com,op?  valid-after=\"20260101\",VALID-BEFORE=\"20261231235959Z\""
                    + "\t"
                    + carol,
                "   # indented comment",
                ""));

    assertThat(signers.entries()).hasSize(3);
    AllowedSigners.Entry first = signers.entries().get(0);
    assertThat(first.line()).isEqualTo(3);
    assertThat(first.principals()).containsExactly("alice", "alice@example.com");
    assertThat(first.key()).isEqualTo(SshPublicKey.parse(alice));
    assertThat(first.namespaces()).containsExactly("*");
    assertThat(first.validAfter()).isEmpty();
    AllowedSigners.Entry second = signers.entries().get(1);
    assertThat(second.principals()).containsExactly("carol smith");
    assertThat(second.namespaces()).containsExactly("baton", "git");
    AllowedSigners.Entry third = signers.entries().get(2);
    assertThat(third.line()).isEqualTo(5);
    assertThat(third.principals()).containsExactly("*@ops.example.com", "op?");
    assertThat(third.validAfter()).contains(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(third.validBefore()).contains(Instant.parse("2026-12-31T23:59:59Z"));

    SshPublicKey carolKey = SshPublicKey.parse(carol);
    Instant june = Instant.parse("2026-06-01T12:00:00Z");
    assertThat(signers.find("carol smith", carolKey, "baton", june)).contains(second);
    assertThat(signers.find("carol smith", carolKey, "file", june)).isEmpty();
    assertThat(signers.find("dan@ops.example.com", carolKey, "file", june)).contains(third);
    assertThat(signers.find("op1", carolKey, "baton", june)).isPresent();
    assertThat(signers.find("op12", carolKey, "baton", june)).isEmpty();
    assertThat(
            signers.find(
                "dan@ops.example.com", carolKey, "file", Instant.parse("2027-01-01T00:00:00Z")))
        .isEmpty();
    assertThat(signers.find("alice", carolKey, "baton", june)).isEmpty();
    assertThat(signers.principalsFor(carolKey))
        .containsExactly("carol smith", "*@ops.example.com", "op?");
    assertThat(signers.principalsFor(SshPublicKey.parse(alice)))
        .containsExactly("alice", "alice@example.com");
  }

  @Test
  void readsWindowsLineEndingsAndTimesToTheMinute() {
    AllowedSigners signers =
        AllowedSigners.parse("# keys\r\nalice valid-before=\"202603011230\" " + alice + "\r\n");
    assertThat(signers.entries().get(0).validBefore())
        .isEqualTo(Optional.of(Instant.parse("2026-03-01T12:30:00Z")));
    assertThat(signers.entries().get(0).validAt(Instant.parse("2026-03-01T12:30:00Z"))).isTrue();
    assertThat(signers.entries().get(0).validAt(Instant.parse("2026-03-01T12:30:01Z"))).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "alice|missing key",
        "alice namespaces=\"baton\"|missing key",
        "alice ssh-ed25519 !!!notbase64|not valid base64",
        "alice foo=\"bar\" KEY|unknown option \"foo\"",
        "alice namespaces=\"baton KEY|missing end quote",
        "alice namespaces=baton KEY|namespaces: missing start quote",
        "alice namespaces=\"a\",namespaces=\"b\" KEY|multiple \"namespaces\" clauses",
        "alice cert-authority KEY|cert-authority is not supported",
        "alice,!bob KEY|negated principal \"!bob\" is not supported",
        "alice,,bob KEY|empty principal",
        "\"alice KEY|principals: missing end quote",
        "ali\"ce\" KEY|a quote may only surround the whole list",
        "alice valid-after=\"2026013\" KEY|invalid \"valid-after\" time \"2026013\"",
        "alice valid-after=\"20260230\" KEY|invalid \"valid-after\" time \"20260230\"",
        "alice valid-after=\"20260201\",valid-before=\"20260101\" KEY|is not after",
        "alice ssh-rsa KEYDATA|public key says ssh-rsa but its data holds a ssh-ed25519 key",
      })
  void reportsBadLinesWithTheirNumber(String line, String message) {
    String text =
        "# header\nalice "
            + alice
            + "\n"
            + line.replace("KEYDATA", alice.split(" ")[1]).replace("KEY", alice);
    assertThatThrownBy(() -> AllowedSigners.parse(text))
        .isInstanceOf(SignatureProblem.class)
        .hasMessageStartingWith("allowed signers line 3: ")
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource({
    "alice, alice, true",
    "alice, alic, false",
    "alice, *, true",
    "'', *, true",
    "alice, a*e, true",
    "alice, a*x, false",
    "alice, ?lice, true",
    "alice, ??lice, false",
    "a.b@x, *@x, true",
    "aaaaaaaaaaaaaaaaaaaaaaaab, *a*a*a*a*a*a*a*a*c, false",
    "Alice, alice, false",
  })
  void matchesPatternsAsOpenSsh(String text, String pattern, boolean matches) {
    assertThat(AllowedSigners.globMatches(text, pattern)).isEqualTo(matches);
  }
}
