package dev.baton.router;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * What users saw, as the router logged it: how drills measure the request errors of a switchover.
 * Runs on the control queue.
 */
@ActivityInterface(namePrefix = "RequestLog.")
public interface RequestLogActivities {

  /**
   * Counts the requests the router answered between two times and those that failed (status 5xx, or
   * no status). {@code measured} is false, with the reason, where the router keeps no log baton can
   * read (a DNS router sees no requests; an nginx or haproxy router without {@code accessLog}).
   */
  @ActivityMethod
  RequestErrors requestErrors(RequestErrorsRequest request);
}
