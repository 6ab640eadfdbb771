package dev.baton.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigLoader;
import dev.baton.drill.DrillRequest;
import dev.baton.failover.FailoverPolicy;
import dev.baton.monitor.MonitorPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** baton.yml's monitor, drill and database sections, copied into the workflows' inputs. */
class OperationInputsTest {
  private final BatonConfig config =
      ConfigLoader.load(Path.of("../examples/shop/baton-replicated.yml"), Map.of());

  @Test
  void theFailoverConfirmsAsTheMonitorDoesAndPromotesInReplicatedMode() {
    assertThat(OperationInputs.failoverPolicy(config))
        .isEqualTo(
            new FailoverPolicy(
                config.monitor().failuresBeforeAction(),
                config.monitor().interval(),
                Duration.ofSeconds(5),
                List.of("worker"),
                true));
  }

  @Test
  void theMonitorGetsItsSectionAndTheLagLimits() {
    assertThat(OperationInputs.monitorPolicy(config))
        .isEqualTo(
            new MonitorPolicy(
                config.monitor().interval(),
                config.monitor().failuresBeforeAction(),
                config.monitor().autoFailover(),
                config.database().maxLagBytes(),
                config.database().maxLagSeconds()));
  }

  @Test
  void aDrillKeepsTheStandbyWhenTheFlagOrTheConfigSaysSoAndCarriesNoRules() {
    DrillRequest byConfig = OperationInputs.drillRequest(config, "carol", null);
    assertThat(byConfig.keep()).isEqualTo(!config.drill().switchBack());
    // The drill reads the control worker's rules; the caller's file does not travel.
    assertThat(byConfig.bake()).isNull();
    assertThat(byConfig.policy()).isNull();
    assertThat(byConfig.siteIds()).isEmpty();
    assertThat(byConfig.requestedBy()).isEqualTo("carol");
    assertThat(OperationInputs.drillRequest(config, "carol", true).keep()).isTrue();
  }
}
