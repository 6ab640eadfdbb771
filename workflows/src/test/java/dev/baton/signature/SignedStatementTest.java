package dev.baton.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignedStatementTest {

  @Test
  void writesTheDocumentedFormat() {
    SignedStatement statement =
        new SignedStatement(
            "approve",
            "release-shop-42",
            "",
            "switch",
            "alice",
            "looks good",
            Instant.parse("2026-05-01T10:20:30.987Z"),
            "3f1c9a");

    assertThat(new String(statement.canonicalBytes(), StandardCharsets.UTF_8))
        .isEqualTo(
            """
            baton-statement-v1
            action="approve"
            workflowId="release-shop-42"
            runId=""
            step="switch"
            name="alice"
            comment="looks good"
            time="2026-05-01T10:20:30Z"
            nonce="3f1c9a"
            """);
    assertThat(statement.time()).isEqualTo(Instant.parse("2026-05-01T10:20:30Z"));
  }

  @Test
  void escapesValuesSoThatNoCommentCanForgeAField() {
    SignedStatement forged =
        new SignedStatement(
            "reject",
            "w",
            null,
            null,
            "bob",
            "ok\"\nname=\"alice\"\\\t\u007f\u00e9\ud800x",
            Instant.parse("2026-05-01T10:20:30Z"),
            "n");

    String text = new String(forged.canonicalBytes(), StandardCharsets.UTF_8);
    assertThat(text.lines()).hasSize(9);
    assertThat(text)
        .contains("\ncomment=\"ok\\\"\\u000aname=\\\"alice\\\"\\\\\\u0009\\u007f\u00e9\\ud800x\"\n")
        .contains("\nrunId=\"\"\nstep=\"\"\n")
        .contains("\nname=\"bob\"\n");
  }

  @Test
  void aPairedSurrogateIsPlainUtf8() {
    SignedStatement statement =
        new SignedStatement("approve", "w", "", "", "\ud83d\ude00", "", Instant.EPOCH, "n");
    assertThat(new String(statement.canonicalBytes(), StandardCharsets.UTF_8))
        .contains("\nname=\"\ud83d\ude00\"\n");
  }
}
