package dev.baton.smoke;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Runs one smoke test. Implemented twice: the service kind on the standby site's own queue (it
 * needs the site's Docker engine), the HTTP kind on the control queue (like the probes). A failing
 * test is an answer, not an exception: only a test that could not run at all (an engine that does
 * not answer) throws, and is retried.
 */
@ActivityInterface(namePrefix = "Smoke.")
public interface SmokeActivities {

  @ActivityMethod
  SmokeResult smoke(SmokeRequest request);
}
