package dev.baton.testing;

import dev.baton.images.ImagePolicy;
import dev.baton.migrate.MigrateStep;
import dev.baton.release.ReleasePolicy;
import dev.baton.release.TimeoutOutcome;
import dev.baton.release.TrafficLimits;
import dev.baton.smoke.SmokeCheck;
import java.time.Duration;
import java.util.List;

/**
 * A release policy with some fields changed, for tests: {@code
 * PolicyCopy.of(policy).shift(List.of(10, 100), pause).build()}. The one place tests spell out
 * ReleasePolicy's canonical constructor besides those that build one from nothing.
 */
public final class PolicyCopy {
  private final List<String> approvalSteps;
  private final List<String> approvers;
  private final boolean fourEyes;
  private final Duration approvalTimeout;
  private final TimeoutOutcome onApprovalTimeout;
  private final Duration bake;
  private final Duration probeInterval;
  private final Duration deployTimeout;
  private final List<String> activeOnlyServices;
  private boolean replicatedDatabase;
  private final long maxLagBytes;
  private final Duration maxLag;
  private List<Integer> shift;
  private Duration shiftPause;
  private final boolean searchAttributes;
  private final Duration outageWait;
  private final boolean omitVersionAttribute;
  private TrafficLimits bakeTraffic;
  private List<SmokeCheck> smoke;
  private ImagePolicy images;
  private MigrateStep migrate;

  private PolicyCopy(ReleasePolicy p) {
    approvalSteps = p.approvalSteps();
    approvers = p.approvers();
    fourEyes = p.fourEyes();
    approvalTimeout = p.approvalTimeout();
    onApprovalTimeout = p.onApprovalTimeout();
    bake = p.bake();
    probeInterval = p.probeInterval();
    deployTimeout = p.deployTimeout();
    activeOnlyServices = p.activeOnlyServices();
    replicatedDatabase = p.replicatedDatabase();
    maxLagBytes = p.maxLagBytes();
    maxLag = p.maxLag();
    shift = p.shift();
    shiftPause = p.shiftPause();
    searchAttributes = p.searchAttributes();
    outageWait = p.outageWait();
    omitVersionAttribute = p.omitVersionAttribute();
    bakeTraffic = p.bakeTraffic();
    smoke = p.smoke();
    images = p.images();
    migrate = p.migrate();
  }

  public static PolicyCopy of(ReleasePolicy policy) {
    return new PolicyCopy(policy);
  }

  /** A weighted shift of {@code percents} (ending with 100), each step served for {@code pause}. */
  public PolicyCopy shift(List<Integer> percents, Duration pause) {
    shift = percents;
    shiftPause = pause;
    return this;
  }

  /** Database mode replicated (a switch is also a database switchover) or not. */
  public PolicyCopy replicatedDatabase(boolean replicated) {
    replicatedDatabase = replicated;
    return this;
  }

  public PolicyCopy bakeTraffic(TrafficLimits limits) {
    bakeTraffic = limits;
    return this;
  }

  public PolicyCopy smoke(List<SmokeCheck> checks) {
    smoke = checks;
    return this;
  }

  public PolicyCopy images(ImagePolicy policy) {
    images = policy;
    return this;
  }

  /** The migration; null for none. */
  public PolicyCopy migrate(MigrateStep step) {
    migrate = step;
    return this;
  }

  public ReleasePolicy build() {
    return new ReleasePolicy(
        approvalSteps,
        approvers,
        fourEyes,
        approvalTimeout,
        onApprovalTimeout,
        bake,
        probeInterval,
        deployTimeout,
        activeOnlyServices,
        replicatedDatabase,
        maxLagBytes,
        maxLag,
        shift,
        shiftPause,
        searchAttributes,
        outageWait,
        omitVersionAttribute,
        bakeTraffic,
        smoke,
        images,
        migrate);
  }
}
