package dev.baton.probe;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** HTTP checks of every app of a site, as configured under the site's {@code health}. */
@ActivityInterface(namePrefix = "Probe.")
public interface ProbeActivities {

  /** Never throws for an unhealthy site: the answer says which apps failed and why. */
  @ActivityMethod
  ProbeResult probe(ProbeRequest request);
}
