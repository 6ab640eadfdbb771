package dev.baton.worker;

import dev.baton.config.BatonConfig;
import dev.baton.config.ImagesConfig;
import dev.baton.config.ReleaseConfig;
import dev.baton.config.SmokeConfig;
import dev.baton.images.ImagePolicy;
import dev.baton.migrate.MigrateStep;
import dev.baton.release.ReleasePolicy;
import dev.baton.release.TimeoutOutcome;
import dev.baton.smoke.SmokeCheck;
import dev.baton.smoke.SmokeKind;

/** Copies the release rules of {@code baton.yml} into the workflow's input. */
public final class ReleasePolicies {
  private ReleasePolicies() {}

  /** What the workflow carries of a smoke test: an HTTP check's headers and body stay here. */
  static SmokeCheck check(SmokeConfig smoke) {
    return smoke.isService()
        ? new SmokeCheck(smoke.name(), SmokeKind.SERVICE, smoke.service(), smoke.timeout())
        : new SmokeCheck(smoke.name(), SmokeKind.HTTP, smoke.http().app(), smoke.timeout());
  }

  /** The images section as the workflow carries it; absent: built on each site. */
  static ImagePolicy images(ImagesConfig images) {
    return images == null
        ? ImagePolicy.BUILD_ON_EACH_SITE
        : new ImagePolicy(images.mode(), images.registry(), images.build());
  }

  public static ReleasePolicy from(BatonConfig config) {
    ReleaseConfig release = config.release();
    return new ReleasePolicy(
        release.approval().steps(),
        release.approval().approvers(),
        release.approval().fourEyes(),
        release.approval().timeout(),
        TimeoutOutcome.valueOf(release.approval().onTimeout().toUpperCase()),
        release.bake(),
        release.probeInterval(),
        release.deployTimeout(),
        release.activeOnlyServices(),
        config.database().replicated(),
        config.database().maxLagBytes(),
        config.database().maxLagSeconds(),
        release.shift(),
        release.shiftPause(),
        config.temporal().searchAttributes(),
        release.outageWait(),
        !config.temporal().versionSearchAttribute(),
        release.bakeTraffic(),
        release.smoke().stream().map(ReleasePolicies::check).toList(),
        images(config.images()),
        release.migrate() == null
            ? null
            : new MigrateStep(release.migrate().service(), release.migrate().timeout()));
  }
}
