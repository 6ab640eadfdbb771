package dev.baton.release;

import dev.baton.FailureKind;
import dev.baton.Outcome;
import dev.baton.notify.Notifications;
import dev.baton.probe.ProbeRequest;
import dev.baton.probe.ProbeResult;
import dev.baton.router.SwitchResult;
import dev.baton.rules.CallerText;
import dev.baton.rules.SignedDecisions;
import dev.baton.site.DeployRequest;
import dev.baton.site.DeployResult;
import dev.baton.site.Role;
import dev.baton.switchover.DatabaseMove;
import dev.baton.switchover.DatabaseSwitchover;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import org.slf4j.Logger;

/** See {@link ReleaseWorkflow}. Each step is a method; {@link #run} only orders them. */
public class ReleaseWorkflowImpl implements ReleaseWorkflow {
  private static final Logger log = Workflow.getLogger(ReleaseWorkflowImpl.class);

  /** The release as it runs: the input's ids with the control worker's rules, once read. */
  private ReleaseRequest request;

  private ReleasePolicy policy;
  private final ApprovalGate gate;
  private final ReleaseTracker tracker;
  private final InstantRollback rollback = new InstantRollback();

  // Built once the rules are known (configure): they depend on the sites, timeouts and mode.
  private ReleaseActivities activities;
  private ReleaseSwitch traffic;
  private SchemaMigration migration;
  private ApprovalWait approvals;
  private ImagePublish images;

  /** Waits out an engine or database that does not answer for a while (release.outageWait). */
  private OutageWait outages;

  /** Who may decide, proved by SSH signatures where the rules say so. */
  private SignedDecisions signatures;

  /** A {@link DatabaseSwitchover} in mode replicated; in mode external the databases stay put. */
  private DatabaseMove database = DatabaseMove.NONE;

  private String active;
  private String standby;

  /** Traffic has (maybe) moved and the bake has not passed: a failure must move it back. */
  private boolean mustRollBack;

  // State that queries and validators read is built here, not in run(): with Update-with-Start the
  // validator runs first. Nothing here depends on the rules, which run() reads.
  @WorkflowInit
  public ReleaseWorkflowImpl(ReleaseRequest request) {
    this.request = request;
    this.gate = new ApprovalGate(CallerText.normalizeName(request.requestedBy()));
    this.tracker = new ReleaseTracker(request, gate);
  }

  private void configure(
      ReleaseRequest effective,
      String rulesSource,
      SignedDecisions signatures,
      String requesterKey) {
    this.signatures = signatures;
    request = effective;
    policy = effective.policy();
    gate.rules(policy, signatures, requesterKey);
    tracker.rules(policy, rulesSource, signatures.required());
    activities = new ReleaseActivities(effective);
    traffic = new ReleaseSwitch(effective, activities, tracker);
    migration = new SchemaMigration(effective, activities, tracker);
    database =
        policy.replicatedDatabase()
            ? new DatabaseSwitchover(
                policy.switchover(effective.project()), activities.switchover())
            : DatabaseMove.NONE;
    approvals = new ApprovalWait(effective, gate, tracker, rollback, this::notify);
    images = new ImagePublish(effective, activities, tracker);
    outages = new OutageWait(policy.outageWait());
  }

  @Override
  public ReleaseResult run(ReleaseRequest ignored) {
    try {
      readRules();
      plan();
      images.run(standby);
      migrate();
      deployStandby();
      validate();
      smoke();
      approveSwitch();
      switchTraffic();
      bake();
      backfill();
    } catch (ApplicationFailure | ActivityFailure | CanceledFailure e) {
      throw new ReleaseFailureHandler(this).handle(e);
    }
    tracker.set(Step.DONE, StepState.SUCCEEDED, roleSummary());
    tracker.finish(Outcome.SUCCEEDED, "release " + request.version() + " done: " + roleSummary());
    log.info("release {} succeeded: {}", request.version(), roleSummary());
    notify(
        Notifications.RELEASE_SUCCEEDED,
        "Release " + request.version() + " succeeded: " + roleSummary());
    return new ReleaseResult(Outcome.SUCCEEDED.name(), tracker.snapshot());
  }

  /** The control worker's rules, not the input's (see {@link ReleaseRules}). */
  private void readRules() {
    ReleaseRules.Read read = ReleaseRules.read(request);
    configure(read.request(), read.source(), read.signatures(), read.requesterKey());
  }

  private void plan() {
    ReleasePlan.Roles roles = new ReleasePlan(request, activities, tracker).run();
    active = roles.active();
    standby = roles.standby();
  }

  /** The schema migration on the active site, before anything is deployed. */
  private void migrate() {
    migration.run(active);
  }

  private void deployStandby() {
    String migrated = "";
    if (database instanceof DatabaseSwitchover replicated) {
      // A standby that cannot take over is not worth deploying to.
      String checking = "checking " + standby + "'s database";
      tracker.start(Step.DEPLOY_STANDBY, checking);
      outages.replication(replicated, active, standby, waiting(Step.DEPLOY_STANDBY, checking));
      // The new version must not start on the replica's old schema.
      migrated =
          migration.awaitOnReplica(
              standby, text -> tracker.set(Step.DEPLOY_STANDBY, StepState.RUNNING, text));
    }
    String deploying = migrated + "deploying " + request.version() + " to " + standby;
    tracker.start(Step.DEPLOY_STANDBY, deploying);
    DeployResult result = deploy(standby, Step.DEPLOY_STANDBY, deploying);
    tracker.set(Step.DEPLOY_STANDBY, StepState.SUCCEEDED, migrated + result.message());
  }

  private void validate() {
    tracker.start(Step.VALIDATE, "probing every app on " + standby);
    ProbeResult probe = activities.probe.probe(new ProbeRequest(request.project(), standby));
    if (!probe.healthy()) {
      throw FailureKind.VALIDATION_FAILED.failure(standby + " is not healthy: " + probe.summary());
    }
    String text = probe.summary();
    if (database instanceof DatabaseSwitchover replicated) {
      text += "; " + outages.replication(replicated, active, standby, waiting(Step.VALIDATE, text));
    }
    tracker.set(Step.VALIDATE, StepState.SUCCEEDED, text);
  }

  /** Smoke tests on the standby; the approval that follows shows what they found. */
  private void smoke() {
    new SmokeTests(request, activities, tracker).run(standby);
  }

  private void approveSwitch() {
    if (!policy.needsApproval(Step.SWITCH.id())) {
      tracker.start(Step.APPROVE, "");
      tracker.set(Step.APPROVE, StepState.SKIPPED, "the policy needs no approval to switch");
      return;
    }
    awaitApproval(Step.APPROVE, Step.SWITCH.id());
    tracker.set(Step.APPROVE, StepState.SUCCEEDED, approvals.approvedBy());
  }

  private void switchTraffic() {
    tracker.start(Step.SWITCH, "moving traffic from " + active + " to " + standby);
    images.requireSameDigests(Step.SWITCH, standby, active);
    mustRollBack = true;
    SwitchResult result = traffic.forward(active, standby, database);
    String former = active;
    active = standby;
    standby = former;
    tracker.roles(active, standby);
    if (!(database instanceof DatabaseSwitchover)) {
      rollback.open(standby);
    } else {
      // The old primary is fenced and the new one has taken writes: going back is a reverse
      // switchover (a release), not a router flip.
      mustRollBack = false;
      rollback.close("the database is primary on " + active + " now");
    }
    tracker.rollback(rollback.describe());
    tracker.set(
        Step.SWITCH,
        StepState.SUCCEEDED,
        "traffic on "
            + active
            + " (switched in "
            + result.millis()
            + " ms)"
            + (traffic.shifted() == null ? "" : " after " + traffic.shifted())
            + database.switchDetail());
  }

  private void bake() {
    new Bake(request, activities, tracker, rollback).run(active);
    mustRollBack = false;
  }

  private void backfill() {
    if (policy.needsApproval(Step.BACKFILL.id())) {
      awaitApproval(Step.BACKFILL, Step.BACKFILL.id());
    }
    // Before the rollback window closes: a refused backfill leaves the release as the bake did.
    images.requireSameDigests(Step.BACKFILL, active, standby);
    rollback.close("the backfill of " + standby + " with " + request.version() + " started");
    tracker.rollback(rollback.describe());
    String seeded = "";
    if (database instanceof DatabaseSwitchover replicated) {
      tracker.start(Step.BACKFILL, "re-seeding " + standby + "'s database from " + active);
      seeded = replicated.reseed(standby, active) + "; ";
    }
    String deploying = seeded + "deploying " + request.version() + " to " + standby;
    tracker.start(Step.BACKFILL, deploying);
    DeployResult result = deploy(standby, Step.BACKFILL, deploying);
    tracker.set(Step.BACKFILL, StepState.SUCCEEDED, seeded + result.message());
  }

  private void awaitApproval(Step step, String gateName) {
    // A rollback asked for while the backfill waits: the bake passed, but a person wants the
    // previous site back.
    approvals.await(step, gateName, () -> mustRollBack = true);
  }

  /** Deploys, waiting out an engine that does not answer (restarting) within the outage wait. */
  private DeployResult deploy(String siteId, Step step, String doing) {
    return outages.ride(
        step == Step.BACKFILL ? FailureKind.BACKFILL_FAILED : FailureKind.DEPLOY_FAILED,
        OutageWait.UNAVAILABLE,
        () ->
            activities
                .site(siteId)
                .deploy(
                    new DeployRequest(
                        request.project(),
                        siteId,
                        request.version(),
                        Role.STANDBY,
                        images.images())),
        waiting(step, doing));
  }

  /** Shows what a running step waits for, after what it is doing. */
  private java.util.function.Consumer<String> waiting(Step step, String doing) {
    return waiting -> tracker.set(step, StepState.RUNNING, doing + "; " + waiting);
  }

  /** Moves traffic and the queue workers back; the database never moves back this way. */
  SwitchResult moveTrafficBack(String from, String to) {
    return traffic.back(from, to);
  }

  /** Sends, retried; one that still fails is reported in the progress, never thrown. */
  void notify(String event, String text) {
    if (activities == null) {
      return; // refused before it read the rules: nothing was done, and the input is a stranger's
    }
    String failure = Notifications.send(activities.notify, request.project(), event, text);
    if (failure != null) {
      tracker.notificationFailed(event, failure);
    }
  }

  String roleSummary() {
    return active + " active, " + standby + " standby, both on " + request.version();
  }

  // Accessors for ReleaseFailureHandler, which lives apart to keep the happy path readable.
  ReleaseRequest request() {
    return request;
  }

  ReleaseTracker tracker() {
    return tracker;
  }

  /** True while traffic may have moved and can still go back (no database was promoted). */
  boolean mustRollBack() {
    return mustRollBack && !databasePromoted();
  }

  boolean databasePromoted() {
    return database.promoted();
  }

  String activeSite() {
    return active;
  }

  String standbySite() {
    return standby;
  }

  InstantRollback instantRollback() {
    return rollback;
  }

  void rolledBack(String nowActive, String nowStandby) {
    active = nowActive;
    standby = nowStandby;
    mustRollBack = false;
    tracker.roles(active, standby);
  }

  @Override
  public ReleaseProgress progress() {
    return tracker.snapshot();
  }

  @Override
  public String rollback(RollbackRequest request) {
    // Checked here, not in the validator, because it takes an activity. Failing the Update leaves
    // the release running as it was.
    ProbeResult probe = activities.probe.probe(new ProbeRequest(request().project(), standby));
    if (!probe.healthy()) {
      throw FailureKind.ROLLBACK_REFUSED.failure(
          standby + " is not healthy, traffic stays on " + active + ": " + probe.summary());
    }
    // Asked again: the release went on while the probe ran.
    String refusal = rollbackRefusal(request);
    if (refusal != null) {
      throw FailureKind.ROLLBACK_REFUSED.failure(refusal);
    }
    signatures.used(request.proof());
    return rollback.request(request);
  }

  @Override
  public void validateRollback(RollbackRequest request) {
    String reason = rollbackRefusal(request);
    if (reason != null) {
      throw new IllegalArgumentException(reason);
    }
  }

  private String rollbackRefusal(RollbackRequest request) {
    return rollback.refusal(request, tracker.traffic(), active, signatures);
  }

  @Override
  public ApprovalRecord approve(ApprovalRequest approval) {
    return gate.submit(approval, true, "update");
  }

  @Override
  public void validateApprove(ApprovalRequest approval) {
    refuseIfNotAllowed(approval, true);
  }

  @Override
  public ApprovalRecord reject(ApprovalRequest approval) {
    return gate.submit(approval, false, "update");
  }

  @Override
  public void validateReject(ApprovalRequest approval) {
    refuseIfNotAllowed(approval, false);
  }

  @Override
  public void approveSignal(ApprovalRequest approval) {
    gate.submit(approval, true, "signal");
  }

  @Override
  public void rejectSignal(ApprovalRequest approval) {
    gate.submit(approval, false, "signal");
  }

  private void refuseIfNotAllowed(ApprovalRequest approval, boolean approving) {
    String reason = gate.notNow(approval, approving);
    if (reason != null) {
      throw new IllegalArgumentException(reason);
    }
  }
}
