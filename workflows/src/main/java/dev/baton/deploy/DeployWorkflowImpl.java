package dev.baton.deploy;

import dev.baton.FailureKind;
import dev.baton.Names;
import dev.baton.Versions;
import dev.baton.report.Texts;
import dev.baton.router.RouterActivities;
import dev.baton.router.RouterRequest;
import dev.baton.site.DeployRequest;
import dev.baton.site.DeployResult;
import dev.baton.site.Role;
import dev.baton.site.SiteActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** See {@link DeployWorkflow}. */
public class DeployWorkflowImpl implements DeployWorkflow {
  private final RouterActivities router =
      Workflow.newActivityStub(
          RouterActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(1))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
              .build());

  @Override
  public DeployResult run(SiteDeployRequest request) {
    String badVersion = Versions.problem(request.version());
    if (badVersion != null) {
      throw FailureKind.BAD_REQUEST.failure(badVersion);
    }
    // Ask the router, not a state file, which role the site has.
    String active = router.currentTarget(new RouterRequest(request.project()));
    Role role = active.equals(request.siteId()) ? Role.ACTIVE : Role.STANDBY;
    SiteActivities site =
        Workflow.newActivityStub(
            SiteActivities.class,
            ActivityOptions.newBuilder()
                .setTaskQueue(Names.siteQueue(request.project(), request.siteId()))
                .setScheduleToStartTimeout(request.waitForWorkerOrDefault())
                .setStartToCloseTimeout(request.deployTimeout())
                .setHeartbeatTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
                .build());
    try {
      return site.deploy(
          new DeployRequest(request.project(), request.siteId(), request.version(), role));
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof TimeoutFailure t
          && t.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START) {
        throw FailureKind.DEPLOY_FAILED.failure(
            "no worker of site "
                + request.siteId()
                + " took the deploy within "
                + Texts.duration(request.waitForWorkerOrDefault())
                + ": is its site worker running (baton worker --site "
                + request.siteId()
                + "), and is "
                + request.siteId()
                + " a site of "
                + request.project()
                + "?");
      }
      throw e;
    }
  }
}
