package dev.baton.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StandbyHealthTest {
  @Test
  void readsEveryShapeTheMonitorEverWrote() {
    assertThat(StandbyHealth.of("UNKNOWN")).isEqualTo(StandbyHealth.UNKNOWN);
    assertThat(StandbyHealth.of("HEALTHY")).isEqualTo(StandbyHealth.HEALTHY);
    assertThat(StandbyHealth.of(null)).isEqualTo(StandbyHealth.UNKNOWN);
    StandbyHealth degraded = StandbyHealth.of("DEGRADED: secondary's apps: web: HTTP 503");
    assertThat(degraded.health()).isEqualTo(SiteHealth.DEGRADED);
    assertThat(degraded.problem()).isEqualTo("secondary's apps: web: HTTP 503");
  }

  @Test
  void writesTheSameTextBack() {
    assertThat(StandbyHealth.degraded("secondary's database: 64.0 MB behind").text())
        .isEqualTo("DEGRADED: secondary's database: 64.0 MB behind");
    assertThat(StandbyHealth.HEALTHY.text()).isEqualTo("HEALTHY");
    assertThat(StandbyHealth.UNKNOWN.text()).isEqualTo("UNKNOWN");
  }
}
