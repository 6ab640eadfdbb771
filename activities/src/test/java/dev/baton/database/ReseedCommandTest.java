package dev.baton.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReseedCommandTest {

  @Test
  void namesTheSitesAndWhereThePrimaryListens() {
    assertThat(
            ReseedCommand.environment(
                "primary", "secondary", "jdbc:postgresql://127.0.0.1:5533/app?ssl=false"))
        .containsExactly(
            Map.entry("BATON_SITE", "primary"),
            Map.entry("BATON_PRIMARY_SITE", "secondary"),
            Map.entry("BATON_PRIMARY_HOST", "127.0.0.1"),
            Map.entry("BATON_PRIMARY_PORT", "5533"));
  }

  @Test
  void defaultPortAndFirstOfSeveralHosts() {
    assertThat(ReseedCommand.environment("a", "b", "jdbc:postgresql://db-b.internal/app"))
        .containsEntry("BATON_PRIMARY_HOST", "db-b.internal")
        .containsEntry("BATON_PRIMARY_PORT", "5432");
    assertThat(ReseedCommand.environment("a", "b", "jdbc:postgresql://h1:6000,h2:6001/app"))
        .containsEntry("BATON_PRIMARY_HOST", "h1")
        .containsEntry("BATON_PRIMARY_PORT", "6000");
  }

  @Test
  void neverCarriesAPassword() {
    assertThat(
            ReseedCommand.environment("a", "b", "jdbc:postgresql://h:5432/app?password=hunter2")
                .values())
        .noneMatch(v -> v.contains("hunter2"));
  }

  @Test
  void refusesWhatIsNotAJdbcUrl() {
    assertThatThrownBy(() -> ReseedCommand.environment("a", "b", "postgres://h/app"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
