package dev.baton.release;

import dev.baton.FailureKind;
import dev.baton.images.Digests;
import dev.baton.images.ImagePolicy;
import dev.baton.images.PublishRequest;
import dev.baton.images.PublishResult;
import dev.baton.images.RunningImages;
import dev.baton.site.SiteRequest;
import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * Build once, run the same bits on both sites ({@code images.mode: registry}): the publish step
 * builds the version's images on the standby's engine and pushes them (or resolves the tags a CI
 * pushed), and every deploy of the release pulls them by digest. Before the switch and before the
 * backfill, the site that runs the version is asked what its containers run: a digest that differs
 * from the published one refuses the step, with nothing moved.
 */
final class ImagePublish {
  /** Version 1: releases in mode registry publish and check digests. Older ones built per site. */
  static final String CHANGE_ID = "registry-images";

  private final ReleaseRequest request;
  private final ReleaseActivities activities;
  private final ReleaseTracker tracker;

  /** Service to image by digest; null while (or when) the sites build their own images. */
  private Map<String, String> images;

  ImagePublish(ReleaseRequest request, ReleaseActivities activities, ReleaseTracker tracker) {
    this.request = request;
    this.activities = activities;
    this.tracker = tracker;
  }

  /** The images every deploy of this release runs, or null when each site builds them. */
  Map<String, String> images() {
    return images;
  }

  void run(String standby) {
    ImagePolicy policy = request.policy().images();
    // Asked only in mode registry: a release that builds per site records nothing new.
    if (!policy.registryMode()
        || Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      tracker.set(Step.PUBLISH, StepState.SKIPPED, "images are built on each site");
      return;
    }
    tracker.start(
        Step.PUBLISH,
        (policy.build()
                ? "building " + request.version() + "'s images on " + standby + " for "
                : "resolving " + request.version() + "'s tags in ")
            + policy.registry());
    PublishResult result =
        activities
            .images(standby)
            .publish(
                new PublishRequest(
                    request.project(),
                    standby,
                    request.version(),
                    policy.registry(),
                    policy.build()));
    if (result.images().isEmpty()) {
      throw FailureKind.BAD_CONFIG.failure(
          "no service of " + request.project() + " has an image to publish: " + result.message());
    }
    images = Map.copyOf(result.images());
    tracker.images(images);
    tracker.set(Step.PUBLISH, StepState.SUCCEEDED, result.message());
  }

  /**
   * Refuses {@code step} unless {@code site} runs exactly the published digests. {@code other} is
   * the site that would run the version next (the switch's old active, the backfill's standby).
   */
  void requireSameDigests(Step step, String site, String other) {
    if (images == null) {
      return;
    }
    tracker.start(step, "checking the image digests " + site + " runs");
    RunningImages running =
        activities.images(site).running(new SiteRequest(request.project(), site));
    String mismatch = Digests.mismatch(site, request.version(), images, running);
    if (mismatch != null) {
      throw FailureKind.IMAGE_MISMATCH.failure(
          step.id()
              + " refused: "
              + site
              + " and "
              + other
              + " would run different images of "
              + request.version()
              + ": "
              + mismatch
              + "; nothing was moved");
    }
  }
}
