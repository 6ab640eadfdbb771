package dev.baton.monitor;

import dev.baton.FailureKind;
import dev.baton.Names;
import dev.baton.database.DatabaseActivities;
import dev.baton.database.ReplicationRequest;
import dev.baton.database.ReplicationStatus;
import dev.baton.failover.FailoverRequest;
import dev.baton.failover.FailoverResult;
import dev.baton.failover.FailoverWorkflow;
import dev.baton.notify.Notification;
import dev.baton.notify.Notifications;
import dev.baton.notify.NotifyActivities;
import dev.baton.probe.ProbeActivities;
import dev.baton.probe.ProbeRequest;
import dev.baton.probe.ProbeResult;
import dev.baton.report.Reasons;
import dev.baton.router.RouterActivities;
import dev.baton.router.RouterRequest;
import dev.baton.rules.ControlPlane;
import dev.baton.rules.ControlRules;
import dev.baton.rules.SignedDecisions;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import org.slf4j.Logger;

/** See {@link MonitorWorkflow}. */
public class MonitorWorkflowImpl implements MonitorWorkflow {
  private static final Logger log = Workflow.getLogger(MonitorWorkflowImpl.class);

  /** Probes per run before continue-as-new: about 15 events each keep the history near 3000. */
  static final int PROBES_PER_RUN = 200;

  /** The standby and the replication are checked every this many probes of the active site. */
  static final int STANDBY_CHECK_EVERY = 5;

  /** Notifications went from one synchronous attempt to retried and asynchronous. */
  static final String ASYNC_NOTIFY = "async-notify";

  /**
   * Version 1: a probe starts every {@code interval}, whatever the probe took; before, the monitor
   * waited {@code interval} after each tick's work, so detection took a tick's work longer per
   * failed probe.
   */
  static final String FIXED_RATE = "fixed-rate-probes";

  /** The monitor as it runs: the input's ids with the control worker's rules, once read. */
  private MonitorRequest request;

  private MonitorPolicy policy;

  /**
   * What the caller asked for, passed on unchanged by continue-as-new: only a tightening counts.
   */
  private final MonitorPolicy asked;

  private final MonitorState state;
  private final RouterActivities router;
  private final ProbeActivities probe;
  private final DatabaseActivities database;
  private final NotifyActivities notify;

  /** Since ASYNC_NOTIFY: retried, and sent without holding up probes or a failover. */
  private final NotifyActivities notifyRetried;

  private FailoverApproval approval;

  /** Who may approve a failover, proved by signatures where the rules say so. */
  private SignedDecisions signatures = new SignedDecisions(null);

  private String stoppedBy;

  @WorkflowInit
  public MonitorWorkflowImpl(MonitorRequest request) {
    this.request = request;
    this.policy = request.policy();
    this.asked = request.policy();
    this.state = new MonitorState(request.state());
    // One attempt each: a probe that cannot run is retried by the next tick, not by Temporal.
    ActivityOptions once =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build();
    router = Workflow.newActivityStub(RouterActivities.class, once);
    probe = Workflow.newActivityStub(ProbeActivities.class, once);
    database = Workflow.newActivityStub(DatabaseActivities.class, once);
    notify = Workflow.newActivityStub(NotifyActivities.class, once);
    notifyRetried = Workflow.newActivityStub(NotifyActivities.class, Notifications.OPTIONS);
  }

  /**
   * The control worker's rules, not the input's: above all whether a failover starts without a
   * person. The input may only tighten that ({@code --no-auto-failover}), never loosen it. Read
   * again by every run (continue-as-new), so a changed file applies within one run.
   */
  private void readRules() {
    ControlRules rules = ControlPlane.read(request.project()).orElse(null);
    if (rules != null) {
      ControlPlane.requireWorkflowId(Names.monitorWorkflowId(request.project()));
      signatures = new SignedDecisions(rules.signers());
      MonitorPolicy own = rules.monitor();
      boolean auto = own.autoFailover() && (asked == null || asked.autoFailover());
      policy =
          new MonitorPolicy(
              own.interval(), own.failuresBeforeAction(), auto, own.maxLagBytes(), own.maxLag());
      request =
          new MonitorRequest(
              request.project(),
              rules.siteIds(),
              request.requestedBy(),
              policy,
              rules.failover(),
              request.state());
    }
  }

  @Override
  public void run(MonitorRequest ignored) {
    readRules();
    if (request.state() == null) {
      state.event("monitor started by " + request.requestedBy());
    }
    boolean fixedRate = Workflow.getVersion(FIXED_RATE, Workflow.DEFAULT_VERSION, 1) == 1;
    for (int tick = 0; tick < PROBES_PER_RUN; tick++) {
      long tickStart = Workflow.currentTimeMillis();
      if (stoppedBy != null) {
        state.event("monitor stopped by " + stoppedBy);
        return;
      }
      try {
        probeActive();
        if (tick % STANDBY_CHECK_EVERY == 0 && state.activeHealth == SiteHealth.HEALTHY) {
          checkStandby();
        }
      } catch (ActivityFailure e) {
        // The worker or a dependency is broken, not (as far as we know) the site: say so, go on.
        log.warn("monitor tick failed: {}", Reasons.of(e));
        state.event("could not probe: " + Reasons.of(e));
      }
      if (state.waitingForApproval && approval != null) {
        failOver(approval.approver(), approval.reason());
      }
      Duration wait =
          fixedRate
              ? policy.interval().minusMillis(Workflow.currentTimeMillis() - tickStart)
              : policy.interval();
      if (!wait.isNegative() && !wait.isZero()) {
        Workflow.await(
            wait, () -> stoppedBy != null || (state.waitingForApproval && approval != null));
      }
    }
    Workflow.continueAsNew(
        new MonitorRequest(
            request.project(),
            request.siteIds(),
            request.requestedBy(),
            asked,
            request.failover(),
            state.snapshot()));
  }

  private void probeActive() {
    String target = router.currentTarget(new RouterRequest(request.project()));
    if (!target.equals(state.activeSite)) {
      if (state.activeSite != null) {
        state.event("traffic moved from " + state.activeSite + " to " + target);
      }
      state.activeSite = target;
      state.consecutiveFailures = 0;
    }
    ProbeResult result = probe.probe(new ProbeRequest(request.project(), target));
    state.probes++;
    if (result.healthy()) {
      recovered(target);
      return;
    }
    if (state.consecutiveFailures++ == 0) {
      state.firstFailedProbeAtMillis = Workflow.currentTimeMillis();
    }
    if (state.consecutiveFailures < policy.failuresBeforeAction()) {
      state.activeHealth = SiteHealth.FAILING;
      return;
    }
    if (state.activeHealth == SiteHealth.DOWN) {
      return; // acted already: a failover ran, or a person is asked
    }
    state.activeHealth = SiteHealth.DOWN;
    String what =
        target
            + " is down: "
            + state.consecutiveFailures
            + " probes failed ("
            + result.summary()
            + ")";
    if (policy.autoFailover()) {
      notify(Notifications.SITE_DOWN, state.event(what + "; failing over"));
      failOver("monitor", what);
    } else {
      state.waitingForApproval = true;
      notify(
          Notifications.FAILOVER_APPROVAL_NEEDED,
          state.event(what + "; approve the failover: baton monitor approve --reason TEXT"));
    }
  }

  private void recovered(String target) {
    if (state.consecutiveFailures > 0) {
      String text =
          target + " answers again after " + state.consecutiveFailures + " failed probe(s)";
      if (state.waitingForApproval) {
        state.waitingForApproval = false;
        approval = null;
        notify(Notifications.SITE_RECOVERED, state.event(text + "; no failover needed"));
      } else {
        state.event(text);
      }
    }
    state.consecutiveFailures = 0;
    state.firstFailedProbeAtMillis = 0;
    state.activeHealth = SiteHealth.HEALTHY;
  }

  /** The standby's readiness: its apps, and in replicated mode the replication from the active. */
  private void checkStandby() {
    String active = state.activeSite;
    String standby =
        request.siteIds().stream().filter(s -> !s.equals(active)).findFirst().orElseThrow();
    ProbeResult apps = probe.probe(new ProbeRequest(request.project(), standby));
    String problem = apps.healthy() ? null : standby + "'s apps: " + apps.summary();
    if (problem == null && request.failover().replicatedDatabase()) {
      ReplicationStatus replication =
          database.replicationStatus(new ReplicationRequest(request.project(), active, standby));
      state.lastReplication = replication;
      state.lastReplicationAtMillis = Workflow.currentTimeMillis();
      boolean lagOk =
          replication.lagBytes() <= policy.maxLagBytes()
              && replication.lagMillis() <= policy.maxLag().toMillis();
      if (!replication.streaming() || !lagOk) {
        problem = standby + "'s database: " + replication.detail();
      }
    }
    boolean wasDegraded = state.standbyHealth.health() == SiteHealth.DEGRADED;
    state.standbyHealth = problem == null ? StandbyHealth.HEALTHY : StandbyHealth.degraded(problem);
    if (problem != null && !wasDegraded) {
      notify(
          Notifications.STANDBY_DEGRADED,
          state.event("standby " + standby + " cannot take over: " + problem));
    } else if (problem == null && wasDegraded) {
      notify(
          Notifications.STANDBY_RECOVERED, state.event("standby " + standby + " is ready again"));
    }
  }

  /** Starts the failover as a child that outlives the monitor, and waits for its outcome. */
  private void failOver(String by, String reason) {
    state.waitingForApproval = false;
    approval = null;
    String id = Names.failoverWorkflowId(request.project());
    state.failoverWorkflowId = id;
    FailoverWorkflow failover =
        Workflow.newChildWorkflowStub(
            FailoverWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .build());
    try {
      FailoverResult result =
          failover.run(
              new FailoverRequest(
                  request.project(),
                  request.siteIds(),
                  null,
                  false,
                  reason,
                  by,
                  request.failover(),
                  state.firstFailedProbeAtMillis,
                  state.lastReplication,
                  state.lastReplicationAtMillis));
      notify(
          Notifications.FAILOVER_DONE, state.event("failover by " + by + ": " + result.message()));
      state.activeSite = result.to();
      state.activeHealth = SiteHealth.HEALTHY;
      state.consecutiveFailures = 0;
      state.firstFailedProbeAtMillis = 0;
      state.standbyHealth = StandbyHealth.UNKNOWN;
    } catch (ChildWorkflowFailure e) {
      if (e.getExecution().getRunId().isEmpty()) {
        // Not started: a failover with that id already runs (a person's). Its router switch
        // shows up as "traffic moved" at the next probe, which resets the count.
        state.event("a failover of " + request.project() + " is already running; watching it");
        return;
      }
      // Never start failovers in a loop: after a failed one, a person decides.
      state.waitingForApproval = true;
      notify(
          Notifications.FAILOVER_FAILED,
          state.event(
              "failover failed: "
                  + Reasons.of(e)
                  + "; approve another attempt: baton monitor approve --reason TEXT"));
    }
  }

  private void notify(String event, String text) {
    Notification notification = new Notification(request.project(), event, text);
    if (Workflow.getVersion(ASYNC_NOTIFY, Workflow.DEFAULT_VERSION, 1) == 1) {
      // Retrying a dead webhook for a minute must not delay the failover that follows site-down;
      // a notification still undelivered after its retries becomes an event of the status.
      Async.procedure(notifyRetried::send, notification)
          .handle(
              (ok, failure) -> {
                if (failure != null) {
                  String reason = Reasons.of(failure);
                  log.warn("notification {} not delivered: {}", event, reason);
                  state.event(Notifications.undelivered(event, reason));
                }
                return null;
              });
      return;
    }
    try {
      notify.send(notification);
    } catch (ActivityFailure e) {
      log.warn("notification {} not delivered: {}", event, e.getMessage());
    }
  }

  @Override
  public MonitorStatus status() {
    return state.snapshot();
  }

  @Override
  public String approveFailover(FailoverApproval approval) {
    String refused = signatureRefusal(approval);
    if (refused != null) {
      throw FailureKind.BAD_REQUEST.failure(refused); // the state moved on since the validator
    }
    signatures.used(approval.proof());
    this.approval = approval;
    return "failover of " + state.activeSite + " approved by " + approval.approver();
  }

  @Override
  public void validateApproveFailover(FailoverApproval approval) {
    if (!state.waitingForApproval) {
      throw new IllegalArgumentException(
          "the monitor is not waiting for a failover approval (active "
              + state.activeSite
              + " is "
              + state.activeHealth
              + ")");
    }
    if (approval.approver() == null || approval.approver().isBlank()) {
      throw new IllegalArgumentException("an approval needs the approver's name");
    }
    String refused = signatureRefusal(approval);
    if (refused != null) {
      throw new IllegalArgumentException("failover approval refused: " + refused);
    }
  }

  /** Null when {@code approval} is signed as the rules require (or they require nothing). */
  private String signatureRefusal(FailoverApproval approval) {
    return signatures
        .checkHere(
            "monitor-approve", true, "", approval.approver(), approval.reason(), approval.proof())
        .refusal();
  }

  @Override
  public void approveFailoverSignal(FailoverApproval approval) {
    String refused =
        approval.approver() == null || approval.approver().isBlank()
            ? "no approver"
            : signatureRefusal(approval);
    if (state.waitingForApproval && refused != null) {
      state.event("refused a failover approval signal: " + refused);
    } else if (state.waitingForApproval) {
      signatures.used(approval.proof());
      this.approval = approval;
    } else {
      state.event("ignored a failover approval signal: the monitor was not waiting for one");
    }
  }

  @Override
  public void stop(String by) {
    stoppedBy = by == null || by.isBlank() ? "someone" : by;
  }
}
