package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizesTest {

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "100, 100",
    "100B, 100",
    "512kB, 524288",
    "512KB, 524288",
    "16MB, 16777216",
    "16 MiB, 16777216",
    "1GB, 1073741824",
    "2TB, 2199023255552"
  })
  void parsesCountsAndSizes(String text, long bytes) {
    assertThat(ByteSizes.parse(text)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "MB", "-1", "1.5MB", "16 megabytes", "16PB", "lots"})
  void rejectsWhatIsNotASize(String text) {
    assertThatThrownBy(() -> ByteSizes.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"" + text + "\" is not a size");
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999999999999999999", "9999999TB"})
  void rejectsOverflow(String text) {
    assertThatThrownBy(() -> ByteSizes.parse(text))
        .hasMessage("\"" + text + "\" is too large a size");
  }
}
