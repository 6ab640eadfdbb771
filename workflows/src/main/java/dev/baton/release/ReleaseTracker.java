package dev.baton.release;

import dev.baton.Outcome;
import dev.baton.metrics.WorkflowMetrics;
import dev.baton.migrate.MigrateResult;
import dev.baton.smoke.SmokeResult;
import dev.baton.switchover.TrafficProgress;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The release's progress as people see it: every step's state, times and message. Each change is
 * mirrored into {@code Workflow.setCurrentDetails}, which the Temporal Web UI shows.
 */
final class ReleaseTracker implements TrafficProgress {
  private final ReleaseRequest request;
  private final ApprovalGate gate;
  private final ReleaseSearchAttributes searchAttributes;
  private final List<StepStatus> steps = new ArrayList<>();
  private Step current = Step.PLAN;
  private String activeSite;
  private String standbySite;
  private Outcome outcome = Outcome.RUNNING;
  private String message = "";
  private String rollback;
  private String traffic;
  private final List<String> notificationErrors = new ArrayList<>();
  private String rules;
  private boolean signedDecisions;
  private List<SmokeResult> smoke = List.of();
  private Map<String, String> images = Map.of();
  private MigrateResult migration;

  ReleaseTracker(ReleaseRequest request, ApprovalGate gate) {
    this.request = request;
    this.gate = gate;
    this.searchAttributes = new ReleaseSearchAttributes(request);
    for (Step step : Step.values()) {
      steps.add(StepStatus.pending(step));
    }
  }

  /** The rules in force and where they came from; before the first step. */
  void rules(ReleasePolicy policy, String source, boolean signed) {
    searchAttributes.allow(policy.searchAttributes(), !policy.omitVersionAttribute());
    rules = source;
    signedDecisions = signed;
  }

  void start(Step step, String text) {
    current = step;
    set(step, StepState.RUNNING, text);
    searchAttributes.step(step.id());
  }

  void set(Step step, StepState state, String text) {
    StepStatus before = steps.get(step.ordinal());
    StepStatus after = before.with(state, now(), text);
    steps.set(step.ordinal(), after);
    if (before.endedAt() == null
        && after.endedAt() != null
        && state != StepState.SKIPPED
        && step != Step.DONE) {
      WorkflowMetrics.time(
          WorkflowMetrics.RELEASE_STEP,
          Map.of("step", step.id(), "state", state.name()),
          after.endedAt().toEpochMilli() - after.startedAt().toEpochMilli());
    }
    publish();
  }

  StepState state(Step step) {
    return steps.get(step.ordinal()).state();
  }

  Step current() {
    return current;
  }

  void roles(String active, String standby) {
    activeSite = active;
    standbySite = standby;
    publish();
  }

  void rollback(String text) {
    rollback = text;
    publish();
  }

  @Override
  public void oneSiteHasAll() {
    traffic(null);
  }

  /** How traffic is split during a weighted shift; null once one site has all of it. */
  void traffic(String text) {
    traffic = text;
    publish();
  }

  String traffic() {
    return traffic;
  }

  /** The smoke tests that ran so far, in order. */
  void smoke(List<SmokeResult> results) {
    smoke = List.copyOf(results);
    publish();
  }

  /** The images by digest both sites run, once published. */
  void images(Map<String, String> published) {
    images = Map.copyOf(published);
  }

  /** How the release's migration ended. */
  void migration(MigrateResult result) {
    migration = result;
    publish();
  }

  /** The smoke tests' results for a notification, a service's output tail indented; or "". */
  String smokeSummary() {
    StringBuilder text = new StringBuilder();
    for (SmokeResult r : smoke) {
      text.append("\n").append(r.describe());
      if (!r.output().isEmpty()) {
        text.append("\n    ").append(r.output().strip().replace("\n", "\n    "));
      }
    }
    return text.isEmpty() ? "" : "\nsmoke tests:" + text;
  }

  /** A notification that was not delivered after its retries; the release goes on. */
  void notificationFailed(String event, String reason) {
    notificationErrors.add(event + ": " + reason);
    publish();
  }

  void finish(Outcome outcome, String text) {
    this.outcome = outcome;
    this.message = text;
    Instant started = steps.get(Step.PLAN.ordinal()).startedAt();
    if (started != null) {
      WorkflowMetrics.ended(WorkflowMetrics.RELEASE, outcome, started.toEpochMilli());
    }
    publish();
    if (outcome.equals(Outcome.SUCCEEDED)) {
      searchAttributes.step(Step.DONE.id());
    }
  }

  ReleaseProgress snapshot() {
    return new ReleaseProgress(
        request.project(),
        request.version(),
        request.requestedBy(),
        activeSite,
        standbySite,
        current,
        gate.waitingFor(),
        List.copyOf(steps),
        gate.records(),
        // null while running: what the progress has always said, and what the CLI reads
        outcome.equals(Outcome.RUNNING) ? null : outcome.name(),
        message,
        rollback,
        traffic,
        List.copyOf(notificationErrors),
        rules,
        signedDecisions,
        smoke,
        images,
        migration);
  }

  private void publish() {
    StepStatus now = steps.get(current.ordinal());
    String details =
        "**release "
            + request.version()
            + "** of "
            + request.project()
            + "\n\nstep: `"
            + current.id()
            + "` "
            + now.state().name().toLowerCase()
            + (now.message().isEmpty() ? "" : ": " + now.message())
            + (activeSite == null ? "" : "\n\nactive: " + activeSite + ", standby: " + standbySite)
            + (traffic == null ? "" : "\n\ntraffic: " + traffic)
            + (gate.waitingFor() == null
                ? ""
                : "\n\nwaiting for approval of `"
                    + gate.waitingFor()
                    + "`: signal `approve` with"
                    + " {\"step\":\""
                    + gate.waitingFor()
                    + "\",\"approver\":\"NAME\"}")
            + (outcome.equals(Outcome.RUNNING) ? "" : "\n\noutcome: " + outcome + " " + message)
            + (notificationErrors.isEmpty()
                ? ""
                : "\n\nnot delivered: " + String.join("; ", notificationErrors));
    Workflow.setCurrentDetails(details);
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
