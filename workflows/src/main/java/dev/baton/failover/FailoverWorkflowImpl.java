package dev.baton.failover;

import dev.baton.FailureKind;
import dev.baton.Names;
import dev.baton.Outcome;
import dev.baton.metrics.WorkflowMetrics;
import dev.baton.notify.Notifications;
import dev.baton.operation.PreemptRequest;
import dev.baton.operation.RunningRequest;
import dev.baton.probe.ProbeRequest;
import dev.baton.probe.ProbeResult;
import dev.baton.report.PhaseLog;
import dev.baton.report.Reasons;
import dev.baton.router.RouterRequest;
import dev.baton.router.SwitchRequest;
import dev.baton.rules.CallerText;
import dev.baton.rules.ControlPlane;
import dev.baton.rules.ControlRules;
import dev.baton.rules.SignedDecisions;
import dev.baton.site.ActiveOnlyRequest;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;

/**
 * See {@link FailoverWorkflow}. The router moves first: once traffic has left the failed site,
 * nothing that site still does (if it was only unreachable from here) can reach users, so promoting
 * the other database cannot lead to two sites taking writes from users. Fencing its services and
 * database comes next, best effort; then the promotion, which is the point of no return.
 */
public class FailoverWorkflowImpl implements FailoverWorkflow {
  /** Version 1: plan, confirm-down and check-standby run before anything is pre-empted. */
  static final String DECIDE_FIRST = "decide-before-preempt";

  /** Version 1: plan asks what else runs and where the router points at once, not in turn. */
  static final String PARALLEL_PLAN = "parallel-plan";

  /** The failover as it runs: the input's ids with the control worker's rules, once read. */
  private FailoverRequest request;

  private final PhaseLog phases;

  // Built once the rules are known (configure).
  private FailoverActivities activities;
  private FailedSiteFence fence;
  private DatabaseTakeover database;

  /** What else of the project runs, seen at plan: a refused failover leaves it running. */
  private String running = "";

  private boolean decideFirst;
  private long startedAt;
  private String from;
  private String to;
  private String preempted = "";
  private Outcome outcome = Outcome.RUNNING;
  private String message = "";
  private long rto;
  private Long rtoFromDetection;

  @WorkflowInit
  public FailoverWorkflowImpl(FailoverRequest request) {
    this.request = request;
    this.phases = new PhaseLog("failover of " + request.project());
  }

  private void configure(FailoverRequest effective) {
    request = effective;
    activities = new FailoverActivities(effective);
    fence = new FailedSiteFence(effective, activities);
    database = new DatabaseTakeover(effective, activities);
  }

  /**
   * The control worker's rules, not the input's. The monitor's first failed probe is trusted only
   * from the project's monitor: from anyone else it would skip the confirmation that the active
   * site is down. The last replication it saw only feeds the RPO estimate, which says it is one.
   */
  private void readRules() {
    FailoverRequest input = request;
    ControlRules rules = ControlPlane.read(input.project()).orElse(null);
    if (rules == null) {
      configure(input);
      return;
    }
    ControlPlane.requireWorkflowId(Names.failoverWorkflowId(input.project()));
    boolean fromMonitor =
        Workflow.getInfo()
            .getParentWorkflowId()
            .map(Names.monitorWorkflowId(input.project())::equals)
            .orElse(false);
    if (!fromMonitor) {
      // Who asks proves it where decisions are signed; the monitor's own failovers follow its
      // rules (automatic) or a signed approval of it (manual).
      SignedDecisions.Check check =
          new SignedDecisions(rules.signers())
              .checkHere(
                  "failover",
                  false,
                  input.toSite(),
                  input.requestedBy(),
                  input.reason(),
                  input.proof());
      if (check.refusal() != null) {
        throw FailureKind.BAD_REQUEST.failure("the failover is refused: " + check.refusal());
      }
    }
    configure(
        new FailoverRequest(
            input.project(),
            rules.siteIds(),
            input.toSite(),
            input.force(),
            input.reason(),
            input.requestedBy(),
            rules.failover(),
            fromMonitor ? input.firstFailedProbeAtMillis() : null,
            input.lastReplication(),
            input.lastReplicationAtMillis()));
  }

  @Override
  public FailoverResult run(FailoverRequest ignored) {
    startedAt = Workflow.currentTimeMillis();
    try {
      readRules();
      decideFirst = Workflow.getVersion(DECIDE_FIRST, Workflow.DEFAULT_VERSION, 1) == 1;
      if (decideFirst) {
        // Decide first: a failover that will not act must not have stopped a release or drill.
        phases.run("plan", this::plan);
        confirmDown();
        phases.run("check-standby", this::checkStandby);
        phases.run("preempt", this::preempt);
      } else {
        phases.run("preempt", this::preempt);
        phases.run("plan", this::plan);
        confirmDown();
        phases.run("check-standby", this::checkStandby);
      }
      phases.run("route", this::route);
      phases.run("fence", () -> fence.run(from));
      if (request.policy().replicatedDatabase()) {
        phases.run("promote", () -> database.run(from, to, fence.databaseFence(), startedAt));
      }
      if (!request.policy().activeOnlyServices().isEmpty()) {
        phases.run("start-active-only", this::startActiveOnly);
      }
      phases.run("verify", this::verify);
    } catch (ApplicationFailure | ActivityFailure e) {
      throw failed(e);
    }
    long end = Workflow.currentTimeMillis();
    rto = end - startedAt;
    WorkflowMetrics.ended(WorkflowMetrics.FAILOVER, Outcome.SUCCEEDED, startedAt);
    if (request.firstFailedProbeAtMillis() != null) {
      rtoFromDetection = end - request.firstFailedProbeAtMillis();
    }
    outcome = Outcome.SUCCEEDED;
    message =
        "traffic on "
            + to
            + " after "
            + rto
            + " ms"
            + (rtoFromDetection == null ? "" : " (" + rtoFromDetection + " ms after detection)")
            + "; RPO "
            + database.rpo();
    notify(
        Notifications.FAILOVER_SUCCEEDED,
        "Failover of " + request.project() + " from " + from + ": " + message);
    return progress();
  }

  private String preempt() {
    preempted =
        activities.operations.preempt(
            new PreemptRequest(
                request.project(),
                Names.failoverWorkflowId(request.project()),
                request.reason(),
                request.siteIds()));
    return preempted.isEmpty()
        ? "no release, drill or deploy was running"
        : "terminated " + preempted;
  }

  private String plan() {
    Promise<String> others = Workflow.newPromise("");
    if (decideFirst) {
      RunningRequest what =
          new RunningRequest(
              request.project(), Names.failoverWorkflowId(request.project()), request.siteIds());
      others =
          Workflow.getVersion(PARALLEL_PLAN, Workflow.DEFAULT_VERSION, 1) == 1
              ? Async.function(activities.operations::running, what)
              : Workflow.newPromise(activities.operations.running(what));
    }
    String target = activities.router.currentTarget(new RouterRequest(request.project()));
    running = others.get();
    if (request.toSite() != null) {
      if (!request.siteIds().contains(request.toSite())) {
        throw FailureKind.BAD_CONFIG.failure(
            "unknown site '" + request.toSite() + "' (sites: " + request.siteIds() + ")");
      }
      to = request.toSite();
    } else {
      if (!request.siteIds().contains(target)) {
        throw FailureKind.BAD_CONFIG.failure(
            "the router points at '" + target + "', not a site of " + request.siteIds());
      }
      to = other(target);
    }
    from = other(to);
    return "fail over from "
        + from
        + " to "
        + to
        + (target.equals(to) ? " (the router already points at " + to + ")" : "");
  }

  /** Unless forced or already confirmed by the monitor, every probe of the failed site fails. */
  private void confirmDown() {
    if (request.force()) {
      phases.skip("confirm-down", "forced by " + CallerText.escape(request.requestedBy()));
      return;
    }
    if (request.firstFailedProbeAtMillis() != null) {
      phases.skip("confirm-down", "the monitor saw " + from + " fail its probes");
      return;
    }
    phases.run(
        "confirm-down",
        () -> {
          ProbeResult last = null;
          for (int i = 0; i < request.policy().confirmProbes(); i++) {
            if (i > 0) {
              Workflow.sleep(request.policy().confirmInterval());
            }
            last = activities.probe.probe(new ProbeRequest(request.project(), from));
            if (last.healthy()) {
              throw FailureKind.FAILOVER_REFUSED.failure(
                  from
                      + " answers its probes ("
                      + last.summary()
                      + "): nothing was changed"
                      + stillRunning()
                      + ". For a planned switchover run a release or"
                      + " `baton drill run --keep`; to fail over anyway, --force");
            }
          }
          return request.policy().confirmProbes() + " probe(s) failed: " + last.summary();
        });
  }

  private String checkStandby() {
    ProbeResult probe = activities.probe.probe(new ProbeRequest(request.project(), to));
    if (!probe.healthy()) {
      throw FailureKind.STANDBY_UNHEALTHY.failure(
          to
              + " cannot take over, traffic was not moved"
              + stillRunning()
              + ": "
              + probe.summary());
    }
    return to + ": " + probe.summary();
  }

  private String route() {
    return "traffic on "
        + to
        + " in "
        + activities.router.switchTo(new SwitchRequest(request.project(), from, to)).millis()
        + " ms";
  }

  private String startActiveOnly() {
    activities
        .survivingSite(to)
        .setActiveOnlyServices(new ActiveOnlyRequest(request.project(), to, true));
    return "started " + request.policy().activeOnlyServices() + " on " + to;
  }

  private String verify() {
    String target = activities.router.currentTarget(new RouterRequest(request.project()));
    ProbeResult probe = activities.probe.probe(new ProbeRequest(request.project(), to));
    if (!target.equals(to) || !probe.healthy()) {
      throw FailureKind.SWITCH_FAILED.failure(
          "after the failover the router points at "
              + target
              + " and "
              + to
              + " "
              + (probe.healthy() ? "is healthy" : "fails its probes: " + probe.summary()));
    }
    return "router on " + to + ", " + probe.summary();
  }

  private ApplicationFailure failed(TemporalFailure e) {
    outcome = Outcome.of(e, FailureKind.SWITCH_FAILED);
    message = Reasons.of(e) + trafficNote();
    WorkflowMetrics.ended(WorkflowMetrics.FAILOVER, outcome, startedAt);
    notify(
        Notifications.FAILOVER_FAILED, "Failover of " + request.project() + " failed: " + message);
    return ApplicationFailure.newNonRetryableFailure(message, outcome.name());
  }

  /** "; release v2 (step bake) keeps running": what a refused failover left alone. */
  private String stillRunning() {
    return running.isEmpty() ? "" : "; " + running + " keeps running";
  }

  /** Where traffic is after a failure, so nobody has to guess. */
  private String trafficNote() {
    return routed()
        ? " (traffic is on " + to + ")"
        : from == null ? "" : " (traffic was not moved)";
  }

  private boolean routed() {
    return phases.succeeded("route");
  }

  /** Sends, retried; one that still fails is added to the failover's message. */
  void notify(String event, String text) {
    if (activities == null) {
      return; // refused before it read the rules: nothing was done
    }
    String failure = Notifications.send(activities.notify, request.project(), event, text);
    if (failure != null) {
      message += "; " + Notifications.undelivered(event, failure);
    }
  }

  private String other(String site) {
    return request.siteIds().stream().filter(s -> !s.equals(site)).findFirst().orElseThrow();
  }

  @Override
  public FailoverResult progress() {
    return new FailoverResult(
        outcome.name(),
        from,
        to,
        rto,
        rtoFromDetection,
        database == null ? "unknown" : database.rpo(),
        routed() ? fence.fenced() : "nothing yet",
        preempted,
        phases.phases(),
        message);
  }
}
