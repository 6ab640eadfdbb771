package dev.baton.images;

import dev.baton.site.SiteRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * A version's images in a registry. Runs on a site's own queue: publishing builds on that site's
 * engine from its checkout, and only the site's worker can read what its containers run.
 */
@ActivityInterface(namePrefix = "Images.")
public interface ImageActivities {

  /**
   * Builds the version's images once and pushes them (or, without build, resolves the tags a CI
   * pushed), returning each service's image by digest. Idempotent: a retry rebuilds from the same
   * checkout and pushes the same content again.
   */
  @ActivityMethod
  PublishResult publish(PublishRequest request);

  /** The registry digest each running service's image has. Read-only. */
  @ActivityMethod
  RunningImages running(SiteRequest request);
}
