package dev.baton.rules;

import dev.baton.FailureKind;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads the control worker's rules from inside a workflow, once, as its first step. Workflows
 * started before the rules moved to the control plane carried them in their input and still replay
 * with those: {@link #read} returns empty for them.
 */
public final class ControlPlane {
  /** Version 1: the rules come from the control worker, the input's copy is ignored. */
  public static final String CHANGE_ID = "control-plane-rules";

  private ControlPlane() {}

  /**
   * The rules in force, or empty when replaying a workflow recorded before this change. Refuses a
   * workflow that names another project than the one the control worker serves (its task queue is
   * that project's, but its input is whatever the caller typed).
   */
  public static Optional<ControlRules> read(String project) {
    if (Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return Optional.empty();
    }
    RulesActivities activities =
        Workflow.newActivityStub(
            RulesActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(
                    RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setMaximumAttempts(3)
                        .build())
                .build());
    ControlRules rules = activities.read(new RulesRequest(project));
    if (!rules.project().equals(project)) {
      throw FailureKind.BAD_REQUEST.failure(
          "this control worker serves project "
              + rules.project()
              + ", not "
              + CallerText.quote(project)
              + ": start it with that project's id");
    }
    return Optional.of(rules);
  }

  /**
   * Refuses a workflow started under another id than the one baton gives it: one operation per
   * project at a time rests on those ids (Temporal refuses a second start with the same id), and a
   * release started through the API as "my-release" would slip past it.
   */
  public static void requireWorkflowId(String expected) {
    String actual = Workflow.getInfo().getWorkflowId();
    if (!actual.equals(expected)) {
      throw FailureKind.BAD_REQUEST.failure(
          "this workflow must run as "
              + expected
              + ", not "
              + CallerText.quote(actual)
              + ": one operation per project at a time rests on that id");
    }
  }
}
