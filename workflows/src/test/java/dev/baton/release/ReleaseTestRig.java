package dev.baton.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.baton.Names;
import dev.baton.database.DatabaseActivities;
import dev.baton.database.SiteDatabaseActivities;
import dev.baton.images.ImageActivities;
import dev.baton.migrate.MigrateActivities;
import dev.baton.notify.NotifyActivities;
import dev.baton.operation.OperationActivities;
import dev.baton.probe.ProbeActivities;
import dev.baton.probe.ProbeResult;
import dev.baton.prometheus.PrometheusActivities;
import dev.baton.router.RequestLogActivities;
import dev.baton.router.RouterActivities;
import dev.baton.router.SwitchRequest;
import dev.baton.router.SwitchResult;
import dev.baton.rules.ControlRules;
import dev.baton.rules.RulesActivities;
import dev.baton.site.DeployRequest;
import dev.baton.site.DeployResult;
import dev.baton.site.SiteActivities;
import dev.baton.smoke.SmokeActivities;
import dev.baton.testing.TestRules;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Mocked activities for release workflow tests: one mock per site, each registered only on its own
 * site's task queue, so a call on a mock proves which queue the activity ran on.
 */
final class ReleaseTestRig {
  static final String PROJECT = "shop";

  final RouterActivities router = mockActivity(RouterActivities.class);
  final ProbeActivities probe = mockActivity(ProbeActivities.class);
  final DatabaseActivities database = mockActivity(DatabaseActivities.class);
  final NotifyActivities notify = mockActivity(NotifyActivities.class);
  final OperationActivities operations = mockActivity(OperationActivities.class);
  final RulesActivities rules = mockActivity(RulesActivities.class);
  final RequestLogActivities requestLog = mockActivity(RequestLogActivities.class);
  final PrometheusActivities prometheus = mockActivity(PrometheusActivities.class);
  final SiteActivities primary = mockActivity(SiteActivities.class);
  final SiteActivities secondary = mockActivity(SiteActivities.class);
  final SiteDatabaseActivities primaryDatabase = mockActivity(SiteDatabaseActivities.class);
  final SiteDatabaseActivities secondaryDatabase = mockActivity(SiteDatabaseActivities.class);

  /** HTTP smoke tests (control queue) and service smoke tests (each site's queue). */
  final SmokeActivities smokeHttp = mockActivity(SmokeActivities.class);

  final SmokeActivities primarySmoke = mockActivity(SmokeActivities.class);
  final SmokeActivities secondarySmoke = mockActivity(SmokeActivities.class);

  /** Image publishing and digests ({@code images.mode: registry}), on each site's queue. */
  final ImageActivities primaryImages = mockActivity(ImageActivities.class);

  final ImageActivities secondaryImages = mockActivity(ImageActivities.class);

  /** Migrations (each site's queue). */
  final MigrateActivities primaryMigrate = mockActivity(MigrateActivities.class);

  final MigrateActivities secondaryMigrate = mockActivity(MigrateActivities.class);
  private final TestWorkflowEnvironment env;
  private final Worker worker;

  ReleaseTestRig(TestWorkflowEnvironment env, Worker worker) {
    this.env = env;
    this.worker = worker;
    worker.registerActivitiesImplementations(
        router, probe, database, notify, operations, rules, requestLog, smokeHttp, prometheus);
    env.newWorker(Names.siteQueue(PROJECT, "primary"))
        .registerActivitiesImplementations(
            primary, primaryDatabase, primarySmoke, primaryImages, primaryMigrate);
    env.newWorker(Names.siteQueue(PROJECT, "secondary"))
        .registerActivitiesImplementations(
            secondary, secondaryDatabase, secondarySmoke, secondaryImages, secondaryMigrate);
    // A healthy world where primary is active; tests override what they break.
    when(operations.running(any())).thenReturn("");
    when(router.currentTarget(any())).thenReturn("primary");
    when(router.switchTo(any()))
        .thenAnswer(
            call -> new SwitchResult(call.<SwitchRequest>getArgument(0).toSite(), 42, "ok"));
    when(probe.probe(any())).thenAnswer(call -> healthy());
    when(primary.deploy(any())).thenAnswer(call -> deployed(call.getArgument(0)));
    when(secondary.deploy(any())).thenAnswer(call -> deployed(call.getArgument(0)));
    env.start();
  }

  static ReleasePolicy policy(List<String> approvalSteps) {
    return new ReleasePolicy(
        approvalSteps,
        List.of("alice", "bob"),
        true,
        Duration.ofHours(1),
        TimeoutOutcome.REJECT,
        Duration.ofMinutes(2),
        Duration.ofSeconds(30),
        Duration.ofMinutes(10),
        List.of("worker"),
        false,
        16 << 20,
        Duration.ofSeconds(30),
        List.of(),
        Duration.ZERO,
        false,
        null,
        false,
        null,
        List.of(),
        null,
        null);
  }

  /** The test policy with database mode replicated. */
  static ReleasePolicy replicatedPolicy(List<String> approvalSteps) {
    ReleasePolicy p = policy(approvalSteps);
    return copy(p, p.approvers(), p.approvalTimeout(), p.onApprovalTimeout(), true, false);
  }

  /** The test policy with the search attributes on or off. */
  static ReleasePolicy searchAttributesPolicy(List<String> approvalSteps, boolean on) {
    ReleasePolicy p = policy(approvalSteps);
    return copy(p, p.approvers(), p.approvalTimeout(), p.onApprovalTimeout(), false, on);
  }

  /** The test policy with other approvers and an approval timeout outcome. */
  static ReleasePolicy policy(
      List<String> approvalSteps,
      List<String> approvers,
      Duration timeout,
      TimeoutOutcome outcome) {
    return copy(policy(approvalSteps), approvers, timeout, outcome, false, false);
  }

  private static ReleasePolicy copy(
      ReleasePolicy p,
      List<String> approvers,
      Duration timeout,
      TimeoutOutcome outcome,
      boolean replicated,
      boolean searchAttributes) {
    return new ReleasePolicy(
        p.approvalSteps(),
        approvers,
        p.fourEyes(),
        timeout,
        outcome,
        p.bake(),
        p.probeInterval(),
        p.deployTimeout(),
        p.activeOnlyServices(),
        replicated,
        p.maxLagBytes(),
        p.maxLag(),
        p.shift(),
        p.shiftPause(),
        searchAttributes,
        null,
        false,
        null,
        List.of(),
        null,
        null);
  }

  static ReleaseRequest request(ReleasePolicy policy) {
    return new ReleaseRequest(PROJECT, "v2", "carol", List.of("primary", "secondary"), policy);
  }

  /** Starts a release without blocking (a blocking call would unlock time skipping). */
  ReleaseWorkflow start(ReleaseRequest request) {
    // The rules under test stand where the control worker's file would: in its answer.
    controlRules(request.policy());
    ReleaseWorkflow release = stub(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE);
    WorkflowClient.start(release::run, request);
    return release;
  }

  /** What the control worker answers when the release reads its rules. */
  void controlRules(ReleasePolicy policy) {
    controlRules(TestRules.release(PROJECT, policy));
  }

  void controlRules(ControlRules answer) {
    when(rules.read(any())).thenReturn(answer);
  }

  /** Starts a release under rules given as they are, whatever the request carries. */
  ReleaseWorkflow startUnder(ControlRules answer, ReleaseRequest request) {
    controlRules(answer);
    ReleaseWorkflow release = stub();
    WorkflowClient.start(release::run, request);
    return release;
  }

  /** The test service's clock, which the workflow reads as "now". */
  java.time.Instant now() {
    return java.time.Instant.ofEpochMilli(env.currentTimeMillis());
  }

  /** Moves the test service's clock (the bake is timers; nothing here really waits for it). */
  void skip(Duration duration) {
    env.sleep(duration);
  }

  /**
   * The release started last, for its result: {@code stub().run(null)} waits for it. A duplicate is
   * rejected, so a release that ended before the call is read, not run again with a null request
   * (which then failed every workflow task and hung the test).
   */
  ReleaseWorkflow stub() {
    return stub(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE);
  }

  private ReleaseWorkflow stub(WorkflowIdReusePolicy reuse) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            ReleaseWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(Names.releaseWorkflowId(PROJECT))
                .setWorkflowIdReusePolicy(reuse)
                .build());
  }

  /** The release that runs now, for queries from inside a mocked activity. */
  ReleaseWorkflow running() {
    return env.getWorkflowClient()
        .newWorkflowStub(ReleaseWorkflow.class, Names.releaseWorkflowId(PROJECT));
  }

  /** Polls the progress query until the condition holds (the workflow runs in other threads). */
  static ReleaseProgress awaitProgress(ReleaseWorkflow release, Predicate<ReleaseProgress> until) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    ReleaseProgress progress = release.progress();
    while (!until.test(progress) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      progress = release.progress();
    }
    assertThat(until.test(progress)).as("progress reached the condition: %s", progress).isTrue();
    return progress;
  }

  static ReleaseProgress awaitWaitingFor(ReleaseWorkflow release, String step) {
    return awaitProgress(release, p -> step.equals(p.waitingFor()));
  }

  /**
   * Waits until the release has no activity in flight, so that it waits on nothing but a timer or a
   * decision. Tests that cancel wait for this first: the test service can lose the workflow task
   * that answers a cancel landing while an activity is scheduled (it refuses the completion and
   * never schedules another task, as in temporalio/sdk-java#3088), and the release then never
   * closes; the real server fails and retries such a task.
   */
  static void awaitNoActivityInFlight(ReleaseWorkflow release) {
    WorkflowStub stub = WorkflowStub.fromTyped(release);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    int inFlight = stub.describe().getRawDescription().getPendingActivitiesCount();
    while (inFlight > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      inFlight = stub.describe().getRawDescription().getPendingActivitiesCount();
    }
    assertThat(inFlight).as("activities in flight").isZero();
  }

  static ProbeResult healthy() {
    return new ProbeResult("any", true, 3, Map.of());
  }

  static ProbeResult unhealthy(String siteId) {
    return new ProbeResult(siteId, false, 3, Map.of("api", "HTTP 500"));
  }

  static DeployResult deployed(DeployRequest request) {
    return new DeployResult(
        request.siteId(),
        request.version(),
        Map.of("api", "shop-api:" + request.version()),
        true,
        "3 services healthy on " + request.siteId());
  }

  private static <T> T mockActivity(Class<T> type) {
    return mock(type, withSettings().withoutAnnotations());
  }
}
