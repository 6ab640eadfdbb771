package dev.baton.worker;

import dev.baton.config.BatonConfig;
import dev.baton.config.MonitorConfig;
import dev.baton.drill.DrillRequest;
import dev.baton.failover.FailoverPolicy;
import dev.baton.monitor.MonitorPolicy;
import java.time.Duration;
import java.util.List;

/**
 * Copies the failover, monitor and drill rules of {@code baton.yml} into the workflows' inputs, as
 * {@link ReleasePolicies} does for releases.
 */
public final class OperationInputs {
  /**
   * How long each best-effort fencing action of a failed site may take. A constant: a failed site
   * mostly does not answer, and every second spent waiting for it is downtime.
   */
  public static final Duration FENCE_TIMEOUT = Duration.ofSeconds(5);

  private OperationInputs() {}

  public static FailoverPolicy failoverPolicy(BatonConfig config) {
    MonitorConfig monitor = config.monitor();
    return new FailoverPolicy(
        monitor.failuresBeforeAction(),
        monitor.interval(),
        FENCE_TIMEOUT,
        config.release().activeOnlyServices(),
        config.database().replicated());
  }

  public static MonitorPolicy monitorPolicy(BatonConfig config) {
    MonitorConfig monitor = config.monitor();
    return new MonitorPolicy(
        monitor.interval(),
        monitor.failuresBeforeAction(),
        monitor.autoFailover(),
        config.database().maxLagBytes(),
        config.database().maxLagSeconds());
  }

  /**
   * @param keep true or false from the command line; null means {@code drill.switchBack}
   */
  public static DrillRequest drillRequest(BatonConfig config, String requestedBy, Boolean keep) {
    // No rules: the drill reads the control worker's. Only keep is the caller's choice.
    return new DrillRequest(
        config.project(),
        List.of(),
        requestedBy,
        null,
        null,
        keep != null ? keep : !config.drill().switchBack());
  }
}
