package dev.baton.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Names and text a caller typed, as baton compares and shows them. */
class CallerTextTest {

  @Test
  void lookAlikeNamesNeverLookAlikeInAMessage() {
    // A Cyrillic "а" (U+0430) in place of the Latin "a".
    assertThat(CallerText.quote("\u0430lice")).isEqualTo("\"\\u0430lice\"");
    assertThat(CallerText.quote("alice")).isEqualTo("\"alice\"");
  }

  @Test
  void terminalEscapesQuotesAndBackslashesAreWrittenOut() {
    assertThat(CallerText.escape("\u001b[2Jgone\r\n")).isEqualTo("\\u001b[2Jgone\\u000d\\u000a");
    assertThat(CallerText.escape("say \"hi\" \\ bye")).isEqualTo("say \\\"hi\\\" \\\\ bye");
    assertThat(CallerText.escape(null)).isEmpty();
  }

  @Test
  void namesAreTrimmedAndComposedBeforeTheyAreCompared() {
    // "é" typed as "e" and a combining acute accent is the same name as the composed "é".
    assertThat(CallerText.normalizeName("  jose\u0301 ")).isEqualTo("jos\u00e9");
    assertThat(CallerText.normalizeName(null)).isNull();
  }

  @Test
  void emptyLongAndUnprintableNamesAreRefused() {
    assertThat(CallerText.nameProblem("alice")).isNull();
    assertThat(CallerText.nameProblem("jos\u00e9")).isNull();
    assertThat(CallerText.nameProblem("")).isEqualTo("a name is required");
    assertThat(CallerText.nameProblem("a".repeat(65))).endsWith("is longer than 64");
    assertThat(CallerText.nameProblem("mal\u202eyrol"))
        .isEqualTo("the name \"mal\\u202eyrol\" holds a character that is not printable");
    assertThat(CallerText.nameProblem("bob\u0007")).contains("not printable");
  }
}
