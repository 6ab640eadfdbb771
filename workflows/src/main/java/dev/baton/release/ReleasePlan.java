package dev.baton.release;

import dev.baton.FailureKind;
import dev.baton.Versions;
import dev.baton.operation.RunningRequest;
import dev.baton.router.RouterRequest;
import io.temporal.workflow.Workflow;

/**
 * The release's first step: checks that the release may run at all, then reads the roles from where
 * the router points (not from a state file that could disagree with it).
 */
final class ReleasePlan {
  /** Version 1: the plan step refuses while a drill or failover runs. Older releases did not. */
  static final String REFUSE_WHILE_BUSY = "refuse-while-busy";

  record Roles(String active, String standby) {}

  private final ReleaseRequest request;
  private final ReleaseActivities activities;
  private final ReleaseTracker tracker;

  ReleasePlan(ReleaseRequest request, ReleaseActivities activities, ReleaseTracker tracker) {
    this.request = request;
    this.activities = activities;
    this.tracker = tracker;
  }

  Roles run() {
    // The CLI checks the version too; a release started through the API must not pass it to git,
    // Compose and image tags unchecked. Pure, so no getVersion is needed.
    tracker.start(Step.PLAN, "checking the request");
    String badVersion = Versions.problem(request.version());
    if (badVersion != null) {
      throw FailureKind.BAD_REQUEST.failure(badVersion);
    }
    if (Workflow.getVersion(REFUSE_WHILE_BUSY, Workflow.DEFAULT_VERSION, 1) == 1) {
      // A release plans from where the router points, which a drill or a failover is moving. The
      // CLI refuses too, but a release started through the API or the Web UI must be refused here.
      tracker.start(Step.PLAN, "checking that no drill, failover or deploy runs");
      String busy =
          activities.operations.running(
              new RunningRequest(
                  request.project(), Workflow.getInfo().getWorkflowId(), request.siteIds()));
      if (!busy.isEmpty()) {
        throw FailureKind.BUSY.failure("not now: " + busy);
      }
    }
    tracker.start(Step.PLAN, "asking the router where traffic goes");
    String active = activities.router.currentTarget(new RouterRequest(request.project()));
    if (!request.siteIds().contains(active)) {
      throw FailureKind.BAD_CONFIG.failure(
          "the router points at '"
              + active
              + "', which is not a site of this project "
              + request.siteIds());
    }
    String standby =
        request.siteIds().stream().filter(s -> !s.equals(active)).findFirst().orElseThrow();
    tracker.roles(active, standby);
    tracker.set(
        Step.PLAN, StepState.SUCCEEDED, "deploy to " + standby + ", then switch from " + active);
    return new Roles(active, standby);
  }
}
