package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "500ms, PT0.5S",
    "30s, PT30S",
    "5m, PT5M",
    "2h, PT2H",
    "1d, PT24H",
    "1h30m, PT1H30M",
    "1d2h3m4s5ms, PT26H3M4.005S",
    "0s, PT0S",
    "' 10s ', PT10S",
    "PT5M, PT5M",
    "P1DT2H, PT26H",
    "pt90s, PT1M30S"
  })
  void parsesShortAndIsoForms(String text, String iso) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "5 m", "5M", "1.5h", "-5s", "5s-", "abc", "1w", "m5", "PT"})
  void rejectsWhatIsNotADuration(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"" + text + "\" is not a duration");
  }

  @ParameterizedTest
  @ValueSource(strings = {"30s1m", "5m5m", "1ms1s"})
  void rejectsUnitsOutOfOrderOrRepeated(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "\"" + text + "\" is not a duration: units must go d, h, m, s, ms, each at most once");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void rejectsEmpty(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).hasMessage("empty duration");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT-5M", "-PT5M"})
  void rejectsNegativeIso(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).hasMessage("\"" + text + "\" is negative");
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999999999999999999s", "106751991167301d"})
  void rejectsOverflow(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .hasMessage("\"" + text + "\" is too long a duration");
  }

  @ParameterizedTest
  @CsvSource({"PT0S, 0s", "PT0.5S, 500ms", "PT1H30M, 1h30m", "PT26H3M4.005S, 1d2h3m4s5ms"})
  void formatsTheShortestFormAndParsesBack(String iso, String text) {
    Duration d = Duration.parse(iso);
    assertThat(Durations.format(d)).isEqualTo(text);
    assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
  }
}
