package dev.baton.release;

import dev.baton.FailureKind;
import dev.baton.smoke.SmokeCheck;
import dev.baton.smoke.SmokeKind;
import dev.baton.smoke.SmokeRequest;
import dev.baton.smoke.SmokeResult;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The release's smoke step: every check of {@code release.smoke} against the standby, after
 * validate and before the approval, so whoever approves sees what they found. All run even when one
 * fails (the operator wants the whole picture); any failure then fails the release before the
 * switch, leaving the standby as it is for inspection.
 */
final class SmokeTests {
  /** Version 1: the release runs smoke tests. Releases recorded before it had none. */
  static final String CHANGE_ID = "smoke-tests";

  private final ReleaseRequest request;
  private final ReleaseActivities activities;
  private final ReleaseTracker tracker;

  SmokeTests(ReleaseRequest request, ReleaseActivities activities, ReleaseTracker tracker) {
    this.request = request;
    this.activities = activities;
    this.tracker = tracker;
  }

  void run(String standby) {
    List<SmokeCheck> checks = request.policy().smoke();
    // Asked only when there are checks: a release without them records nothing new.
    if (checks.isEmpty()
        || Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      tracker.set(Step.SMOKE, StepState.SKIPPED, "no smoke tests configured");
      return;
    }
    List<SmokeResult> results = new ArrayList<>();
    for (SmokeCheck check : checks) {
      tracker.start(
          Step.SMOKE,
          "running "
              + check.describe()
              + " on "
              + standby
              + " ("
              + (results.size() + 1)
              + " of "
              + checks.size()
              + ")");
      SmokeRequest smoke = new SmokeRequest(request.project(), standby, request.version(), check);
      SmokeResult result =
          check.kind() == SmokeKind.SERVICE
              ? activities.smokeService(standby, check.timeout()).smoke(smoke)
              : activities.smokeHttp.smoke(smoke);
      results.add(result);
      tracker.smoke(results);
    }
    List<SmokeResult> failed = results.stream().filter(r -> !r.passed()).toList();
    if (!failed.isEmpty()) {
      throw FailureKind.SMOKE_FAILED.failure(
          standby
              + " failed "
              + failed.size()
              + " of "
              + results.size()
              + " smoke test(s): "
              + failed.stream().map(SmokeResult::describe).collect(Collectors.joining("; "))
              + "; "
              + standby
              + " is left running "
              + request.version()
              + " for inspection (release status shows the output)");
    }
    tracker.set(
        Step.SMOKE, StepState.SUCCEEDED, results.size() + " smoke test(s) passed on " + standby);
  }
}
