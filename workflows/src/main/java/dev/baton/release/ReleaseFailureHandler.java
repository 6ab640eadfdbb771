package dev.baton.release;

import dev.baton.FailureKind;
import dev.baton.Outcome;
import dev.baton.notify.Notifications;
import dev.baton.report.Reasons;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * What happens when a step fails or the release is cancelled: record it, move traffic back when it
 * had moved and the bake had not passed, tell people, and end the workflow with a failure that
 * carries the final progress.
 */
final class ReleaseFailureHandler {
  private static final Logger log = Workflow.getLogger(ReleaseFailureHandler.class);
  private final ReleaseWorkflowImpl release;
  private final ReleaseTracker tracker;

  ReleaseFailureHandler(ReleaseWorkflowImpl release) {
    this.release = release;
    this.tracker = release.tracker();
  }

  RuntimeException handle(RuntimeException error) {
    Step step = tracker.current();
    // A cancel shows up as a CanceledFailure, or as an ActivityFailure around one when it came
    // while an activity was scheduled: ask the scope, not the exception.
    boolean cancelled =
        error instanceof CanceledFailure || CancellationScope.current().isCancelRequested();
    FailureKind kind = cancelled ? FailureKind.CANCELLED : kindOf(error, step);
    String why = cancelled ? "cancelled" : Reasons.of(error);
    tracker.set(step, cancelled ? StepState.CANCELLED : StepState.FAILED, why);
    String[] outcome = {step.id() + ": " + why};
    // Detached: after a cancel the workflow's own scope refuses new activities, and the rollback
    // must still run.
    Workflow.newDetachedCancellationScope(
            () -> {
              if (release.mustRollBack()) {
                outcome[0] += "; " + rollBack(step);
              } else if (step.ordinal() < Step.SWITCH.ordinal()) {
                String site = release.activeSite();
                outcome[0] += "; traffic untouched" + (site == null ? "" : " on " + site);
              } else {
                outcome[0] += "; traffic stays on " + release.activeSite();
              }
              if (release.databasePromoted() && step == Step.SWITCH) {
                // Promoted, then the router failed: the new primary has no traffic and the old
                // site's apps write to a fenced database. Only a person can finish this.
                outcome[0] +=
                    "; the database is ALREADY PRIMARY on "
                        + release.standbySite()
                        + ": point the router at "
                        + release.standbySite()
                        + " now (writes fail until then)";
              }
              InstantRollback window = release.instantRollback();
              if (window.wasOpened()) {
                window.close("the release ended");
                tracker.rollback(window.describe());
              }
              tracker.finish(Outcome.of(kind), outcome[0]);
              release.notify(
                  Notifications.RELEASE_FAILED,
                  "Release " + version() + " " + kind + ": " + outcome[0]);
            })
        .run();
    log.warn("release {} ended {}: {}", version(), kind, outcome[0]);
    if (cancelled) {
      // Ends the workflow as cancelled. Temporal keeps no details for a cancellation: the
      // progress query has them.
      return error instanceof CanceledFailure ? error : new CanceledFailure(outcome[0]);
    }
    return ApplicationFailure.newNonRetryableFailureWithCause(
        outcome[0], kind.type(), error, tracker.snapshot());
  }

  /** Moves traffic back to the site that was active before the switch. */
  private String rollBack(Step failedStep) {
    // Roles swap only once the switch succeeded: during the switch the old site is still "active".
    String back = failedStep == Step.SWITCH ? release.activeSite() : release.standbySite();
    String away = failedStep == Step.SWITCH ? release.standbySite() : release.activeSite();
    try {
      release.moveTrafficBack(away, back);
      release.rolledBack(back, away);
      tracker.set(Step.SWITCH, StepState.COMPENSATED, "traffic moved back to " + back);
      return "traffic moved back to " + back;
    } catch (ActivityFailure e) {
      String text =
          "traffic could NOT be moved back to "
              + back
              + " ("
              + Reasons.of(e)
              + "); check the router";
      tracker.set(Step.SWITCH, StepState.FAILED, text);
      return text;
    }
  }

  private String version() {
    return release.request().version();
  }

  private static FailureKind kindOf(RuntimeException error, Step step) {
    Throwable root = error instanceof ActivityFailure ? error.getCause() : error;
    if (root instanceof ApplicationFailure app) {
      Optional<FailureKind> known = FailureKind.of(app.getType());
      if (known.isPresent() && (root == error || known.get() == FailureKind.BAD_CONFIG)) {
        return known.get();
      }
    }
    return switch (step) {
      case PLAN -> FailureKind.PLAN_FAILED;
      case PUBLISH, DEPLOY_STANDBY -> FailureKind.DEPLOY_FAILED;
      case MIGRATE -> FailureKind.MIGRATION_FAILED;
      case VALIDATE -> FailureKind.VALIDATION_FAILED;
      case SMOKE -> FailureKind.SMOKE_FAILED;
      case APPROVE, SWITCH -> FailureKind.SWITCH_FAILED;
      case BAKE -> FailureKind.BAKE_FAILED;
      case BACKFILL, DONE -> FailureKind.BACKFILL_FAILED;
    };
  }
}
