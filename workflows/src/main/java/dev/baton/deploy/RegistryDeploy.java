package dev.baton.deploy;

import dev.baton.FailureKind;
import dev.baton.Names;
import dev.baton.images.Digests;
import dev.baton.images.ImageActivities;
import dev.baton.images.ImagePolicy;
import dev.baton.images.PublishRequest;
import dev.baton.images.RunningImages;
import dev.baton.site.SiteRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * `baton deploy` in {@code images.mode: registry}: the version's tags are resolved to digests in
 * the registry, and the deploy is refused when another site of the project runs the same version
 * with other digests (a tag re-pushed since), so two sites never run different bits of one version.
 * An other site that does not answer cannot be compared: the deploy goes on (a site is often
 * deployed by hand precisely because the other one is down).
 */
final class RegistryDeploy {
  /** Version 1: deploys in mode registry resolve digests and compare. */
  static final String CHANGE_ID = "deploy-registry-digests";

  private static final Logger log = Workflow.getLogger(RegistryDeploy.class);

  private RegistryDeploy() {}

  /** The images to deploy by digest; null when the sites build their own. */
  static Map<String, String> images(
      ImagePolicy policy, String project, String siteId, String version, List<String> siteIds) {
    if (!policy.registryMode()
        || Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      return null;
    }
    Map<String, String> resolved =
        stub(project, siteId)
            .publish(new PublishRequest(project, siteId, version, policy.registry(), false))
            .images();
    for (String other : siteIds) {
      if (other.equals(siteId)) {
        continue;
      }
      RunningImages running;
      try {
        running = stub(project, other).running(new SiteRequest(project, other));
      } catch (ActivityFailure unanswered) {
        log.warn("{} did not say which digests it runs; deploying {} anyway", other, siteId);
        continue;
      }
      boolean runsVersion =
          resolved.keySet().stream().allMatch(s -> version.equals(running.versions().get(s)));
      String mismatch = runsVersion ? Digests.mismatch(other, version, resolved, running) : null;
      if (mismatch != null) {
        throw FailureKind.IMAGE_MISMATCH.failure(
            "deploy refused: "
                + siteId
                + " would run other images of "
                + version
                + " than "
                + other
                + " runs: "
                + mismatch
                + " (the registry's tag now); nothing was deployed");
      }
    }
    return resolved;
  }

  private static ImageActivities stub(String project, String siteId) {
    return Workflow.newActivityStub(
        ImageActivities.class,
        ActivityOptions.newBuilder()
            .setTaskQueue(Names.siteQueue(project, siteId))
            .setScheduleToStartTimeout(Duration.ofSeconds(30))
            .setStartToCloseTimeout(Duration.ofMinutes(1))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(2).build())
            .build());
  }
}
