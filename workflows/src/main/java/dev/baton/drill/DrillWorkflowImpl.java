package dev.baton.drill;

import dev.baton.FailureKind;
import dev.baton.Names;
import dev.baton.Outcome;
import dev.baton.metrics.WorkflowMetrics;
import dev.baton.notify.Notifications;
import dev.baton.operation.OperationActivities;
import dev.baton.operation.RunningRequest;
import dev.baton.probe.ProbeRequest;
import dev.baton.probe.ProbeResult;
import dev.baton.probe.ProbeWatch;
import dev.baton.release.ReleaseActivities;
import dev.baton.release.StepState;
import dev.baton.report.PhaseLog;
import dev.baton.report.Reasons;
import dev.baton.report.Texts;
import dev.baton.router.RequestErrors;
import dev.baton.router.RequestErrorsRequest;
import dev.baton.router.RequestLogActivities;
import dev.baton.router.RouterRequest;
import dev.baton.rules.CallerText;
import dev.baton.rules.ControlPlane;
import dev.baton.rules.ControlRules;
import dev.baton.switchover.DatabaseMove;
import dev.baton.switchover.DatabaseSwitchover;
import dev.baton.switchover.SwitchoverInput;
import dev.baton.switchover.TrafficMover;
import dev.baton.switchover.TrafficProgress;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;

/**
 * See {@link DrillWorkflow}. The switch and the database switchover are the ones a release takes
 * ({@link TrafficMover}, {@link DatabaseSwitchover}), so a drill proves that path; its activity
 * stubs are the release's ({@link ReleaseActivities}), with the same timeouts. Switching back with
 * a replicated database is a second switchover: the former primary is first re-seeded as a replica
 * of the new one, and after the switch back the other way round.
 */
public class DrillWorkflowImpl implements DrillWorkflow {
  /** The drill as it runs: the input's ids with the control worker's rules, once read. */
  private DrillRequest request;

  // Built once the rules are known (configure).
  private SwitchoverInput switchover;
  private ReleaseActivities activities;
  private TrafficMover traffic;
  private final OperationActivities operations;
  private final RequestLogActivities requestLog;
  private final PhaseLog phases;

  /** A {@link DatabaseSwitchover} once validated in mode replicated; else the databases stay. */
  private DatabaseMove database = DatabaseMove.NONE;

  private String from;
  private String to;
  private String active;
  private Outcome outcome = Outcome.RUNNING;
  private String message = "";
  private String requestErrors = "not measured yet";

  @WorkflowInit
  public DrillWorkflowImpl(DrillRequest request) {
    this.request = request;
    ActivityOptions shortCall =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
            .build();
    this.operations = Workflow.newActivityStub(OperationActivities.class, shortCall);
    this.requestLog = Workflow.newActivityStub(RequestLogActivities.class, shortCall);
    this.phases = new PhaseLog("drill of " + request.project());
  }

  private void configure(DrillRequest effective) {
    request = effective;
    switchover = effective.policy().switchover(effective.project());
    activities =
        new ReleaseActivities(effective.project(), effective.siteIds(), effective.policy());
    // One step, reported by the drill's own phases: a drill proves the switchover, not a shift.
    traffic = new TrafficMover(switchover, activities.switchover(), TrafficProgress.NONE);
  }

  /**
   * The control worker's rules, not the input's: the bake, the probe interval and the database mode
   * are its own. Only {@code keep} is the caller's choice: staying on the standby loosens no gate.
   */
  private void readRules() {
    DrillRequest input = request;
    ControlRules rules = ControlPlane.read(input.project()).orElse(null);
    if (rules == null) {
      configure(input);
      return;
    }
    String id = Workflow.getInfo().getWorkflowId();
    if (!Names.isDrillWorkflowId(input.project(), id)) {
      throw FailureKind.BAD_REQUEST.failure(
          "a drill must run as "
              + Names.drillWorkflowId(input.project())
              + " (or under its schedule), not "
              + CallerText.quote(id)
              + ": one operation per project at a time rests on that id");
    }
    configure(
        new DrillRequest(
            input.project(),
            rules.siteIds(),
            input.requestedBy(),
            rules.release(),
            rules.drill().bake(),
            input.keep()));
  }

  @Override
  public DrillReport run(DrillRequest ignored) {
    long startedAt = Workflow.currentTimeMillis();
    try {
      readRules();
      phases.run("plan", this::plan);
      phases.run("validate", this::validate);
      phases.run("switch", this::switchOver);
      bake();
      if (request.keep()) {
        phases.skip("switch-back", "--keep: traffic stays on " + to);
        reseedFormerPrimary(from, to);
      } else {
        switchBack("switch-back");
      }
    } catch (ApplicationFailure | ActivityFailure | CanceledFailure e) {
      throw failed(e, startedAt);
    }
    measureErrors(startedAt);
    outcome = Outcome.SUCCEEDED;
    WorkflowMetrics.ended(WorkflowMetrics.DRILL, outcome, startedAt);
    message =
        "drill passed: "
            + to
            + " took over in "
            + phases.millis("switch")
            + " ms"
            + (request.keep()
                ? ""
                : ", back on " + from + " in " + phases.millis("switch-back") + " ms")
            + "; request errors: "
            + requestErrors;
    notify(Notifications.DRILL_SUCCEEDED, "Drill of " + request.project() + ": " + message);
    return progress();
  }

  private String plan() {
    // Its own id: a Schedule starts drills as baton-drill-<project>-<timestamp>, and the cron
    // fallback's runs have the schedule's id, so a workflow-id conflict cannot keep them apart.
    String busy =
        operations.running(
            new RunningRequest(
                request.project(), Workflow.getInfo().getWorkflowId(), request.siteIds()));
    if (!busy.isEmpty()) {
      throw FailureKind.BUSY.failure("not now: " + busy);
    }
    from = activities.router.currentTarget(new RouterRequest(request.project()));
    if (!request.siteIds().contains(from)) {
      throw FailureKind.BAD_CONFIG.failure(
          "the router points at '" + from + "', not a site of " + request.siteIds());
    }
    to = request.siteIds().stream().filter(s -> !s.equals(from)).findFirst().orElseThrow();
    active = from;
    return "switch from " + from + " to " + to + (request.keep() ? " and stay" : " and back");
  }

  private String validate() {
    ProbeResult probe = activities.probe.probe(new ProbeRequest(request.project(), to));
    if (!probe.healthy()) {
      throw FailureKind.STANDBY_UNHEALTHY.failure(
          to + " cannot take over, traffic stays on " + from + ": " + probe.summary());
    }
    String text = probe.summary();
    if (request.policy().replicatedDatabase()) {
      DatabaseSwitchover replicated = new DatabaseSwitchover(switchover, activities.switchover());
      database = replicated;
      text += "; " + replicated.checkReplication(from, to);
    }
    return text;
  }

  private String switchOver() {
    var result = traffic.move(from, to, database);
    active = to;
    return "traffic on " + to + " in " + result.millis() + " ms" + database.switchDetail();
  }

  private void bake() {
    Duration bake = request.bake();
    if (bake.isZero()) {
      phases.skip("bake", "no bake time");
      return;
    }
    int index = phases.start("bake", "watching " + to + " for " + Texts.duration(bake));
    ProbeWatch.Watched watched =
        new ProbeWatch(activities.probe, request.project(), request.policy().probeInterval())
            .watch(
                to,
                bake,
                probe -> {
                  String why = to + " failed a probe while serving: " + probe.summary();
                  phases.end(index, StepState.FAILED, why);
                  switchBack("switch-back");
                  return FailureKind.BAKE_FAILED.failure(why + "; traffic moved back to " + from);
                });
    phases.end(
        index,
        StepState.SUCCEEDED,
        watched.probes() + " probe(s) passed over " + Texts.duration(bake));
  }

  /** Traffic back to {@code from}; with a promoted database, a switchover the other way. */
  private void switchBack(String phase) {
    if (!database.promoted()) {
      phases.run(
          phase,
          () -> {
            var result = traffic.back(to, from);
            active = from;
            return "traffic on " + from + " in " + result.millis() + " ms";
          });
      return;
    }
    reseedFormerPrimary(from, to);
    DatabaseSwitchover back = new DatabaseSwitchover(switchover, activities.switchover());
    phases.run(
        phase,
        () -> {
          var result = traffic.move(to, from, back);
          active = from;
          return "traffic on " + from + " in " + result.millis() + " ms" + back.switchDetail();
        });
    reseedFormerPrimary(to, from);
  }

  /** After a database switchover {@code old} is fenced and alone: make it a replica again. */
  private void reseedFormerPrimary(String old, String primary) {
    if (database instanceof DatabaseSwitchover replicated && replicated.promoted()) {
      phases.run("reseed-" + old, () -> replicated.reseed(old, primary));
    }
  }

  private void measureErrors(long startedAt) {
    try {
      RequestErrors errors =
          requestLog.requestErrors(
              new RequestErrorsRequest(request.project(), startedAt, Workflow.currentTimeMillis()));
      requestErrors = errors.measured() ? errors.detail() : "not measured: " + errors.detail();
    } catch (ActivityFailure e) {
      requestErrors = "not measured: " + Reasons.of(e);
    }
  }

  private ApplicationFailure failed(RuntimeException e, long startedAt) {
    if (e instanceof CanceledFailure && active != null && !active.equals(from)) {
      // Cancelled while the standby served: the drill must not leave the roles swapped.
      Workflow.newDetachedCancellationScope(() -> switchBack("switch-back")).run();
    }
    Workflow.newDetachedCancellationScope(() -> measureErrors(startedAt)).run();
    outcome =
        e instanceof CanceledFailure
            ? Outcome.of(FailureKind.CANCELLED)
            : Outcome.of(e, FailureKind.SWITCH_FAILED);
    message =
        Reasons.of(e)
            + " (traffic on "
            + (active == null ? "the active site" : active)
            + "); request errors: "
            + requestErrors;
    WorkflowMetrics.ended(WorkflowMetrics.DRILL, outcome, startedAt);
    notify(Notifications.DRILL_FAILED, "Drill of " + request.project() + " failed: " + message);
    return ApplicationFailure.newNonRetryableFailure(message, outcome.name());
  }

  /** Sends, retried, even when cancelled; one that still fails is added to the message. */
  private void notify(String event, String text) {
    if (activities == null) {
      return; // refused before it read the rules: nothing was done
    }
    Workflow.newDetachedCancellationScope(
            () -> {
              String failure =
                  Notifications.send(activities.notify, request.project(), event, text);
              if (failure != null) {
                message += "; " + Notifications.undelivered(event, failure);
              }
            })
        .run();
  }

  @Override
  public DrillReport progress() {
    return new DrillReport(
        outcome.name(),
        from,
        to,
        active,
        phases.millis("switch"),
        phases.millis("switch-back"),
        requestErrors,
        phases.phases(),
        message);
  }
}
