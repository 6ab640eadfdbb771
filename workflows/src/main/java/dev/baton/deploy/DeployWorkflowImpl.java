package dev.baton.deploy;

import dev.baton.FailureKind;
import dev.baton.Names;
import dev.baton.Versions;
import dev.baton.operation.OperationActivities;
import dev.baton.operation.RunningRequest;
import dev.baton.report.Texts;
import dev.baton.router.RouterActivities;
import dev.baton.router.RouterRequest;
import dev.baton.rules.CallerText;
import dev.baton.rules.ControlPlane;
import dev.baton.rules.ControlRules;
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
import java.util.Map;

/** See {@link DeployWorkflow}. */
public class DeployWorkflowImpl implements DeployWorkflow {
  private final RouterActivities router =
      Workflow.newActivityStub(
          RouterActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(1))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
              .build());

  private final OperationActivities operations =
      Workflow.newActivityStub(
          OperationActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
              .build());

  @Override
  public DeployResult run(SiteDeployRequest input) {
    String badVersion = Versions.problem(input.version());
    if (badVersion != null) {
      throw FailureKind.BAD_REQUEST.failure(badVersion);
    }
    ControlRules rules = ControlPlane.read(input.project()).orElse(null);
    SiteDeployRequest request = withRules(input, rules);
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
    Map<String, String> images =
        rules == null
            ? null
            : RegistryDeploy.images(
                rules.release().images(),
                request.project(),
                request.siteId(),
                request.version(),
                rules.siteIds());
    try {
      return site.deploy(
          new DeployRequest(request.project(), request.siteId(), request.version(), role, images));
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

  /**
   * The control worker's deploy timeout, a site it knows, the id baton gives this site's deploy,
   * and no release, drill or failover of the project running: a deploy replaces what a site runs,
   * and in the middle of a release that can be the site serving its bake.
   */
  private SiteDeployRequest withRules(SiteDeployRequest input, ControlRules rules) {
    if (rules == null) {
      return input;
    }
    if (!rules.siteIds().contains(input.siteId())) {
      throw FailureKind.BAD_REQUEST.failure(
          "unknown site "
              + CallerText.quote(input.siteId())
              + " (sites of "
              + input.project()
              + ": "
              + String.join(", ", rules.siteIds())
              + ")");
    }
    ControlPlane.requireWorkflowId(Names.deployWorkflowId(input.project(), input.siteId()));
    String busy =
        operations.running(new RunningRequest(input.project(), Workflow.getInfo().getWorkflowId()));
    if (!busy.isEmpty()) {
      throw FailureKind.BUSY.failure("not now: " + busy + " (deploy when it has ended)");
    }
    return new SiteDeployRequest(
        input.project(),
        input.siteId(),
        input.version(),
        rules.release().deployTimeout(),
        input.waitForWorker());
  }
}
